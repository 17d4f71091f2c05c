import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { RoundsBuiltFrom, StaleRoundsWarning } from "./index";
import type { OutcomeSetPageData } from "./types";

/** Before there is an outcome set: start one from the study's result, or say there is none yet. */
export function StartOutcomeSet({ data }: { data: OutcomeSetPageData }) {
  const { t } = useTranslation("commissioner");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body">{t("framework.intro")}</p>
        {data.study.ready ? (
          <Form method="post" id="framework-actions">
            <p className="govuk-body" data-testid="built-from">
              {t("framework.startFrom")} <RoundsBuiltFrom rounds={data.study.rounds} />.
            </p>
            <p className="govuk-body">{t("study.startExplain")}</p>
            <StaleRoundsWarning slug={data.consultation.slug} stale={data.study.stale} when="start" />
            <input type="hidden" name="intent" value="start" />
            <Button>{t("framework.start")}</Button>
          </Form>
        ) : (
          <p className="govuk-body" id="framework-actions">
            {t("framework.noResult")}{" "}
            <Link className="govuk-link" to={`/consultations/${data.consultation.slug}/results`}>
              {t("framework.resultsLink")}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
