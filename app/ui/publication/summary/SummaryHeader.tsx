/** The top of the published summary and its first section. */
import { useTranslation } from "../../../i18n/use-translation";
import { pickText, type PublishedSummary } from "../../../domain/publication/summary";
import { Name, PARTNERSHIP_LANG, withNames } from "../../Names";
import { foreign } from "../numbers";
import { Paragraphs, type SummaryMeta } from "./text";

/** The title, which version this is and what changed, and the contents. */
export function SummaryHeader({ s, locale, meta }: { s: PublishedSummary; locale: string; meta: SummaryMeta | null }) {
  const { t } = useTranslation("publication");
  const title = pickText(s.titles, locale);
  const sections = ["asked", "who", "said", "did", "method", "numbers", "data", "contact", ...(meta ? ["versions"] : [])];
  return (
    <>
      <span className="govuk-caption-l">
        <Name name={{ text: s.partnershipName, lang: PARTNERSHIP_LANG }} locale={locale} />
      </span>
      <h1 className="govuk-heading-xl" {...foreign(title.lang, locale)}>
        {title.text}
      </h1>
      {meta ? (
        <>
          {meta.version < meta.latest ? (
            <div className="govuk-inset-text" data-testid="older-version">
              {t("summary.olderVersion", { version: meta.version })}{" "}
              <a className="govuk-link" href={meta.basePath}>
                {t("summary.readLatest")}
              </a>
            </div>
          ) : null}
          <p className="govuk-body" data-testid="last-updated">
            {t("summary.lastUpdated", { date: meta.updated, version: meta.version })}
          </p>
          {meta.changeNote ? (
            <p className="govuk-body" data-testid="what-changed">
              <strong>{t("summary.whatChanged")}</strong> <span {...foreign(meta.changeNoteLang, locale)}>{meta.changeNote}</span>
            </p>
          ) : null}
          <ul className="govuk-list app-no-print">
            <li>
              <a className="govuk-link" href={`${meta.basePath}${meta.version < meta.latest ? `/v/${meta.version}` : ""}/easy-read`}>
                {t("summary.easyReadLink")}
              </a>
            </li>
            <li>
              <a className="govuk-link" href="#open-data">
                {t("summary.openDataLink")}
              </a>
            </li>
          </ul>
        </>
      ) : null}
      <nav className="app-contents app-no-print" aria-labelledby="contents-heading">
        <h2 className="govuk-heading-s" id="contents-heading">
          {t("summary.contents")}
        </h2>
        <ol className="govuk-list govuk-list--number">
          {sections.map((id) => (
            <li key={id}>
              <a className="govuk-link" href={`#${id === "data" ? "open-data" : id}`}>
                {t(`summary.sections.${id}`)}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </>
  );
}

/** What we asked: the officer's text, or a sentence naming the consultation. */
export function WhatWeAsked({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  const title = pickText(s.titles, locale);
  const asked = pickText(Object.fromEntries(Object.entries(s.narrative).map(([l, n]) => [l, n.whatWeAsked])), locale);
  return (
    <>
      <h2 className="govuk-heading-l" id="asked">
        {t("summary.sections.asked")}
      </h2>
      {asked.text ? (
        <Paragraphs text={asked.text} lang={asked.lang} locale={locale} />
      ) : (
        <p className="govuk-body">{withNames(t("summary.askedDefault", { title: title.text }), [title], locale)}</p>
      )}
    </>
  );
}
