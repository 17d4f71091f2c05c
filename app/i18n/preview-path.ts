/**
 * The staff preview of a journey lives under /s/<slug>/preview. Its language is kept in a
 * cookie scoped to that path (`preview_lng`), never in the officer's own `lng` cookie, so
 * previewing in Welsh leaves the officer's staff screens in their own language. Shared by the
 * server (locale detection, cookies) and the browser (the layout reloads pages that leave it).
 */
export const PREVIEW_LOCALE_COOKIE = "preview_lng";

const PREVIEW_PATH = /^\/s\/([a-z0-9-]{1,80})\/preview(?:\/|$)/;

/** The consultation slug when `pathname` is inside a staff preview, else null. */
export function previewSlugOf(pathname: string): string | null {
  return PREVIEW_PATH.exec(pathname)?.[1] ?? null;
}

/** How long a preview's language is kept: as long as the preview's answers (six hours). */
export const PREVIEW_LOCALE_SECONDS = 6 * 60 * 60;

/** The Set-Cookie value that keeps `locale` for the preview of `slug` only. */
export function previewLocaleCookie(slug: string, locale: string, secure: boolean): string {
  return [
    `${PREVIEW_LOCALE_COOKIE}=${locale}`,
    `Path=/s/${slug}/preview`,
    `Max-Age=${PREVIEW_LOCALE_SECONDS}`,
    "SameSite=Lax",
    "HttpOnly",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
