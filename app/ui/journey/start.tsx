/** The start page's parts: what a participant saved (shown once the round has closed), and how they start or carry on. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { DraftAnswer } from "../../domain/survey/questions";
import { Button } from "../components";
import { Honeypot, questionLabel, type QuestionView } from ".";
import { AnswerText } from "./AnswerText";

export function SavedAnswers({ answers, base, locale }: { answers: Array<{ q: QuestionView; answer: DraftAnswer }>; base: string; locale: string }) {
  const { t } = useTranslation("citizen");
  const other = (lang: string) => (lang === locale ? undefined : lang);
  if (answers.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">{t("start.savedAnswersHeading")}</h2>
      <dl className="govuk-summary-list" data-testid="saved-answers">
        {answers.map(({ q, answer }) => (
          <div className="govuk-summary-list__row" key={q.id}>
            <dt className="govuk-summary-list__key" lang={other(questionLabel(q).lang)}>
              {questionLabel(q).text}
            </dt>
            <dd className="govuk-summary-list__value">
              <AnswerText q={q} answer={answer} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">
        <a className="govuk-link" href={`${base}/download/json`} download>
          {t("done.downloadJson")}
        </a>
      </p>
    </>
  );
}

export interface StartState {
  base: string;
  submitted: { reference: string } | null;
  started: boolean;
  hasDraft: boolean;
  hasBriefing: boolean;
  resume: string | null;
  resumeCode: string | null;
}

/** An open round: the response already sent, the button to start, or a welcome back with the way to carry on. */
export function StartActions({ d }: { d: StartState }) {
  const { t } = useTranslation("citizen");
  if (d.submitted)
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`${d.base}/done`}>
          {t("start.alreadySubmitted", { reference: d.submitted.reference })}
        </Link>
      </p>
    );
  // Someone invited who has saved nothing yet starts, rather than being welcomed back.
  if (d.started && d.resume && !d.hasDraft)
    return (
      <Link to={d.resume} className="govuk-button govuk-button--start" draggable={false} role="button" data-testid="resume">
        {t("start.start")}
      </Link>
    );
  if (d.started && d.resume)
    return (
      <>
        <p className="govuk-body">{t("start.welcomeBack")}</p>
        <Link to={d.resume} className="govuk-button govuk-button--start" draggable={false} role="button" data-testid="resume">
          {t("start.resume")}
        </Link>
        {d.hasBriefing ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${d.base}/briefing/1`}>
              {t("start.readBriefing")}
            </Link>
          </p>
        ) : null}
        {d.resumeCode ? (
          <p className="govuk-body">
            {t("start.resumeCodeIntro")} <strong className="app-resume-code">{d.resumeCode}</strong>
          </p>
        ) : null}
      </>
    );
  return (
    <Form method="post">
      <Honeypot />
      <Button>{t("start.start")}</Button>
    </Form>
  );
}
