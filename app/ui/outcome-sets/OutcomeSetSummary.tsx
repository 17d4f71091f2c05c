import { useTranslation } from "../../i18n/use-translation";
import { SummaryList, WarningText } from "../components";
import { DraftMark, formatPounds, RoundsBuiltFrom, StatusTag } from "./index";
import type { OutcomeSetView } from "./types";

/** One version's status, basis, authorship, signatories and pot, with the draft mark and any recalculated rounds. */
export function OutcomeSetSummary({ set, signatories }: { set: OutcomeSetView; signatories: string[] }) {
  const { t } = useTranslation("commissioner");
  return (
    <>
      <DraftMark status={set.status} />
      {set.status === "draft" && set.recalculated.length ? (
        <WarningText assistive={t("draftMark.assistive")} testId="recalculated">
          {set.recalculated.map((r) => t("study.recalculated", { round: r.round, from: r.from, now: r.now })).join(" ")}
        </WarningText>
      ) : null}
      <SummaryList
        rows={[
          {
            key: t("framework.status"),
            value: (
              <span data-testid="set-status">
                <StatusTag status={set.status} />
              </span>
            ),
          },
          {
            key: t("framework.basis"),
            value: (
              <span data-testid="basis">
                <RoundsBuiltFrom rounds={set.basis.rounds} />. {t("framework.basisMethod", { method: set.basis.method })}
              </span>
            ),
          },
          { key: t("framework.createdBy"), value: t("framework.byAt", { name: set.createdByName, at: set.createdAt }) },
          ...(set.updatedAt ? [{ key: t("framework.updatedBy"), value: t("framework.byAt", { name: set.updatedByName, at: set.updatedAt }) }] : []),
          ...(set.changeReason ? [{ key: t("framework.changeReason"), value: set.changeReason }] : []),
          {
            key: t("framework.signatories"),
            value: signatories.length ? signatories.join(", ") : t("framework.noSignatories"),
          },
          { key: t("framework.pot"), value: set.potPence === null ? t("framework.noPot") : formatPounds(set.potPence) },
        ]}
      />
    </>
  );
}
