import { useTranslation } from "../../i18n/use-translation";
import { questionTypeOf, type DraftAnswer } from "../../domain/survey/questions";
import type { QuestionView } from ".";

/** An answer in words, for check your answers and the confirmation: its type's summary (question-types.ts), with the question's labels. */
export function AnswerText({ q, answer }: { q: QuestionView; answer: DraftAnswer | undefined }) {
  const { t } = useTranslation("citizen");
  if (!answer) return <>{t("check.notAnswered")}</>;
  const summary = questionTypeOf(q.type).summary(answer);
  const label = (key: string) => q.options[key] ?? key;
  switch (summary.kind) {
    case "message":
      return <>{t(summary.key, summary.params ?? {})}</>;
    case "choices":
      return <>{summary.keys.map(label).join(", ")}</>;
    case "order":
      return (
        <ol className="govuk-list govuk-list--number">
          {summary.keys.map((c) => (
            <li key={c}>{label(c)}</li>
          ))}
        </ol>
      );
    case "text":
      return <span className="app-preserve-lines">{summary.text}</span>;
  }
}
