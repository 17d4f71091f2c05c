import { useTranslation } from "../../i18n/use-translation";
import { Table } from "../components";
import { fmt } from "./format";
import type { ResultsData } from "./types";

/** What changed since the round before: who stayed in each group, and each outcome's change in % critical and stability. */
export function RoundChanges({ data }: { data: ResultsData }) {
  const { t } = useTranslation();
  if (data.comparison.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">{t("results.changes.heading", { round: data.previousRound })}</h2>
      <Table
        caption={t("results.changes.attritionCaption")}
        head={[
          t("results.changes.group"),
          t("results.changes.before", { round: data.previousRound }),
          t("results.changes.after", { round: data.round }),
          t("results.changes.retention"),
        ]}
        numericColumns={[1, 2, 3]}
        rows={Object.entries(data.comparison[0].responseByGroup).map(([g, r]) => [
          t(`results.group.${g}`, { defaultValue: g }),
          String(r.from),
          String(r.to),
          r.retentionRate === null ? "–" : `${fmt(r.retentionRate)}%`,
        ])}
      />
      <Table
        caption={t("results.changes.itemsCaption")}
        head={[
          t("results.col.outcome"),
          t("results.changes.criticalBefore"),
          t("results.changes.criticalAfter"),
          t("results.changes.changedScore"),
          t("results.changes.stable"),
          t("results.changes.leavers"),
        ]}
        numericColumns={[1, 2, 3, 5]}
        rows={data.comparison.map((c) => [
          c.code,
          `${fmt(c.percentCriticalFrom)}%`,
          `${fmt(c.percentCriticalTo)}% (${c.changeInPercentCritical === null ? "–" : `${c.changeInPercentCritical >= 0 ? "+" : ""}${fmt(c.changeInPercentCritical)}`})`,
          c.percentChangedScore === null ? "–" : `${fmt(c.percentChangedScore)}%`,
          c.stable === null ? "–" : c.stable ? t("results.changes.yes") : t("results.changes.no"),
          `${fmt(c.leaversPercentCritical)}% / ${fmt(c.stayersPercentCritical)}%`,
        ])}
      />
    </>
  );
}
