/**
 * Public summary pages and open-data downloads: rendered once per path and
 * locale from the frozen snapshot of a published version, then served from the
 * in-memory cache with ETag, Cache-Control and 304 (see published-cache.server).
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db.server";
import { toCsv } from "../../domain/csv";
import { LICENCE_URLS, openDataRows, pickText, type PublishedSummary } from "../../domain/publication/summary";
import { serverI18n, detectLocale } from "../../i18n/i18n.server";
import type { Locale } from "../../i18n/config";
import { findConsultationBySlug } from "../../repos/consultations.server";
import { cachedPage, currentVersion, makeEntry, notModified, storePublished, type CachedPage } from "../../services/published-cache.server";
import { findPublished, type PublishedView } from "../../services/publication.server";
import { formatDate } from "../../i18n/format.server";
import { EasyReadView } from "./EasyReadView";
import { PublicDocument } from "./PublicDocument";
import { SummaryView, type SummaryMeta } from "./SummaryView";

export type PublishedKind = "page" | "easy-read" | "csv" | "json";

const params = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
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

function document(locale: Locale, title: string, path: string, body: ReactNode, easyRead = false): string {
  const i18n = serverI18n(locale);
  return (
    "<!DOCTYPE html>" +
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <PublicDocument locale={locale} title={title} path={path} easyRead={easyRead}>
          {body}
        </PublicDocument>
      </I18nextProvider>,
    )
  );
}

function notFound(locale: Locale, path: string, status: 404 | 410): Response {
  const t = serverI18n(locale).getFixedT(locale, "publication");
  const key = status === 410 ? "withdrawn" : "notFound";
  const html = document(
    locale,
    t(`${key}.title`),
    path,
    <>
      <h1 className="govuk-heading-l">{t(`${key}.title`)}</h1>
      <p className="govuk-body">{t(`${key}.body`)}</p>
      <p className="govuk-body">
        <a className="govuk-link" href="/summaries">
          {t("index.heading")}
        </a>
      </p>
    </>,
  );
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" } });
}

function meta(view: PublishedView, slug: string, locale: string): SummaryMeta {
  return {
    version: view.version,
    latest: view.latest,
    updated: formatDate(view.publishedAt.toISOString(), locale),
    changeNote: view.changeNote,
    changeNoteLang: view.changeNoteLang,
    basePath: `/summaries/${slug}`,
    history: view.history.map((h) => ({ version: h.version, date: formatDate(h.publishedAt.toISOString(), locale), changeNote: h.changeNote, changeNoteLang: h.changeNoteLang, withdrawn: h.withdrawn })),
  };
}

export function openDataJson(view: PublishedView, s: PublishedSummary) {
  return {
    consultation: s.slug,
    title: s.titles,
    publisher: s.partnershipName,
    version: view.version,
    published: view.publishedAt.toISOString(),
    round: s.round,
    licence: { id: s.licence, url: LICENCE_URLS[s.licence] },
    disclosureControl:
      "NHS Digital small-number rule (2018): counts of 1-7 are not shown (value null, rule \"small\"); other counts rounded to the nearest 5 (rule \"rounded\"); percentages based on fewer than 8 people withheld (rule \"withheld\"); further cells hidden so hidden cells cannot be worked out from totals (rule \"secondary\"). Percentages of people are computed from the rounded counts.",
    rulesApplied: s.rules,
    data: openDataRows(s),
  };
}

function render(kind: PublishedKind, view: PublishedView, slug: string, locale: Locale, path: string): CachedPage {
  const s = view.summary;
  if (kind === "json") {
    return makeEntry(JSON.stringify(openDataJson(view, s), null, 2), {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-summary-v${view.version}.json"`,
      Link: `<${LICENCE_URLS[s.licence]}>; rel="license"`,
    });
  }
  if (kind === "csv") {
    const rows = openDataRows(s).map((r) => [r.table, r.category, r.measure, r.value, r.rule]);
    const metaRows = [
      ["metadata", "consultation", s.slug, null, ""],
      ["metadata", "version", String(view.version), null, view.publishedAt.toISOString()],
      ["metadata", "licence", s.licence, null, LICENCE_URLS[s.licence]],
    ];
    return makeEntry(toCsv(["table", "category", "measure", "value", "rule"], [...metaRows, ...rows]), {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-summary-v${view.version}.csv"`,
      Link: `<${LICENCE_URLS[s.licence]}>; rel="license"`,
    });
  }
  const title = pickText(s.titles, locale).text;
  const imageHref = (id: number) => `/summaries/${slug}/images/${id}`;
  const basePath = `/summaries/${slug}`;
  const versioned = view.version < view.latest ? `${basePath}/v/${view.version}` : basePath;
  const i18n = serverI18n(locale);
  const html =
    kind === "easy-read"
      ? document(locale, `${i18n.t("publication:easyRead.heading")}: ${title}`, path, <EasyReadView summary={s} locale={locale} fullVersionHref={versioned} imageHref={imageHref} />, true)
      : document(locale, title, path, <SummaryView summary={s} locale={locale} meta={meta(view, slug, locale)} />);
  return makeEntry(html, { "Content-Type": "text/html; charset=utf-8", "Content-Language": locale, "Last-Modified": view.publishedAt.toUTCString() });
}

const SUFFIX: Record<PublishedKind, string> = { page: "", "easy-read": "/easy-read", csv: "/data.csv", json: "/data.json" };

export function canonicalPath(slug: string, version: number | undefined, kind: PublishedKind): string {
  return `/summaries/${slug}${version === undefined ? "" : `/v/${version}`}${SUFFIX[kind]}`;
}

/** The loader of every public summary route. */
export async function servePublished(request: Request, rawParams: unknown, kind: PublishedKind): Promise<Response> {
  const url = new URL(request.url);
  const locale = detectLocale(request);
  const hit = await cachedPage(url.pathname, locale);
  if (hit) return respond(request, hit);
  const p = params.safeParse(rawParams);
  if (!p.success) return notFound(locale, url.pathname, 404);
  const db = getDb();
  const version = await currentVersion();
  const consultation = await findConsultationBySlug(db, p.data.slug, locale);
  if (!consultation) return notFound(locale, url.pathname, 404);
  const view = await findPublished(db, consultation.id, consultation.status, p.data.version);
  if (view === null) return notFound(locale, url.pathname, 404);
  if (view === "withdrawn") return notFound(locale, url.pathname, 410);
  // The page names its own address (language links) without a trailing slash, so
  // "/summaries/x/" and "/summaries/x" are the same bytes with the same ETag.
  const entry = render(kind, view, p.data.slug, locale, url.pathname.replace(/(.)\/+$/, "$1"));
  // Only the canonical address is kept, so spellings of it (percent-encoding, trailing
  // slashes) cannot fill the cache or push real pages out.
  if (url.pathname === canonicalPath(p.data.slug, p.data.version, kind)) storePublished(url.pathname, locale, entry, version);
  return respond(request, entry);
}
