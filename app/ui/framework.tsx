import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { Tag } from "./components";

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
    <div className="govuk-warning-text app-draft-mark" data-testid="draft-mark">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{t("draftMark.assistive")}</span>
        {t("draftMark.text")}
      </strong>
    </div>
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
