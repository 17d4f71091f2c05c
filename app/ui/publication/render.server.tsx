/**
 * How a published version looks: the public summary page, its Easy Read version, and the
 * open-data downloads (CSV, JSON), and the page saying a summary is not there or was withdrawn.
 * Given the data only; app/services/published-pages.server finds it and caches what this renders.
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { toCsv } from "../../domain/csv";
import { LICENCE_URLS, openDataRows, pickText, type PublishedSummary } from "../../domain/publication/summary";
import { serverI18n } from "../../i18n/i18n.server";
import type { Locale } from "../../i18n/config";
import type { PublishedView } from "../../services/publication.server";
import type { PublishedKind, PublishedRequest, RenderedPage } from "../../services/published-pages.server";
import { formatDate } from "../../i18n/format.server";
import { EasyReadView } from "./EasyReadView";
import { PublicDocument } from "./PublicDocument";
import { SummaryView, type SummaryMeta } from "./SummaryView";

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

function notFound(locale: Locale, path: string, status: 404 | 410): RenderedPage {
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
  return { body: html, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" } };
}

function meta(view: PublishedView, slug: string, locale: string): SummaryMeta {
  return {
    version: view.version,
    latest: view.latest,
    updated: formatDate(view.publishedAt.toISOString(), locale),
    changeNote: view.changeNote,
    changeNoteLang: view.changeNoteLang,
    basePath: `/summaries/${slug}`,
    history: view.history.map((h) => ({
      version: h.version,
      date: formatDate(h.publishedAt.toISOString(), locale),
      changeNote: h.changeNote,
      changeNoteLang: h.changeNoteLang,
      withdrawn: h.withdrawn,
    })),
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
      'NHS Digital small-number rule (2018): counts of 1-7 are not shown (value null, rule "small"); other counts rounded to the nearest 5 (rule "rounded"); percentages based on fewer than 8 people withheld (rule "withheld"); further cells hidden so hidden cells cannot be worked out from totals (rule "secondary"). Percentages of people are computed from the rounded counts.',
    rulesApplied: s.rules,
    data: openDataRows(s),
  };
}

const page = (body: string, headers: Record<string, string>): RenderedPage => ({ body, headers });

function render(kind: PublishedKind, view: PublishedView, slug: string, locale: Locale, path: string): RenderedPage {
  const s = view.summary;
  if (kind === "json") {
    return page(JSON.stringify(openDataJson(view, s), null, 2), {
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
    return page(toCsv(["table", "category", "measure", "value", "rule"], [...metaRows, ...rows]), {
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
      ? document(
          locale,
          `${i18n.t("publication:easyRead.heading")}: ${title}`,
          path,
          <EasyReadView summary={s} locale={locale} fullVersionHref={versioned} imageHref={imageHref} />,
          true,
        )
      : document(locale, title, path, <SummaryView summary={s} locale={locale} meta={meta(view, slug, locale)} />);
  return page(html, { "Content-Type": "text/html; charset=utf-8", "Content-Language": locale, "Last-Modified": view.publishedAt.toUTCString() });
}

/** The renderer the public summary routes hand to servePublished. */
export function renderPublished(request: PublishedRequest): RenderedPage {
  return request.found
    ? render(request.kind, request.view, request.slug, request.locale, request.path)
    : notFound(request.locale, request.path, request.status);
}
