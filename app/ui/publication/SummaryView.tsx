/**
 * The published summary ("you said, we did"). Rendered both as the public,
 * cached page (PublicDocument) and inside the officer's preview, so it uses
 * plain links only. Numbers arrive disclosure-controlled; in the preview each
 * also carries its exact figure, shown marked.
 */
import { directionOf } from "../../i18n/config";
import { useTranslation } from "../../i18n/use-translation";
import type { TFunction } from "i18next";
import { LICENCE_URLS, NOT_STATED, pickText, type PublishedSummary } from "../../domain/publication/summary";
import { Table } from "../components";
import { BarChart } from "./BarChart";
import { CosStarList } from "./CosStar";
import { Name, PARTNERSHIP_LANG, withNames } from "../Names";
import { Count, countText, Exact, foreign, Percent, percentText } from "./numbers";

export interface SummaryMeta {
  version: number;
  latest: number;
  updated: string;
  changeNote: string;
  changeNoteLang: string;
  basePath: string;
  history: Array<{ version: number; date: string; changeNote: string; changeNoteLang: string; withdrawn: boolean }>;
}

export function Paragraphs({ text, lang, locale }: { text: string; lang: string; locale: string }) {
  const parts = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        <p className="govuk-body" key={i} {...foreign(lang, locale)}>
          {p}
        </p>
      ))}
    </>
  );
}

export function groupName(t: TFunction, key: string) {
  return t(`publication:groups.${key}`, { defaultValue: key });
}

function localityName(t: TFunction, key: string) {
  return key === NOT_STATED ? t("publication:groups.not-stated") : key;
}

export function methodSentences(s: PublishedSummary, t: TFunction, locale: string): string[] {
  const m = s.method;
  if (!m) return [];
  const rule =
    m.rule === "comet"
      ? t(m.bound === "inclusive" ? "publication:method.cometInclusive" : "publication:method.comet", { in: m.thresholdIn, out: m.thresholdOut })
      : m.rule === "median-iqr"
        ? t("publication:method.medianIqr")
        : t("publication:method.randUcla");
  return [t("publication:method.scale"), rule, t(`publication:method.groups.${m.groups}`, { defaultValue: "" })].filter(Boolean).concat(
    s.outcomesRated ? [t("publication:method.rated", { count: s.outcomesRated, formatted: new Intl.NumberFormat(locale).format(s.outcomesRated) })] : [],
  );
}

/** The one paragraph that explains weighting. */
export function weightingParagraph(s: PublishedSummary, t: TFunction, locale: string): string {
  const parts = [t(s.method?.groupWeighting === "pooled" ? "publication:weighting.pooled" : "publication:weighting.equal")];
  if (s.weighting.weighted) {
    parts.push(
      t("publication:weighting.raked", {
        variables: s.weighting.variables.map((v) => t(`publication:variables.${v}`, { defaultValue: v })).join(", "),
        name: s.weighting.marginsName ?? "",
      }),
    );
    if (s.weighting.effectiveSize) parts.push(t("publication:weighting.effective", { people: countText(s.weighting.effectiveSize, t, locale), deff: s.weighting.deff ?? "" }));
  } else {
    parts.push(t("publication:weighting.none"));
  }
  return parts.join(" ");
}

