// A round's feedback and entry settings: shown when an officer sets up the next round and when
// they change a round's settings (the same three questions, the same names as the actions read).
import { useTranslation } from "../../i18n/use-translation";
import { Radios } from "../fields";

type Field = "showFeedback" | "feedbackBy" | "allowNewParticipants";

export function RoundFeedbackFields({ errors, values }: { errors: Partial<Record<Field, string>>; values: Partial<Record<Field, string>> }) {
  const { t } = useTranslation("officer");
  const yesNo = [
    { value: "yes", label: t("round.yes") },
    { value: "no", label: t("round.no") },
  ];
  return (
    <>
      <Radios
        name="showFeedback"
        legend={t("round.showFeedback")}
        hint={t("round.showFeedbackHint")}
        error={errors.showFeedback}
        defaultValue={values.showFeedback}
        inline
        items={yesNo}
      />
      <Radios
        name="feedbackBy"
        legend={t("round.feedbackBy")}
        error={errors.feedbackBy}
        defaultValue={values.feedbackBy}
        items={[
          { value: "overall", label: t("round.feedbackOverall") },
          { value: "stakeholder-group", label: t("round.feedbackByGroup") },
        ]}
      />
      <Radios
        name="allowNewParticipants"
        legend={t("round.allowNew")}
        hint={t("round.allowNewHint")}
        error={errors.allowNewParticipants}
        defaultValue={values.allowNewParticipants}
        inline
        items={yesNo}
      />
    </>
  );
}
