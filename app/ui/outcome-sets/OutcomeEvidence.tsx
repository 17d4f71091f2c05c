import type { OutcomeEntry } from "../../domain/outcome-sets";
import { useTranslation } from "../../i18n/use-translation";
import { SummaryList } from "../components";
import { ConsensusTag, formatPercent } from "./index";

/** What the study found about one outcome: domain, citizens' wording, consensus, % critical, rank, responses. */
export function OutcomeEvidence({ outcome }: { outcome: OutcomeEntry }) {
  const { t } = useTranslation("commissioner");
  const e = outcome.evidence;
  return (
    <SummaryList
      rows={[
        { key: t("outcome.domain"), value: outcome.domainName },
        { key: t("outcome.citizenStatement"), value: outcome.citizenStatement },
        { key: t("col.consensus"), value: <ConsensusTag consensus={e.consensus} /> },
        {
          key: t("col.critical"),
          value: `${formatPercent(e.percentCritical)}${e.ci95 ? ` (${t("outcome.interval", { lower: e.ci95.lower.toFixed(1), upper: e.ci95.upper.toFixed(1) })})` : ""}`,
        },
        { key: t("outcome.rank"), value: String(e.rank) },
        { key: t("outcome.responses"), value: t("outcome.responsesText", { n: e.n, unable: e.nUnable }) },
      ]}
    />
  );
}
