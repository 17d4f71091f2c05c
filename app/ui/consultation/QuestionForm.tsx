import type { ComponentType } from "react";
import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { PROFILE_FIELDS, questionTypeOf, type QuestionType } from "../../domain/survey/questions";
import { Button } from "../components";
import { Checkboxes, Radios, Select, TextInput, Textarea } from "../fields";

export interface QuestionFormProps {
  type: QuestionType;
  values: Record<string, string>;
  errors: Record<string, string>;
  locales: Array<{ code: string; name: string }>;
  outcomes: Array<{ id: number; code: string; statement: string; domain: string }>;
  conditionOptions: Array<{ value: string; label: string }>;
  submitLabel: string;
}

type SettingsProps = Pick<QuestionFormProps, "values" | "errors" | "outcomes">;

function RatingSettings({ values, errors, outcomes }: SettingsProps) {
  const { t } = useTranslation("officer");
  return (
    <>
      <Select
        name="outcomeId"
        label={t("question.outcome")}
        hint={t("question.outcomeHint")}
        error={errors.outcomeId}
        defaultValue={values.outcomeId}
        options={[
          { value: "", label: t("question.chooseOutcome") },
          ...outcomes.map((o) => ({ value: String(o.id), label: `${o.domain ? `${o.domain} – ` : ""}${o.code}: ${o.statement}` })),
        ]}
      />
      <Checkboxes
        name="allowUnable"
        legend={t("question.allowUnableLegend")}
        small
        defaultValues={values.allowUnable === "yes" || values.type === undefined ? ["yes"] : []}
        items={[{ value: "yes", label: t("question.allowUnable") }]}
      />
    </>
  );
}

function ProfileSettings({ values, errors }: SettingsProps) {
  const { t } = useTranslation("officer");
  return (
    <Radios
      name="profileField"
      legend={t("question.profileField")}
      hint={t("question.profileFieldHint")}
      error={errors.profileField}
      defaultValue={values.profileField}
      items={PROFILE_FIELDS.map((f) => ({ value: f, label: t(`profileField.${f}`) }))}
    />
  );
}

function SelectionLimits({ values, errors }: SettingsProps) {
  const { t } = useTranslation("officer");
  return (
    <>
      <TextInput
        name="minSelected"
        label={t("question.minSelected")}
        error={errors.minSelected}
        defaultValue={values.minSelected}
        inputMode="numeric"
        width="3"
        optional
      />
      <TextInput
        name="maxSelected"
        label={t("question.maxSelected")}
        error={errors.maxSelected}
        defaultValue={values.maxSelected}
        inputMode="numeric"
        width="3"
        optional
      />
    </>
  );
}

function TextLimit({ values, errors }: SettingsProps) {
  const { t } = useTranslation("officer");
  return (
    <TextInput
      name="maxLength"
      label={t("question.maxLength")}
      hint={t("question.maxLengthHint")}
      error={errors.maxLength}
      defaultValue={values.maxLength}
      inputMode="numeric"
      width="4"
      optional
    />
  );
}

/**
 * Each type's own settings, keyed like the registry (app/domain/survey/question-types.ts, whose
 * builder part reads them): `before` the "required" question, `after` it.
 */
const TYPE_SETTINGS: Record<QuestionType, { before?: ComponentType<SettingsProps>; after?: ComponentType<SettingsProps> }> = {
  rating: { before: RatingSettings },
  likert: {},
  "single-choice": {},
  "multiple-choice": { after: SelectionLimits },
  ranking: {},
  pairwise: {},
  "free-text": { after: TextLimit },
  "propose-outcome": { after: TextLimit },
  profile: { before: ProfileSettings },
};

/** The survey builder's question form, for every question type; works without JavaScript. */
export function QuestionForm({ type, values, errors, locales, outcomes, conditionOptions, submitLabel }: QuestionFormProps) {
  const { t } = useTranslation("officer");
  // Choice types say so in the registry, with the hint under the English choices.
  const choices = questionTypeOf(type).builder.choices;
  const Settings = TYPE_SETTINGS[type];
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="type" value={type} />
      <p className="govuk-body">
        {t("question.typeLabel")} <strong>{t(`questionType.${type}`)}</strong>
      </p>
      <p className="govuk-hint">{t(`questionTypeHint.${type}`)}</p>
      {Settings.before ? <Settings.before values={values} errors={errors} outcomes={outcomes} /> : null}
      <Radios
        name="required"
        legend={t("question.requiredLegend")}
        error={errors.required}
        defaultValue={values.required ?? "yes"}
        inline
        items={[
          { value: "yes", label: t("question.requiredYes") },
          { value: "no", label: t("question.requiredNo") },
        ]}
      />
      {Settings.after ? <Settings.after values={values} errors={errors} outcomes={outcomes} /> : null}
      <Select
        name="condition"
        label={t("question.condition")}
        hint={t("question.conditionHint")}
        error={errors.condition}
        defaultValue={values.condition ?? "none"}
        options={[{ value: "none", label: t("question.alwaysShow") }, ...conditionOptions]}
      />
      {locales.map((l) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={l.code}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">{t("question.inLanguage", { language: l.name })}</h2>
          </legend>
          {l.code !== "en" ? <p className="govuk-hint">{t("question.translationHint")}</p> : null}
          <TextInput
            name={`text-${l.code}`}
            label={t("question.text", { language: l.name })}
            hint={l.code === "en" && type === "rating" ? t("question.ratingTextHint") : undefined}
            error={errors[`text-${l.code}`]}
            defaultValue={values[`text-${l.code}`]}
            optional={l.code !== "en" || type === "rating"}
          />
          <Textarea
            name={`hint-${l.code}`}
            label={t("question.hint", { language: l.name })}
            error={errors[`hint-${l.code}`]}
            defaultValue={values[`hint-${l.code}`]}
            rows={2}
            optional
          />
          {choices ? (
            <Textarea
              name={`choices-${l.code}`}
              label={t("question.choices", { language: l.name })}
              hint={l.code === "en" ? t(choices.hint) : t("question.choicesHintOther")}
              error={errors[`choices-${l.code}`]}
              defaultValue={values[`choices-${l.code}`]}
              rows={5}
              optional={l.code !== "en"}
            />
          ) : null}
        </fieldset>
      ))}
      <Button>{submitLabel}</Button>
    </Form>
  );
}
