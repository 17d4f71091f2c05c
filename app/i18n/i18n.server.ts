import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { DEFAULT_LOCALE, i18nOptions, isLocale, isStaffPath, pageLocaleFor, type Locale } from "./config";
import { PREVIEW_LOCALE_COOKIE, previewSlugOf } from "./preview-path";

export const LOCALE_COOKIE = "lng";

/**
 * Picks the locale: ?lng, then (inside a staff preview only) the preview's own language
 * cookie, then the lng cookie, then Accept-Language, then English.
 */
export function detectLocale(request: Request): Locale {
  const url = new URL(request.url);
  const cookie = request.headers.get("Cookie") ?? "";
  const fromQuery = url.searchParams.get("lng");
  const preview = previewSlugOf(url.pathname) ? cookieValue(cookie, PREVIEW_LOCALE_COOKIE) : null;
  return pickLocale(isLocale(fromQuery) ? fromQuery : preview, cookie, request.headers.get("Accept-Language") ?? "");
}

function cookieValue(cookie: string, name: string): string | null {
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The language the page itself is shown in: detectLocale, but English on untranslated staff screens (Polish, Urdu). */
export function pageLocale(request: Request): Locale {
  return pageLocaleFor(detectLocale(request), new URL(request.url).pathname);
}

/** The lng cookie that keeps a language chosen for a year. */
export function localeCookie(lng: Locale, secure: boolean): string {
  return [`${LOCALE_COOKIE}=${lng}`, "Path=/", "Max-Age=31536000", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

/**
 * A page opened with `?lng=` (a shared link, an invitation) keeps that language for the rest of the
 * visit: the cookie to set when it differs from the one held, else null. Staff screens never set it
 * (an officer previewing the Urdu summary has not chosen Urdu for themselves).
 */
export function persistQueryLocale(method: string, pathname: string, fromQuery: unknown, cookie: string | undefined, secure: boolean): string | null {
  // Nor does a staff preview of the journey: its language is the preview's own (preview_lng), never the officer's.
  if ((method !== "GET" && method !== "HEAD") || !isLocale(fromQuery) || isStaffPath(pathname) || previewSlugOf(pathname) !== null) return null;
  const held = /(?:^|;\s*)lng=([^;]+)/.exec(cookie ?? "")?.[1];
  return held === fromQuery ? null : localeCookie(fromQuery, secure);
}

/** detectLocale's rule on the raw values (also used by server.js's cache of public pages). */
export function pickLocale(fromQuery: string | null, cookie: string, accept: string): Locale {
  if (isLocale(fromQuery)) return fromQuery;
  const match = /(?:^|;\s*)lng=([^;]+)/.exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  const ranked = accept
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) if (isLocale(tag)) return tag;
  return DEFAULT_LOCALE;
}

let base: I18n | null = null;

/**
 * One i18next instance per request, so concurrent requests never share a language. Each is a
 * clone of one base instance initialised at first use (`cloneInstance` shares the parsed
 * resources): creating and initialising a fresh instance per request cost more than the rest
 * of rendering a small page (test/bench/RESULTS-load.md, decision 0016).
 */
export function serverI18n(locale: Locale): I18n {
  if (!base) {
    base = createInstance();
    void base.init({ ...i18nOptions, lng: DEFAULT_LOCALE });
  }
  return base.cloneInstance({ lng: locale });
}

export function getFixedT(request: Request): { t: TFunction; locale: Locale } {
  const locale = detectLocale(request);
  return { t: serverI18n(locale).getFixedT(locale, "common"), locale };
}
