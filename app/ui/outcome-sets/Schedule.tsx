import type { SerializeFrom } from "@remix-run/node";
import type { ExportDocument } from "../../domain/outcome-sets";
import { useTranslation } from "../../i18n/use-translation";
import { TableScroll } from "../components";
import { formatPounds, formatWeight } from "./index";

type Doc = SerializeFrom<ExportDocument>;

/** The schedule's table: each included outcome's share (and amount, when there is a pot), with the totals. */
export function ScheduleTable({ doc }: { doc: Doc }) {
  const { t } = useTranslation("commissioner");
  const included = doc.outcomes.filter((o) => o.included);
  const totalWeight = included.reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0) / 100;
  return (
    <TableScroll labelledBy="schedule-caption">
      <table className="govuk-table" data-testid="schedule-table">
        <caption className="govuk-table__caption govuk-table__caption--s" id="schedule-caption">
          {t("schedule.outcomesCaption")}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t("schedule.colOutcome")}
            </th>
            <th scope="col" className="govuk-table__header">
              {t("schedule.colDomain")}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t("schedule.colShare")}
            </th>
            {doc.incentivePot ? (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {t("schedule.colAmount")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {included.map((o) => (
            <tr className="govuk-table__row" key={o.code} data-code={o.code}>
              <th scope="row" className="govuk-table__header">
                <span data-field="code">{o.code}</span>: <span data-field="statement">{o.statement}</span>
              </th>
              <td className="govuk-table__cell">{o.domain}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-field="weight">
                {formatWeight(o.finalWeight)}
              </td>
              {doc.incentivePot ? (
                <td className="govuk-table__cell govuk-table__cell--numeric" data-field="amount">
                  {o.amount === null ? "–" : formatPounds(Math.round(o.amount * 100))}
                </td>
              ) : null}
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t("schedule.total")}
            </th>
            <td className="govuk-table__cell"></td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatWeight(totalWeight)}</td>
            {doc.incentivePot ? (
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(Math.round(doc.incentivePot.amount * 100))}</td>
            ) : null}
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Each included outcome's measures, one description list per indicator. */
export function ScheduleMeasures({ outcomes }: { outcomes: Doc["outcomes"] }) {
  const { t } = useTranslation("commissioner");
  return (
    <>
      {outcomes.map((o) => (
        <section key={o.code} className="app-schedule__outcome" aria-labelledby={`measure-${o.code}`}>
          <h3 className="govuk-heading-s" id={`measure-${o.code}`}>
            {o.code}: {o.statement}
          </h3>
          {o.statement !== o.citizenStatement ? <p className="govuk-body-s">{t("schedule.citizensWording", { wording: o.citizenStatement })}</p> : null}
          {o.indicators.map((i, k) => (
            <dl className="govuk-summary-list govuk-summary-list--no-border" key={k}>
              {[
                [t("indicator.name"), i.name],
                [t("indicator.definition"), i.definition],
                ...(i.numerator ? [[t("indicator.numerator"), i.numerator]] : []),
                ...(i.denominator ? [[t("indicator.denominator"), i.denominator]] : []),
                [t("indicator.dataSource"), i.dataSource],
                [t("indicator.baseline"), t("indicator.valueOn", { value: i.baselineValue, date: i.baselineDate })],
                [t("indicator.target"), t("indicator.valueBy", { value: i.targetValue, date: i.targetDate })],
                [t("indicator.frequency"), t(`frequency.${i.frequency}`)],
                [t("indicator.validationMethod"), t(`validation.${i.validationMethod}`)],
                ...(i.nationalMeasure ? [[t("indicator.nationalMeasure"), i.nationalMeasure]] : []),
              ].map(([k2, v]) => (
                <div className="govuk-summary-list__row" key={k2}>
                  <dt className="govuk-summary-list__key">{k2}</dt>
                  <dd className="govuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
          ))}
        </section>
      ))}
    </>
  );
}
