/** The published summary's "who took part" section. */
import { useTranslation } from "../../../i18n/use-translation";
import { type PublishedSummary } from "../../../domain/publication/summary";
import { Table } from "../../components";
import { BarChart } from "../BarChart";
import { Count, countText, Exact, Percent, percentText } from "../numbers";
import { groupName, localityName, weightingParagraph } from "./text";

/** Who took part: in all, by round, by stakeholder group and by locality, and how answers were weighted. */
export function WhoTookPart({ s, locale }: { s: PublishedSummary; locale: string }) {
  const { t } = useTranslation("publication");
  const p = s.participation;
  const hasPopulation = p.byLocality.some((l) => l.population !== null);
  return (
    <>
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
        rows={p.byGroup.map((g) => [
          groupName(t, g.key),
          <Count key="c" c={g.count} t={t} locale={locale} />,
          <Percent key="p" s={g.share} t={t} locale={locale} />,
        ])}
      />
      <BarChart
        id="chart-localities"
        title={t("summary.localitiesChartTitle")}
        description={t(hasPopulation ? "summary.localitiesChartDescription" : "summary.chartDescription")}
        series={
          hasPopulation ? [{ name: t("summary.peopleShareSeries") }, { name: t("summary.populationSeries") }] : [{ name: t("summary.peopleShareSeries") }]
        }
        max={100}
        bars={p.byLocality.map((l) => ({
          label: localityName(t, l.key),
          values: hasPopulation ? [l.share.value, l.population] : [l.share.value],
          texts: hasPopulation
            ? [
                percentText(l.share, t, locale),
                l.population === null ? t("numbers.notAvailable") : t("numbers.percent", { value: new Intl.NumberFormat(locale).format(l.population) }),
              ]
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
    </>
  );
}
