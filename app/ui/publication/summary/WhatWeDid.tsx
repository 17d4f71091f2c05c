/** The published summary's last sections: what we did and how, the numbers, open data, contact and versions. */
import { useTranslation } from "../../../i18n/use-translation";
import { LICENCE_URLS, pickText, type PublishedSummary } from "../../../domain/publication/summary";
import { Table } from "../../components";
import { CosStarList } from "../CosStar";
import { foreign } from "../numbers";
import { methodSentences, Paragraphs, type SummaryMeta } from "./text";

/** What we did: the agreed outcome set, and how the study was done. */
export function WhatWeDid({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  const narrative = (field: "whatWeAsked" | "whatWeDid" | "method" | "contact") =>
    pickText(Object.fromEntries(Object.entries(s.narrative).map(([l, n]) => [l, n[field]])), locale);
  const did = narrative("whatWeDid");
  const method = narrative("method");
  return (
    <>
      <h2 className="govuk-heading-l" id="did">
        {t("summary.sections.did")}
      </h2>
      {s.outcomeSet ? (
        <>
          <p className="govuk-body">{t("summary.outcomeSetIntro", { version: s.outcomeSet.version, date: s.outcomeSet.agreedOn })}</p>
          {s.outcomeSet.agreedBy.length > 0 ? <p className="govuk-body">{t("summary.agreedBy", { organisations: s.outcomeSet.agreedBy.join(", ") })}</p> : null}
          <Table
            caption={t("summary.outcomeSetCaption")}
            head={[t("summary.col.outcome"), t("summary.col.domain"), t("summary.col.weight"), t("summary.col.indicators")]}
            numericColumns={[2]}
            rows={s.outcomeSet.outcomes.map((o) => {
              const st = pickText(o.statements, locale);
              const d = pickText(o.domain, locale);
              return [
                <span key="o" {...foreign(st.lang, locale)}>
                  {st.text}
                </span>,
                <span key="d" {...foreign(d.lang, locale)}>
                  {d.text}
                </span>,
                t("numbers.percent", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(o.weight) }),
                o.indicators.join("; "),
              ];
            })}
          />
        </>
      ) : null}
      {did.text ? <Paragraphs text={did.text} lang={did.lang} locale={locale} /> : <p className="govuk-body">{t("summary.didDefault")}</p>}

      <h2 className="govuk-heading-l" id="method">
        {t("summary.sections.method")}
      </h2>
      {methodSentences(s, t, locale).map((line, i) => (
        <p className="govuk-body" key={i}>
          {line}
        </p>
      ))}
      {method.text ? <Paragraphs text={method.text} lang={method.lang} locale={locale} /> : null}
      {s.howDone ? (
        <div data-testid="how-done">
          <h3 className="govuk-heading-m">{t("cosStar.heading")}</h3>
          <p className="govuk-body">{t("cosStar.intro")}</p>
          <CosStarList
            items={s.howDone[locale] ?? s.howDone.en ?? []}
            statements={Object.fromEntries((s.outcomes ?? []).map((o) => [o.code, pickText(o.statements, locale).text]))}
            locale={locale}
            headingLevel={4}
          />
        </div>
      ) : null}
    </>
  );
}

/** How small numbers are protected, and the open data with its licence. */
export function NumbersAndData({ s, locale, meta }: { s: PublishedSummary; locale: string; meta: SummaryMeta | null }) {
  const { t } = useTranslation("publication");
  return (
    <>
      <h2 className="govuk-heading-l" id="numbers">
        {t("summary.sections.numbers")}
      </h2>
      <p className="govuk-body">{t("rules.intro")}</p>
      <ul className="govuk-list govuk-list--bullet" data-testid="rules-applied">
        {(["small", "rounded", "withheld", "secondary"] as const).map((r) => (
          <li key={r}>
            {t(`rules.${r}`)} {s.rules.includes(r) ? <strong>{t("rules.applied")}</strong> : t("rules.notApplied")}
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-l" id="open-data">
        {t("summary.sections.data")}
      </h2>
      <p className="govuk-body">{t("summary.openDataIntro")}</p>
      {meta ? (
        <ul className="govuk-list app-no-print">
          <li>
            <a className="govuk-link" href={`${meta.basePath}/v/${meta.version}/data.csv`} download>
              {t("summary.downloadCsv", { version: meta.version })}
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`${meta.basePath}/v/${meta.version}/data.json`} download>
              {t("summary.downloadJson", { version: meta.version })}
            </a>
          </li>
        </ul>
      ) : null}
      <p className="govuk-body" data-testid="licence">
        {t("summary.licence")}{" "}
        <a className="govuk-link" href={LICENCE_URLS[s.licence]} rel="license">
          {t(`licences.${s.licence.replace(/[.-]/g, "")}`)}
        </a>
      </p>
    </>
  );
}

/** Who to contact, and every published version. */
export function ContactAndVersions({ s, locale, meta }: { s: PublishedSummary; locale: string; meta: SummaryMeta | null }) {
  const { t } = useTranslation("publication");
  const contact = pickText(Object.fromEntries(Object.entries(s.narrative).map(([l, n]) => [l, n.contact])), locale);
  return (
    <>
      <h2 className="govuk-heading-l" id="contact">
        {t("summary.sections.contact")}
      </h2>
      {contact.text ? <Paragraphs text={contact.text} lang={contact.lang} locale={locale} /> : null}
      {s.contactEmail ? (
        <p className="govuk-body">
          {t("summary.email")}{" "}
          <a className="govuk-link" href={`mailto:${s.contactEmail}`}>
            {s.contactEmail}
          </a>
        </p>
      ) : null}

      {meta ? (
        <>
          <h2 className="govuk-heading-l" id="versions">
            {t("summary.sections.versions")}
          </h2>
          <ul className="govuk-list" data-testid="versions">
            {meta.history.map((h) => (
              <li key={h.version}>
                {h.withdrawn ? (
                  t("summary.versionWithdrawn", { version: h.version, date: h.date })
                ) : (
                  <a className="govuk-link" href={`${meta.basePath}/v/${h.version}`} aria-current={h.version === meta.version ? "page" : undefined}>
                    {t("summary.versionLink", { version: h.version, date: h.date })}
                  </a>
                )}
                {h.changeNote ? (
                  <>
                    {" – "}
                    <span {...foreign(h.changeNoteLang, locale)}>{h.changeNote}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
