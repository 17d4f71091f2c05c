import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "../auth/guards.server";
import { env, secureCookies } from "../env.server";
import { clientAddress } from "../utils/client-address.server";
import { linkOrigin } from "../auth/consultation-rounds.server";
import { serializeSsoStateCookie, startSso } from "../services/sso.server";
import { SLUG_PATTERN } from "../domain/consultation/slug";

const schema = z.object({ partnership: z.string().regex(SLUG_PATTERN), redirectTo: z.string().max(2000).nullable() });

/**
 * Sends the browser to its partnership's identity provider (decision 0025). A link, not a form:
 * the Content-Security-Policy's form-action 'self' would (rightly) stop a form's redirect to
 * another site. What it starts is one row that expires in ten minutes, limited per address.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const url = new URL(request.url);
  const parsed = schema.safeParse({ partnership: url.searchParams.get("partnership"), redirectTo: url.searchParams.get("redirectTo") });
  if (!parsed.success) return redirect("/sign-in?sso=no-provider");
  const started = await startSso(
    args.context.db,
    env(),
    {
      partnershipSlug: parsed.data.partnership,
      redirectTo: safeRedirect(parsed.data.redirectTo),
      origin: linkOrigin(request),
      address: clientAddress(request),
    },
    new Date(),
  );
  if (!started.ok) {
    if (started.reason === "rate-limited")
      throw new Response("Too Many Requests", { status: 429, headers: { "Retry-After": String(started.retryAfterSeconds) } });
    return redirect(`/sign-in?sso=${started.reason}`);
  }
  return redirect(started.url, { headers: { "Set-Cookie": serializeSsoStateCookie(started.state, secureCookies()), "Referrer-Policy": "no-referrer" } });
}
