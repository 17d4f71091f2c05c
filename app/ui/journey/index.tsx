/**
 * The citizen journey's building blocks: what a page knows of a question, the honeypot, the
 * preview banner and the briefing link. The question fields (one per type), an answer in words
 * and the round-2 feedback live in app/ui/journey/. Everything works without JavaScript.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { QuestionType } from "../../domain/survey/questions";

export { SCORE_WORD } from "../../domain/survey/questions";
export { QuestionField } from "./fields";
export { AnswerText } from "./AnswerText";
export { RoundFeedback, type FeedbackView } from "./RoundFeedback";

export interface QuestionView {
  id: number;
  type: QuestionType;
  required: boolean;
  config: Record<string, unknown>;
  text: string;
  hint: string;
  options: Record<string, string>;
  lang: string;
  outcomeStatement: string | null;
  outcomeDescription: string | null;
  outcomeLang: string;
}

/** What names a question in lists (check your answers, saved answers): the outcome's statement, else its text, with the language it is in. */
export function questionLabel(q: QuestionView): { text: string; lang: string } {
  return q.outcomeStatement ? { text: q.outcomeStatement, lang: q.outcomeLang } : { text: q.text, lang: q.lang };
}

/** Invisible to people (and to assistive technology); bots that fill every field give themselves away. */
export function Honeypot() {
  const { t } = useTranslation("citizen");
  return (
    <div className="app-hp" aria-hidden="true">
      <label htmlFor="website">{t("honeypot")}</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export function PreviewBanner({ roundNumber }: { roundNumber: number | null }) {
  const { t } = useTranslation("citizen");
  return (
    <div className="govuk-notification-banner app-preview-banner" role="region" aria-labelledby="preview-banner-title" data-testid="preview-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="preview-banner-title">
          {t("preview.title")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-body">{t("preview.body", { round: roundNumber ?? 1 })}</p>
      </div>
    </div>
  );
}

export function BriefingLink({ base, questionId }: { base: string; questionId?: number }) {
  const { t } = useTranslation("citizen");
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`${base}/briefing/1${questionId ? `?return=${questionId}` : ""}`}>
        {t("question.briefingLink")}
      </Link>
    </p>
  );
}
