import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { AggregateResult } from "../../domain/aggregation";
import { useTranslation } from "../../i18n/use-translation";
import { Table } from "../components";
import { DistributionBar } from "../DistributionBar";
import { ConsensusStatusTag } from "./ConsensusStatusTag";
import { EqualGroupsNote } from "./ResultsNav";
import { fmt } from "./format";
import type { ResultsData, StoredResult } from "./types";
import type { ConsensusRule } from "../../domain/aggregation";

type Parameters = AggregateResult["method"]["parameters"];

const RULE_TEXT: Record<ConsensusRule, (t: TFunction, p: Parameters) => string> = {
  comet: (t, p) => t("results.method.comet", { in: p.thresholdIn, out: p.thresholdOut, bound: t(`results.bound.${p.bound}`) }),
  "median-iqr": (t, p) => t("results.method.medianIqr", { median: p.medianIn, iqr: p.iqrMax }),
  "rand-ucla": (t) => t("results.method.randUcla"),
};

function methodText(t: TFunction, p: Parameters): string[] {
  const rule = RULE_TEXT[p.rule](t, p);
  return [rule, t(`results.groups.${p.groups}`), t(`results.groupWeighting.${p.groupWeighting}`)];
}

/** A stored result: which version, how it was computed and weighted, its tables, and links to the round's other versions. */
export function StoredResultView({ stored, data }: { stored: StoredResult; data: ResultsData }) {
  const { t } = useTranslation();
  const result = stored.data;
  return (
    <>
      <p className="govuk-body" data-testid="result-version">
        {t("results.version", { version: stored.version, count: stored.responseCount })}{" "}
        {t("results.engine", { name: result.method.name, version: result.method.version })}
      </p>
      <h2 className="govuk-heading-m">{t("results.howHeading")}</h2>
      {methodText(t, result.method.parameters as AggregateResult["method"]["parameters"]).map((line, i) => (
        <p className="govuk-body" key={i}>
          {line}
        </p>
      ))}
      <p className="govuk-body" data-testid="weighting-summary">
        {result.weighting
          ? t("results.weighting.raked", {
              name: stored.parameters.marginsName ?? "",
              deff: result.weighting.deff.toFixed(2),
              nEff: result.weighting.nEff.toFixed(1),
              n: stored.responseCount,
              iterations: result.weighting.iterations,
            })
          : t("results.weighting.none")}
      </p>
      <ResultTables result={result} statements={data.statements} gaps={data.gaps} />
      {data.versions.length > 1 ? (
        <>
          <h2 className="govuk-heading-m">{t("results.versionsHeading")}</h2>
          <ul className="govuk-list">
            {data.versions.map((v) => (
              <li key={v.version}>
                <Link className="govuk-link" to={`?round=${data.round}&version=${v.version}`}>
                  {t("results.versionLink", { version: v.version, date: v.createdAt, count: v.responseCount })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The result's tables: each outcome (by framework rank), by stakeholder group, and the distribution of scores. */
function ResultTables({ result, statements, gaps }: { result: StoredResult["data"]; statements: ResultsData["statements"]; gaps: ResultsData["gaps"] }) {
  const { t } = useTranslation();
  const groupNames = [...new Set(result.items.flatMap((i) => Object.keys(i.byGroup)))];
  return (
    <>
      <Table
        caption={t("results.itemsCaption")}
        head={[
          t("results.col.outcome"),
          t("results.col.n"),
          t("results.col.median"),
          t("results.col.critical"),
          t("results.col.chart"),
          t("results.col.consensus"),
          t("results.col.weight"),
        ]}
        numericColumns={[1, 2, 3, 6]}
        rows={[...result.items]
          .sort((a, b) => a.framework.rank - b.framework.rank)
          .map((item) => [
            <span key="o">
              {item.code}: {statements[item.code] ?? ""}
            </span>,
            String(item.n),
            fmt(item.median),
            item.weightedPercentCritical === null ? "–" : `${fmt(item.weightedPercentCritical)}% (${fmt(item.ci95?.lower)}–${fmt(item.ci95?.upper)})`,
            <DistributionBar
              key="c"
              distribution={item.distribution}
              unable={item.nUnable}
              label={t("results.chartLabel", {
                limited: item.distribution.slice(0, 3).reduce((a, b) => a + b, 0),
                middle: item.distribution.slice(3, 6).reduce((a, b) => a + b, 0),
                critical: item.distribution.slice(6).reduce((a, b) => a + b, 0),
                unable: item.nUnable,
              })}
            />,
            <ConsensusStatusTag key="s" status={item.consensus} />,
            item.framework.included ? `${item.framework.proposedWeight.toFixed(2)}%` : "–",
          ])}
      />
      <Table
        caption={t("results.byGroupCaption")}
        head={[t("results.col.outcome"), ...groupNames.map((g) => t(`results.group.${g}`, { defaultValue: g }))]}
        rows={result.items.map((item) => [
          item.code,
          ...groupNames.map((g) => {
            const s = item.byGroup[g];
            return s ? (
              <span key={g}>
                {fmt(s.weightedPercentCritical)}% <ConsensusStatusTag status={s.consensus} />
              </span>
            ) : (
              "–"
            );
          }),
        ])}
      />
      <EqualGroupsNote gaps={gaps} />
      <Table
        caption={t("results.distributionCaption")}
        head={[t("results.col.outcome"), "1", "2", "3", "4", "5", "6", "7", "8", "9", t("results.col.unable")]}
        numericColumns={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
        rows={result.items.map((item) => [item.code, ...item.distribution.map(String), String(item.nUnable)])}
      />
    </>
  );
}
