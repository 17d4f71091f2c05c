import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireRoundRole } from "../auth/round-access.server";
import { checkQuestionsEditable } from "../domain/consultation/lifecycle";
import { parseQuestionForm, questionFormFields, questionFormInput } from "../domain/survey/question-form";
import { PROFILE_FIELDS, QUESTION_TYPES } from "../domain/survey/questions";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../i18n/config";
import { profileQuestionDefaults, questionFormData, saveQuestion } from "../services/survey-builder.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios } from "../ui/fields";
import { QuestionForm } from "../ui/consultation/QuestionForm";
import { useConditionOptions } from "../ui/consultation/question-conditions";
import type { RouteHandle } from "../ui/title";
import { fail, formValues, runIntent, type FormFailure } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("officer:question.addTitle") };

const typeQuery = z.enum(QUESTION_TYPES);
const fieldQuery = z.enum(PROFILE_FIELDS);

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, locale } = await requireRoundRole(args, ["officer"]);
  const editable = checkQuestionsEditable(round);
  const search = new URL(args.request.url).searchParams;
  const rawType = search.get("type");
  const type = rawType === null ? null : typeQuery.safeParse(rawType);
  // A profile question first asks which field it is about, so its form can start filled in.
  const field = type?.success && type.data === "profile" ? fieldQuery.safeParse(search.get("field")) : null;
  const data = await questionFormData(args.context.db, consultation.id, round.id, null, locale);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    round: round.number,
    locked: editable.ok ? null : editable.reason,
    type: type?.success ? type.data : null,
    typeError: type !== null && !type.success,
    profileField: field?.success ? field.data : null,
    fieldError: search.has("field") && field !== null && !field.success,
    initialValues: field?.success ? profileQuestionDefaults(field.data) : {},
    locales: SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
    outcomes: data.outcomes,
    conditionChoices: data.conditionChoices,
  });
}

type Access = Awaited<ReturnType<typeof requireRoundRole>> & { db: ActionFunctionArgs["context"]["db"] };

/** The page's three buttons: choose a type, choose a profile question's field, save the question. */
const intents = {
  choose: (form: FormData, { consultation, round }: Access) => {
    const chosen = typeQuery.safeParse(form.get("type"));
    if (!chosen.success) return fail({ type: "question.errors.type" });
    return redirect(`/consultations/${consultation.slug}/rounds/${round.number}/questions/new?type=${chosen.data}`);
  },
  "choose-field": (form: FormData, { consultation, round }: Access) => {
    const chosen = fieldQuery.safeParse(form.get("profileField"));
    if (!chosen.success) return fail({ profileField: "question.errors.profileField" });
    return redirect(`/consultations/${consultation.slug}/rounds/${round.number}/questions/new?type=profile&field=${chosen.data}`);
  },
  save: async (form: FormData, { consultation, round, locale, actor, db }: Access) => {
    const lock = checkQuestionsEditable(round);
    if (!lock.ok) return fail({ type: `builder.refusal.${lock.reason}` }, {}, 409);
    const fields = questionFormFields(SUPPORTED_LOCALES);
    const data = await questionFormData(db, consultation.id, round.id, null, locale);
    const parsed = parseQuestionForm(questionFormInput(form, SUPPORTED_LOCALES), { locales: SUPPORTED_LOCALES, ...data.context });
    if (!parsed.ok) return fail(parsed.errors, formValues(form, fields));
    const saved = await saveQuestion(
      db,
      { actor, consultationId: consultation.id, roundNumber: round.number, questionId: null, question: parsed.question },
      new Date(),
    );
    if (!saved.ok) return fail({ type: `builder.refusal.${saved.reason}` }, formValues(form, fields), 409);
    return redirect(`/consultations/${consultation.slug}/rounds/${round.number}?added=${saved.value}#question-${saved.value}`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const access = await requireRoundRole(args, ["officer"]);
  const form = await args.request.formData();
  return runIntent(form, intents, { ...access, db: args.context.db });
}

export default function NewQuestion() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const errors = useTranslatedErrors(
    actionData?.errors ?? (data.typeError ? { type: "question.errors.type" } : data.fieldError ? { profileField: "question.errors.profileField" } : undefined),
  );
  const conditionOptions = useConditionOptions(data.conditionChoices);
  const postedType = actionData?.values?.type;
  const type = data.type ?? (QUESTION_TYPES as readonly string[]).find((x) => x === postedType) ?? null;
  const back = `/consultations/${data.consultation.slug}/rounds/${data.round}`;
  return (
    <>
      <BackLink to={back}>{t("common:common.back")}</BackLink>
      <ErrorSummary
        errors={errors}
        fieldIds={{ type: type ? "main-heading" : "type", required: "required", profileField: "profileField", allowUnable: "allowUnable" }}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">
            {data.consultation.title} – {t("overview.roundN", { number: data.round })}
          </span>
          <h1 className="govuk-heading-l" id="main-heading" tabIndex={-1}>
            {t("question.addHeading")}
          </h1>
          {data.locked ? (
            <p className="govuk-body">{t(`builder.refusal.${data.locked}`)}</p>
          ) : type === "profile" && !data.profileField && actionData?.values?.type !== "profile" ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="choose-field" />
              <Radios
                name="profileField"
                legend={t("question.chooseField")}
                hint={t("question.chooseFieldHint")}
                error={errors.profileField}
                items={PROFILE_FIELDS.map((f) => ({ value: f, label: t(`profileField.${f}`) }))}
              />
              <Button>{t("common:common.continue")}</Button>
            </Form>
          ) : type ? (
            <QuestionForm
              type={type as (typeof QUESTION_TYPES)[number]}
              values={actionData?.values ?? data.initialValues}
              errors={errors}
              locales={data.locales}
              outcomes={data.outcomes}
              conditionOptions={conditionOptions}
              submitLabel={t("question.add")}
            />
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="choose" />
              <Radios
                name="type"
                legend={t("question.chooseType")}
                error={errors.type}
                items={QUESTION_TYPES.map((type) => ({ value: type, label: t(`questionType.${type}`), hint: t(`questionTypeHint.${type}`) }))}
              />
              <Button>{t("common:common.continue")}</Button>
            </Form>
          )}
        </div>
      </div>
    </>
  );
}
