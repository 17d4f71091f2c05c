import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Tag, WarningText } from "../components";

/** Pence as pounds, "£12,345.67" (deterministic, so server and browser render the same). */
export function formatPounds(pence: number): string {
  const [whole, fraction] = (Math.abs(pence) / 100).toFixed(2).split(".");
  return `${pence < 0 ? "-" : ""}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

export const formatWeight = (w: number | null | undefined) => (w === null || w === undefined ? "–" : `${w.toFixed(2)}%`);
export const formatPercent = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${x.toFixed(1)}%`);

export function StatusTag({ status }: { status: "draft" | "proposed" | "agreed" }) {
  const { t } = useTranslation("commissioner");
  return <Tag colour={status === "agreed" ? "green" : status === "proposed" ? "blue" : "grey"}>{t(`status.${status}`)}</Tag>;
}

export function ConsensusTag({ consensus }: { consensus: "in" | "out" | "none" }) {
  const { t } = useTranslation("commissioner");
  return <Tag colour={consensus === "in" ? "green" : consensus === "out" ? "red" : "grey"}>{t(`consensus.${consensus}`)}</Tag>;
}

/** The "draft" mark every unagreed version carries, on screen and in print. */
export function DraftMark({ status }: { status: "draft" | "proposed" | "agreed" }) {
  const { t } = useTranslation("commissioner");
  if (status === "agreed") return null;
  return (
    <WarningText assistive={t("draftMark.assistive")} className="app-draft-mark" testId="draft-mark">
      {t("draftMark.text")}
    </WarningText>
  );
}

/** "round 1 result version 2 (13 responses) and round 2 result version 1 (9 responses)", in the page's language. */
export function RoundsBuiltFrom({ rounds }: { rounds: ReadonlyArray<{ round: number; version: number; responses: number }> }) {
  const { t, i18n } = useTranslation("commissioner");
  const parts = rounds.map((r) => t("study.roundPart", { round: r.round, version: r.version, responses: r.responses }));
  return <>{new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(parts)}</>;
}

/** Warns that a round has responses its latest calculation does not include (or no calculation at all). */
export function StaleRoundsWarning({
  slug,
  stale,
  when,
}: {
  slug: string;
  stale: ReadonlyArray<{ round: number; newer: number; responses: number; calculated: number | null }>;
  when: "start" | "propose";
}) {
  const { t } = useTranslation("commissioner");
  if (stale.length === 0) return null;
  return (
    <WarningText assistive={t("draftMark.assistive")} testId="stale-rounds">
      {t(`study.stale.${when}`)}
      <ul className="govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-margin-bottom-0">
        {stale.map((s) => (
          <li key={s.round}>
            <a className="govuk-link" href={`/consultations/${slug}/results?round=${s.round}`}>
              {s.calculated === null
                ? t("study.stale.uncalculated", { round: s.round, responses: s.responses })
                : s.newer > 0
                  ? t("study.stale.newer", { round: s.round, newer: s.newer, calculated: s.calculated })
                  : t("study.stale.changed", { round: s.round, responses: s.responses, calculated: s.calculated })}
            </a>
          </li>
        ))}
      </ul>
    </WarningText>
  );
}

/** An outcome's % critical across the rounds it was rated in: "53.3% → 88.9%". */
export function RoundPath({ history }: { history: ReadonlyArray<{ round: number; percentCritical: number | null }> }) {
  const { t } = useTranslation("commissioner");
  if (history.length < 2) return null;
  return (
    <span className="govuk-body-s govuk-!-display-block" data-testid="round-path">
      {history.map((h) => formatPercent(h.percentCritical)).join(" → ")}
      <span className="govuk-visually-hidden"> {t("study.pathAssistive", { rounds: history.map((h) => h.round).join(", ") })}</span>
    </span>
  );
}

/** Said instead of a form when the version is no longer a draft, with a way back. */
export function NotEditable({ to, back }: { to: string; back: "backToSet" | "backToOutcome" }) {
  const { t } = useTranslation("commissioner");
  return (
    <div className="govuk-inset-text" id="not-editable">
      {t("outcome.notEditable")}{" "}
      <Link className="govuk-link" to={to}>
        {t(`outcome.${back}`)}
      </Link>
    </div>
  );
}
