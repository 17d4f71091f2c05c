/**
 * Rendered public summary pages and downloads, kept in memory per path and
 * locale. A published version never changes, so an entry stays valid until the
 * consultation's summary is published again or unpublished (invalidate()).
 * server.js answers cached requests before Remix (see lookupPublished), with
 * ETag, Cache-Control and 304 for a matching If-None-Match.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { getDb } from "../db.server";
import { pickLocale } from "../i18n/i18n.server";
import { contentVersion } from "../repos/journey.server";

export interface CachedPage {
  /** The database's content version when it was rendered (see journey-cache.server). */
  version?: number | null;
  status: number;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  headers: Record<string, string>;
}

const MAX_ENTRIES = 2000;
const entries = new Map<string, CachedPage>();

/** Public pages may be cached for a minute by browsers and proxies, then revalidated with the ETag. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, must-revalidate";

function key(path: string, locale: string) {
  return `${locale} ${path}`;
}

export function makeEntry(body: string | Buffer, headers: Record<string, string>, status = 200): CachedPage {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const etag = `"${createHash("sha256").update(buf).digest("base64url").slice(0, 27)}"`;
  const gzip = buf.length > 1024 ? gzipSync(buf) : null;
  return { status, body: buf, gzip, etag, headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Accept-Language, Cookie, Accept-Encoding", ...headers } };
}

/**
 * Entries are checked against the content version that database triggers move whenever a
 * consultation or a published version changes, so a page published or withdrawn through
 * another server process is not served stale (invalidatePublished covers this process at once).
 */
export async function currentVersion(): Promise<number | null> {
  return await contentVersion(getDb());
}

/** `version`: read before the page's data was (so a change made meanwhile makes it stale, not the reverse). */
export function storePublished(path: string, locale: string, entry: CachedPage, version: number | null) {
  if (version === null) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key(path, locale), { ...entry, version });
}

async function fresh(k: string): Promise<CachedPage | undefined> {
  const entry = entries.get(k);
  if (!entry) return undefined;
  const version = await currentVersion();
  if (version === null || entry.version !== version) {
    // Only this stale entry: a page stored while the version was read stays.
    if (entries.get(k) === entry) entries.delete(k);
    return undefined;
  }
  return entry;
}

export async function cachedPage(path: string, locale: string): Promise<CachedPage | undefined> {
  return await fresh(key(path, locale));
}

/** Forgets every cached page and download of one consultation's summary. */
export function invalidatePublished(slug: string) {
  const prefix = `/summaries/${slug}`;
  for (const k of [...entries.keys()]) {
    const path = k.slice(k.indexOf(" ") + 1);
    if (path === prefix || path.startsWith(`${prefix}/`)) entries.delete(k);
  }
}

/** True when If-None-Match names this entry (either encoding's tag, or *). */
export function notModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.slice(0, -1);
  return ifNoneMatch
    .split(",")
    .map((s) => s.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag || tag === `${bare}-gzip"`);
}

/**
 * The fast path server.js calls for GET and HEAD: a cached response for this
 * path and the visitor's locale, or null to let Remix render it.
 */
export async function lookupPublished(path: string, headers: { lng?: string | null; cookie?: string; acceptLanguage?: string }): Promise<CachedPage | null> {
  if (!path.startsWith("/summaries/")) return null;
  const locale = pickLocale(headers.lng ?? null, headers.cookie ?? "", headers.acceptLanguage ?? "");
  return (await fresh(key(path, locale))) ?? null;
}

export function cacheSize() {
  return entries.size;
}
