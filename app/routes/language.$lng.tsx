import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "../auth/guards.server";
import { secureCookies } from "../env.server";
import { SUPPORTED_LOCALES } from "../i18n/config";
import { localeCookie } from "../i18n/i18n.server";
import { previewLocaleCookie, previewSlugOf } from "../i18n/preview-path";

const params = z.object({ lng: z.enum(SUPPORTED_LOCALES) });

/** The page to return to, without a ?lng= that would override the language just chosen. */
function withoutLng(path: string): string {
  const url = new URL(path, "http://x");
  if (!url.searchParams.has("lng")) return path;
  url.searchParams.delete("lng");
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The language switcher is plain links, so it works without JavaScript. */
export function loader({ params: raw, request }: LoaderFunctionArgs) {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const back = withoutLng(safeRedirect(url.searchParams.get("returnTo"), "/"));
  // Switching language inside a staff preview changes the preview's language, not the officer's.
  const previewSlug = previewSlugOf(new URL(back, url.origin).pathname);
  if (previewSlug) return redirect(back, { headers: { "Set-Cookie": previewLocaleCookie(previewSlug, parsed.data.lng, secureCookies()) } });
  return redirect(back, { headers: { "Set-Cookie": localeCookie(parsed.data.lng, secureCookies()) } });
}