export function SummaryView({ summary: s, locale, meta }: { summary: PublishedSummary; locale: string; meta: SummaryMeta | null }) {
  const { t } = useTranslation("publication");
  const title = pickText(s.titles, locale);
  const narrative = (field: "whatWeAsked" | "whatWeDid" | "method" | "contact") =>
    pickText(Object.fromEntries(Object.entries(s.narrative).map(([l, n]) => [l, n[field]])), locale);
  const asked = narrative("whatWeAsked");
  const did = narrative("whatWeDid");
  const method = narrative("method");
  const contact = narrative("contact");
  const lang = (l: string) => (l === locale ? undefined : l);
  const p = s.participation;
  const hasPopulation = p.byLocality.some((l) => l.population !== null);
  const sections = ["asked", "who", "said", "did", "method", "numbers", "data", "contact", ...(meta ? ["versions"] : [])];
  return (
    <div className="app-summary">
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

      <h2 className="govuk-heading-l" id="asked">
        {t("summary.sections.asked")}
      </h2>
      {asked.text ? <Paragraphs text={asked.text} lang={asked.lang} locale={locale} /> : <p className="govuk-body">{withNames(t("summary.askedDefault", { title: title.text }), [title], locale)}</p>}

      <h2 className="govuk-heading-l" id="who">
        {t("summary.sections.who")}
      </h2>
      <p className="govuk-body-l" data-testid="people-total">
        {s.rounds && s.rounds.length > 1
          ? p.total.value === null
            ? t("summary.totalFewRounds", { rounds: s.rounds.length })
            : t("summary.totalRounds", { people: countText(p.total, t, locale), rounds: s.rounds.length })
          : p.total.value === null
            ? t("summary.totalFew", { round: s.round })
            : t("summary.total", { people: countText(p.total, t, locale), round: s.round })}
        <Exact exact={p.total.exact} t={t} locale={locale} />
      </p>
      {s.rounds && s.rounds.length > 1 ? (
        <div data-testid="people-by-round">
          <Table
            caption={t("summary.roundsTableCaption")}
            head={[t("summary.col.round"), t("summary.col.people")]}
            numericColumns={[1]}
            rows={s.rounds.map((r) => [t("summary.roundName", { round: r.round }), <Count key="c" c={r.participants} t={t} locale={locale} />])}
          />
        </div>
      ) : null}
      <BarChart
        id="chart-groups"
        title={t("summary.groupsChartTitle")}
        description={t("summary.chartDescription")}
        series={[{ name: t("summary.peopleSeries") }]}
        max={Math.max(...p.byGroup.map((g) => g.count.value ?? 0), 1)}
        bars={p.byGroup.map((g) => ({ label: groupName(t, g.key), values: [g.count.value], texts: [countText(g.count, t, locale)] }))}
      />
      <Table
        caption={t("summary.groupsTableCaption")}
        head={[t("summary.col.group"), t("summary.col.people"), t("summary.col.shareOfPeople")]}
        numericColumns={[1, 2]}
        rows={p.byGroup.map((g) => [groupName(t, g.key), <Count key="c" c={g.count} t={t} locale={locale} />, <Percent key="p" s={g.share} t={t} locale={locale} />])}
      />
      <BarChart
        id="chart-localities"
        title={t("summary.localitiesChartTitle")}
        description={t(hasPopulation ? "summary.localitiesChartDescription" : "summary.chartDescription")}
        series={hasPopulation ? [{ name: t("summary.peopleShareSeries") }, { name: t("summary.populationSeries") }] : [{ name: t("summary.peopleShareSeries") }]}
        max={100}
        bars={p.byLocality.map((l) => ({
          label: localityName(t, l.key),
          values: hasPopulation ? [l.share.value, l.population] : [l.share.value],
          texts: hasPopulation
            ? [percentText(l.share, t, locale), l.population === null ? t("numbers.notAvailable") : t("numbers.percent", { value: new Intl.NumberFormat(locale).format(l.population) })]
            : [percentText(l.share, t, locale)],
        }))}
      />
      <Table
        caption={t("summary.localitiesTableCaption")}
        head={[t("summary.col.locality"), t("summary.col.people"), t("summary.col.shareOfPeople"), t("summary.col.shareOfPopulation")]}
        numericColumns={[1, 2, 3]}
        rows={p.byLocality.map((l) => [
          localityName(t, l.key),
          <Count key="c" c={l.count} t={t} locale={locale} />,
          <Percent key="p" s={l.share} t={t} locale={locale} />,
          l.population === null ? t("numbers.notAvailable") : t("numbers.percent", { value: new Intl.NumberFormat(locale).format(l.population) }),
        ])}
      />
      {p.populationName ? <p className="govuk-body-s">{t("summary.populationSource", { name: p.populationName })}</p> : null}
      <h3 className="govuk-heading-m">{t("summary.weightingHeading")}</h3>
      <p className="govuk-body" data-testid="weighting">
        {weightingParagraph(s, t, locale)}
      </p>

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
              return { label: `${i + 1}. ${st.text}`, lang: lang(st.lang), values: [c.percentCritical.value], texts: [percentText(c.percentCritical, t, locale)] };
            })}
          />
          <Table
            caption={t("summary.consensusTableCaption")}
            head={[t("summary.col.outcome"), t("summary.col.priority"), t("summary.col.critical"), t("summary.col.scored"), ...(s.rounds ? [t("summary.col.decidedIn")] : [])]}
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
    </div>
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
          head={[t("summary.col.outcome"), t("summary.col.decidedIn"), t("summary.col.result"), t("summary.col.critical"), ...(rounds.length > 1 ? [t("summary.col.path")] : [])]}
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
