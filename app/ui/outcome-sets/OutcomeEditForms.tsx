import { Form } from "@remix-run/react";
import { isDeparture, type OutcomeEntry } from "../../domain/outcome-sets";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { Radios, Textarea } from "../fields";

/** The working draft's two forms for one outcome: include or exclude it (with the reason for a departure), and reword it. */
export function OutcomeEditForms({
  outcome,
  errors,
  values,
}: {
  outcome: OutcomeEntry;
  errors: Record<string, string>;
  values: Record<string, string | undefined>;
}) {
  const { t } = useTranslation("commissioner");
  const departureHint =
    outcome.evidence.consensus === "in"
      ? t("outcome.reasonHintIn")
      : outcome.evidence.consensus === "out"
        ? t("outcome.reasonHintOut")
        : t("outcome.reasonHintNone");
  return (
    <>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="inclusion" />
        <Radios
          name="included"
          legend={t("outcome.includeLegend")}
          error={errors.included}
          defaultValue={values.included ?? (outcome.included ? "yes" : "no")}
          items={[
            { value: "yes", label: t("outcome.include") },
            { value: "no", label: t("outcome.exclude") },
          ]}
        />
        <Textarea
          name="inclusionReason"
          label={t("outcome.reason")}
          hint={departureHint}
          error={errors.inclusionReason}
          defaultValue={values.inclusionReason ?? outcome.inclusionReason}
          optional={!isDeparture(outcome)}
          rows={3}
        />
        <Button>{t("outcome.saveInclusion")}</Button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reword" />
        <Textarea
          name="statement"
          label={t("outcome.statement")}
          hint={t("outcome.statementHint", { wording: outcome.citizenStatement })}
          error={errors.statement}
          defaultValue={values.statement ?? outcome.statement}
          rows={2}
        />
        <Button variant="secondary">{t("outcome.saveStatement")}</Button>
      </Form>
    </>
  );
}
