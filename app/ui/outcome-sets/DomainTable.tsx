import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Table } from "../components";
import { ConsensusTag, formatPercent, formatPounds, formatWeight, RoundPath } from "./index";
import type { OutcomeSetView } from "./types";

/** "Move up"/"Move down" within a domain: a plain form post, so it works without JavaScript. */
function MoveButton({ version, code, direction }: { version: number; code: string; direction: "up" | "down" }) {
  const { t } = useTranslation("commissioner");
  return (
    <Form method="post" className="app-inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="app-link-button">
        {t(direction === "up" ? "framework.moveUp" : "framework.moveDown")}
        <span className="govuk-visually-hidden"> {code}</span>
      </button>
    </Form>
  );
}

/** One domain's outcomes: evidence, inclusion, weights, amounts, and (in the working draft) edit and move links. */
export function DomainTable({ set, domain, base }: { set: OutcomeSetView; domain: OutcomeSetView["domains"][number]; base: string }) {
  const { t } = useTranslation("commissioner");
  const editable = set.status === "draft" && set.isLatest;
  return (
    <Table
      caption={domain.name || t("framework.noDomain")}
      head={[
        t("col.outcome"),
        t("col.consensus"),
        t("col.round"),
        t("col.critical"),
        t("col.included"),
        t("col.citizenWeight"),
        t("col.finalWeight"),
        t("col.amount"),
        t("col.indicators"),
        t("col.actions"),
      ]}
      numericColumns={[3, 5, 6, 7, 8]}
      rows={domain.outcomes.map((o, k) => [
        <span key="o" id={`outcome-${o.code}`} data-testid={`row-${o.code}`}>
          <strong>{o.code}</strong> <span data-testid="statement">{o.statement}</span>
          {o.statement !== o.citizenStatement ? (
            <span className="govuk-body-s govuk-!-display-block">{t("framework.citizensWording", { wording: o.citizenStatement })}</span>
          ) : null}
        </span>,
        <ConsensusTag key="c" consensus={o.consensus} />,
        <span key="r" data-testid={`round-${o.code}`}>
          {t("study.roundLabel", { round: o.round })}
          <RoundPath history={o.history} />
        </span>,
        o.percentCritical === null ? "–" : `${formatPercent(o.percentCritical)}${o.ci95 ? ` (${o.ci95.lower.toFixed(1)}–${o.ci95.upper.toFixed(1)})` : ""}`,
        o.included ? t("framework.yes") : t("framework.no"),
        formatWeight(o.citizenWeight),
        <span key="w" data-testid={`final-${o.code}`}>
          {formatWeight(o.finalWeight)}
        </span>,
        o.amountPence === null ? "–" : formatPounds(o.amountPence),
        String(o.indicators),
        <span key="a" className="app-actions">
          {editable ? (
            <>
              <Link className="govuk-link" to={`${base}/outcomes/${o.code}`}>
                {t("framework.edit")}
                <span className="govuk-visually-hidden"> {o.code}</span>
              </Link>
              {k > 0 ? <MoveButton version={set.version} code={o.code} direction="up" /> : null}
              {k < domain.outcomes.length - 1 ? <MoveButton version={set.version} code={o.code} direction="down" /> : null}
            </>
          ) : null}
          <Link className="govuk-link" to={`${base}/${set.version}/trace/${o.code}`}>
            {t("framework.trace")}
            <span className="govuk-visually-hidden"> {o.code}</span>
          </Link>
        </span>,
      ])}
    />
  );
}
