/**
 * Public summary pages and open-data downloads: each is rendered once per path and locale from
 * the frozen snapshot of a published version, then served from the in-memory cache with ETag,
 * Cache-Control and 304 (see published-cache.server). The rendering itself is the page's
 * (app/ui/publication/render.server), handed in by the route.
 */
import { z } from "zod";
import type { DB } from "../db.server";
import type { Locale } from "../i18n/config";
import { detectLocale } from "../i18n/i18n.server";
import { findConsultationBySlug } from "../repos/consultations.server";
import { findPublished, type PublishedView } from "./publication.server";
import { cachedPage, currentVersion, makeEntry, notModified, storePublished, type CachedPage } from "./published-cache.server";
import { SLUG_PATTERN } from "../domain/consultation/slug";

export type PublishedKind = "page" | "easy-read" | "csv" | "json";

/** What the renderer is asked for: a published version in one of its forms, or the page saying there is none (404) or it was withdrawn (410). */
export type PublishedRequest =
  | { found: true; kind: PublishedKind; view: PublishedView; slug: string; locale: Locale; path: string }
  | { found: false; status: 404 | 410; locale: Locale; path: string };

export interface RenderedPage {
  body: string;
  headers: Record<string, string>;
}

export type PublishedRenderer = (request: PublishedRequest) => RenderedPage;

const params = z.object({
  slug: z.string().regex(SLUG_PATTERN),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

/** As server.js's fast path answers: the stored gzip body when accepted, its own tag, 304 when it matches. */
export function respond(request: Request, entry: CachedPage): Response {
  const gzip = entry.gzip !== null && /\bgzip\b/.test(request.headers.get("Accept-Encoding") ?? "");
  const headers = new Headers(entry.headers);
  headers.set("ETag", gzip ? `${entry.etag.slice(0, -1)}-gzip"` : entry.etag);
  if (entry.status === 200 && notModified(request.headers.get("If-None-Match"), entry.etag)) return new Response(null, { status: 304, headers });
  if (gzip) headers.set("Content-Encoding", "gzip");
  return new Response(new Uint8Array(gzip ? entry.gzip! : entry.body), { status: entry.status, headers });
}

const SUFFIX: Record<PublishedKind, string> = { page: "", "easy-read": "/easy-read", csv: "/data.csv", json: "/data.json" };

export function canonicalPath(slug: string, version: number | undefined, kind: PublishedKind): string {
  return `/summaries/${slug}${version === undefined ? "" : `/v/${version}`}${SUFFIX[kind]}`;
}

/** The loader of every public summary route: the cached entry when fresh, else the version read, rendered and (at its canonical address) cached. */
export async function servePublished(db: DB, request: Request, rawParams: unknown, kind: PublishedKind, render: PublishedRenderer): Promise<Response> {
  const url = new URL(request.url);
  const locale = detectLocale(request);
  const hit = await cachedPage(url.pathname, locale);
  if (hit) return respond(request, hit);
  const missing = (status: 404 | 410) => {
    const page = render({ found: false, status, locale, path: url.pathname });
    return new Response(page.body, { status, headers: page.headers });
  };
  const p = params.safeParse(rawParams);
  if (!p.success) return missing(404);
  const version = await currentVersion();
  const consultation = await findConsultationBySlug(db, p.data.slug, locale);
  if (!consultation) return missing(404);
  const view = await findPublished(db, consultation.id, consultation.status, p.data.version);
  if (view === null) return missing(404);
  if (view === "withdrawn") return missing(410);
  // The page names its own address (language links) without a trailing slash, so
  // "/summaries/x/" and "/summaries/x" are the same bytes with the same ETag.
  const page = render({ found: true, kind, view, slug: p.data.slug, locale, path: url.pathname.replace(/(.)\/+$/, "$1") });
  const entry = makeEntry(page.body, page.headers);
  // Only the canonical address is kept, so spellings of it (percent-encoding, trailing
  // slashes) cannot fill the cache or push real pages out.
  if (url.pathname === canonicalPath(p.data.slug, p.data.version, kind)) storePublished(url.pathname, locale, entry, version);
  return respond(request, entry);
}
