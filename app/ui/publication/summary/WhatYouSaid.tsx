/** The published summary's "what you said" section. */
import { directionOf } from "../../../i18n/config";
import { useTranslation } from "../../../i18n/use-translation";
import { pickText, type PublishedSummary } from "../../../domain/publication/summary";
import { Table } from "../../components";
import { BarChart } from "../BarChart";
import { Count, countText, foreign, Percent, percentText } from "../numbers";
import { groupName } from "./text";

/** What you said: the outcomes with consensus, and what each round decided. */
export function WhatYouSaid({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  const lang = (l: string) => (l === locale ? undefined : l);
  return (
    <>
      <h2 className="govuk-heading-l" id="said">
        {t("summary.sections.said")}
      </h2>
      {s.consensus.length === 0 ? (
        <p className="govuk-body">{t("summary.noConsensus")}</p>
      ) : (
        <>
          <p className="govuk-body">{t("summary.consensusIntro", { count: s.consensus.length })}</p>
          <BarChart
            id="chart-consensus"
            title={t("summary.consensusChartTitle")}
            description={t("summary.consensusChartDescription")}
            series={[{ name: t("summary.col.critical") }]}
            max={100}
            bars={s.consensus.map((c, i) => {
              const st = pickText(c.statements, locale);
              return {
                label: `${i + 1}. ${st.text}`,
                lang: lang(st.lang),
                values: [c.percentCritical.value],
                texts: [percentText(c.percentCritical, t, locale)],
              };
            })}
          />
          <Table
            caption={t("summary.consensusTableCaption")}
            head={[
              t("summary.col.outcome"),
              t("summary.col.priority"),
              t("summary.col.critical"),
              t("summary.col.scored"),
              ...(s.rounds ? [t("summary.col.decidedIn")] : []),
            ]}
            numericColumns={[1, 2, 3]}
            rows={s.consensus.map((c, i) => {
              const st = pickText(c.statements, locale);
              return [
                <span key="o" {...foreign(st.lang, locale)}>
                  {st.text}
                </span>,
                String(i + 1),
                <Percent key="p" s={c.percentCritical} t={t} locale={locale} />,
                <Count key="n" c={c.answered} t={t} locale={locale} />,
                ...(s.rounds ? [c.round ? t("summary.roundName", { round: c.round }) : "–"] : []),
              ];
            })}
          />
        </>
      )}
      {s.rounds && s.outcomes ? <StudyDecisions s={s} locale={locale} /> : null}
    </>
  );
}

/** What each round decided, and every outcome with the round that decided it (the whole study). */
function StudyDecisions({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  const outcomes = s.outcomes ?? [];
  const rounds = s.rounds ?? [];
  const format = new Intl.NumberFormat(locale);
  // The arrow points the way the page reads, from the first round to the last.
  const arrow = directionOf(locale) === "rtl" ? " ← " : " → ";
  const path = (o: (typeof outcomes)[number]) => o.history.map((h) => percentText(h.percentCritical, t, locale)).join(arrow);
  return (
    <>
      <h3 className="govuk-heading-m">{t("summary.roundsHeading")}</h3>
      <ul className="govuk-list govuk-list--bullet" data-testid="round-decisions">
        {rounds.map((r) => (
          <li key={r.round}>
            {t("summary.roundDecided", {
              round: r.round,
              agreed: format.format(r.consensusIn.length),
              left: format.format(r.consensusOut.length),
              open: format.format(r.noConsensus.length),
            })}
            {r.added.length ? ` ${t("summary.roundAdded", { added: format.format(r.added.length) })}` : ""}
          </li>
        ))}
      </ul>
      <div data-testid="all-outcomes">
        <Table
          caption={t("summary.allOutcomesCaption")}
          head={[
            t("summary.col.outcome"),
            t("summary.col.decidedIn"),
            t("summary.col.result"),
            t("summary.col.critical"),
            ...(rounds.length > 1 ? [t("summary.col.path")] : []),
          ]}
          numericColumns={[3]}
          rows={outcomes.map((o) => {
            const st = pickText(o.statements, locale);
            return [
              <span key="o" {...foreign(st.lang, locale)}>
                {st.text}
              </span>,
              t("summary.roundName", { round: o.round }),
              t(`summary.result.${o.consensus}`),
              <Percent key="p" s={o.percentCritical} t={t} locale={locale} />,
              ...(rounds.length > 1 ? [o.history.length > 1 ? path(o) : t("summary.onlyRound", { round: o.round })] : []),
            ];
          })}
        />
      </div>
    </>
  );
}

/** The outcomes that came from participants' own words, with the theme and quotes they came from. */
export function FromYourWords({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  return (
    <>
      {s.provenance?.length ? (
        <section aria-labelledby="from-your-words" data-testid="provenance">
          <h3 className="govuk-heading-m" id="from-your-words">
            {t("summary.provenanceHeading")}
          </h3>
          <p className="govuk-body">{t("summary.provenanceIntro")}</p>
          {s.provenance.map((p) => {
            const st = pickText(p.statements, locale);
            return (
              <div key={p.code} className="app-theme">
                <h4 className="govuk-heading-s" {...foreign(st.lang, locale)}>
                  {st.text}
                </h4>
                <p className="govuk-body">
                  {t("summary.provenanceFrom", { people: countText(p.answers, t, locale) })}{" "}
                  <bdi lang="en" dir="ltr">
                    “{p.theme}”
                  </bdi>
                </p>
                {p.quotes.map((q) => (
                  <blockquote key={q.text} className="govuk-inset-text govuk-!-margin-top-2" {...foreign(q.lang, locale)}>
                    {q.text}
                  </blockquote>
                ))}
              </div>
            );
          })}
        </section>
      ) : null}
    </>
  );
}

/** The themes in free-text answers, with counts by group and quotes. */
export function Themes({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  return (
    <>
      <h3 className="govuk-heading-m">{t("summary.themesHeading")}</h3>
      {s.themes.length === 0 ? (
        <p className="govuk-body">{t("summary.noThemes")}</p>
      ) : (
        s.themes.map((th) => {
          const label = pickText(th.labels, locale);
          return (
            <div key={th.key} className="app-theme">
              <h4 className="govuk-heading-s" {...foreign(label.lang, locale)}>
                {label.text}
              </h4>
              <p className="govuk-body">{t("summary.themeCount", { people: countText(th.count, t, locale) })}</p>
              {th.byGroup && th.byGroup.length > 1 ? (
                <div data-testid="theme-by-group">
                  <Table
                    caption={t("summary.themeGroupsCaption", { theme: label.text })}
                    head={[t("summary.col.group"), t("summary.col.people")]}
                    numericColumns={[1]}
                    rows={th.byGroup.map((g) => [groupName(t, g.key), <Count key="c" c={g.count} t={t} locale={locale} />])}
                  />
                </div>
              ) : null}
              {th.quotes.map((q, i) => (
                <blockquote className="govuk-inset-text app-quote" key={i} {...foreign(q.lang, locale)}>
                  {q.text}
                </blockquote>
              ))}
            </div>
          );
        })
      )}
    </>
  );
}
