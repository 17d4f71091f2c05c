import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { openInvitation, participantCookie } from "../services/journey.server";
import { limitPosts } from "../auth/journey-route.server";

/**
 * A personal invitation link (/invite/<token>, sent to an advisory group member): opens the journey as
 * that advisory group member, on this device, and resumes their draft. The token is never
 * kept in the URL after this: the redirect goes to the consultation's own page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { request, params } = args;
  // Guessing invitation tokens is rate limited like starting anew.
  await limitPosts(request, "start");
  const result = await openInvitation(args.context.db, String(params.token ?? ""));
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  const { slug, consultationId, token } = result.value;
  return redirect(`/s/${slug}`, {
    headers: { "Set-Cookie": participantCookie(consultationId, token), "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}

/**
 * The loader always redirects or fails; this route has a page only so that a failure (an unknown
 * link: 404, too many attempts: 429) shows the translated error page, not a bare response.
 */
export default function Invitation() {
  return null;
}
