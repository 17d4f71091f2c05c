import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import type { RoundData } from "./round-types";

function SmallButton({ name, value, children }: { name: string; value: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1"
      data-module="govuk-button"
    >
      {children}
    </button>
  );
}

/** The round's questions in order, under their outcome domains; while editable, buttons to add, reorder and edit them. */
export function RoundQuestions({ data, base, editable }: { data: RoundData; base: string; editable: boolean }) {
  const { t } = useTranslation("officer");
  let lastDomain: string | null = null;
  return (
    <>
      <h2 className="govuk-heading-m" id="questions" tabIndex={-1}>
        {t("round.questionsHeading", { n: data.questions.length })}
      </h2>
      {data.questions.length === 0 ? <p className="govuk-body">{t("round.noQuestions")}</p> : null}
      {editable ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`${base}/questions/new`}>
            {t("round.addQuestion")}
          </Link>
          {data.activeOutcomes > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="add-ratings" />
              <Button variant="secondary">{t("round.addRatings")}</Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {data.questions.length > 0 ? (
        <ol className="govuk-list">
          {data.questions.map((q) => {
            const domainHeading = q.domain !== null && q.domain !== lastDomain ? q.domain : null;
            if (q.domain !== null) lastDomain = q.domain;
            return (
              <li key={q.id} id={`question-${q.id}`} className="govuk-!-margin-bottom-4">
                {domainHeading ? <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t("round.domain", { domain: domainHeading })}</h3> : null}
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{t("round.questionN", { n: q.number })}</strong> {q.text}
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {t(`questionType.${q.type}`)}
                  {q.outcomeCode ? ` (${q.outcomeCode})` : ""} · {q.required ? t("question.requiredYes") : t("question.requiredNo")} ·{" "}
                  {t("round.languages", { list: q.locales.join(", ") })}
                  {q.condition ? ` · ${t("round.conditionNote", { number: q.condition.number, value: q.condition.value })}` : ""}
                </p>
                {editable ? <QuestionControls id={q.id} number={q.number} count={data.questions.length} base={base} /> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </>
  );
}

/** Move a question up or down, or edit it. */
function QuestionControls({ id, number, count, base }: { id: number; number: number; count: number; base: string }) {
  const { t } = useTranslation("officer");
  const which = <span className="govuk-visually-hidden"> {t("round.questionN", { n: number })}</span>;
  return (
    <Form method="post" className="govuk-!-display-inline">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="questionId" value={id} />
      {number > 1 ? (
        <SmallButton name="direction" value="up">
          {t("round.moveUp")}
          {which}
        </SmallButton>
      ) : null}
      {number < count ? (
        <SmallButton name="direction" value="down">
          {t("round.moveDown")}
          {which}
        </SmallButton>
      ) : null}
      <Link className="govuk-link govuk-!-margin-left-2" to={`${base}/questions/${id}`}>
        {t("round.edit")}
        {which}
      </Link>
    </Form>
  );
}
