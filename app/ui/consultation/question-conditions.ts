import { useTranslation } from "../../i18n/use-translation";

/** Labels for the display-condition choices: "Question 2 (…) is answered “Yes”". */
export function useConditionOptions(choices: Array<{ value: string; position: number; questionText: string; choice: string; likert: boolean }>) {
  const { t } = useTranslation("officer");
  return choices.map((c) => ({
    value: c.value,
    label: t("question.conditionOption", {
      number: c.position,
      question: c.questionText.length > 60 ? `${c.questionText.slice(0, 57)}…` : c.questionText,
      answer: c.likert ? t(`likert.${c.choice}`) : c.choice,
    }),
  }));
}
