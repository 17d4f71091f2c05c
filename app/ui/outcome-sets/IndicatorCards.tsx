import { Form, Link } from "@remix-run/react";
import type { OutcomeEntry } from "../../domain/outcome-sets";
import { useTranslation } from "../../i18n/use-translation";
import { SummaryList } from "../components";

/** An outcome's indicators, one summary card each, with change and remove actions in the working draft. */
export function IndicatorCards({ outcome, editable, base }: { outcome: OutcomeEntry; editable: boolean; base: string }) {
  const { t } = useTranslation("commissioner");
  return (
    <>
      {outcome.indicators.map((i, k) => (
        <div key={k} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{i.name}</h3>
            {editable ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={`${base}/outcomes/${outcome.code}/indicators/${k + 1}`}>
                    {t("outcome.change")}
                    <span className="govuk-visually-hidden"> {i.name}</span>
                  </Link>
                </li>
                <li className="govuk-summary-card__action">
                  <Form method="post" className="app-inline-form">
                    <input type="hidden" name="intent" value="remove-indicator" />
                    <input type="hidden" name="index" value={k + 1} />
                    <button type="submit" className="app-link-button">
                      {t("outcome.remove")}
                      <span className="govuk-visually-hidden"> {i.name}</span>
                    </button>
                  </Form>
                </li>
              </ul>
            ) : null}
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: t("indicator.definition"), value: i.definition },
                { key: t("indicator.dataSource"), value: i.dataSource },
                { key: t("indicator.baseline"), value: t("indicator.valueOn", { value: i.baselineValue, date: i.baselineDate }) },
                { key: t("indicator.target"), value: t("indicator.valueBy", { value: i.targetValue, date: i.targetDate }) },
                { key: t("indicator.frequency"), value: t(`frequency.${i.frequency}`) },
                { key: t("indicator.validationMethod"), value: t(`validation.${i.validationMethod}`) },
                ...(i.nationalMeasure ? [{ key: t("indicator.nationalMeasure"), value: i.nationalMeasure }] : []),
              ]}
            />
          </div>
        </div>
      ))}
    </>
  );
}
