import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { DateInput } from "../fields";
import { RoundFeedbackFields } from "./RoundFeedbackFields";

/** A round's feedback and entry settings and its dates. */
export function RoundSettingsForm({ errors, values }: { errors: Record<string, string>; values: Record<string, string> }) {
  const { t } = useTranslation("officer");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m">{t("round.settingsHeading")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <RoundFeedbackFields errors={errors} values={values} />
          <DateInput name="opensAt" label={t("round.opensAt")} error={errors.opensAt} defaultValue={values.opensAt} optional />
          <DateInput name="closesAt" label={t("round.closesAt")} error={errors.closesAt} defaultValue={values.closesAt} optional />
          <Button variant="secondary">{t("round.saveSettings")}</Button>
        </Form>
      </div>
    </div>
  );
}
