import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireRoundRole } from "../auth/round-access.server";
import { checkQuestionsEditable } from "../domain/consultation/lifecycle";
import { parseQuestionForm, questionFormFields, questionFormInput, questionFormValues } from "../domain/survey/question-form";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../i18n/config";
import { questionFormData, removeQuestion, saveQuestion } from "../services/survey-builder.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { QuestionForm } from "../ui/consultation/QuestionForm";
import { useConditionOptions } from "../ui/consultation/question-conditions";
import type { RouteHandle } from "../ui/title";
import { fail, formValues, runIntent, type FormFailure } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("officer:question.editTitle") };

const idParam = z.object({
  questionId: z
    .string()
    .regex(/^[1-9]\d{0,11}$/)
    .transform(Number),
});

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireRoundRole(args, ["officer"]);
  const p = idParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const data = await questionFormData(args.context.db, access.consultation.id, access.round.id, p.data.questionId, access.locale);
  if (!data.question) throw new Response("Not Found", { status: 404 });
  return { ...access, data, question: data.question };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, data, question } = await load(args);
  const editable = checkQuestionsEditable(round);
  return json({
    locked: editable.ok ? null : editable.reason,
    consultation: { slug: consultation.slug, title: consultation.title },
    round: round.number,
    question: { id: question.id, type: question.type },
    values: questionFormValues(question, data.translations),
    locales: SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
    outcomes: data.outcomes,
    conditionChoices: data.conditionChoices,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, round, actor, data, question } = await load(args);
  const form = await args.request.formData();
  const back = `/consultations/${consultation.slug}/rounds/${round.number}`;
  const lock = checkQuestionsEditable(round);
  if (!lock.ok) return fail({ type: `builder.refusal.${lock.reason}` }, {}, 409);
  const fields = questionFormFields(SUPPORTED_LOCALES);
  const db = args.context.db;
  const target = { actor, consultationId: consultation.id, roundNumber: round.number, questionId: question.id };
  return runIntent(
    form,
    {
      delete: async () => {
        const removed = await removeQuestion(db, target, new Date());
        if (!removed.ok) return fail({ type: `builder.refusal.${removed.reason}` }, formValues(form, fields), 409);
        return redirect(`${back}?deleted=1`);
      },
      save: async () => {
        // The type is fixed once a question exists (delete it and add another to change it).
        const parsed = parseQuestionForm(
          { ...questionFormInput(form, SUPPORTED_LOCALES), type: question.type },
          { locales: SUPPORTED_LOCALES, ...data.context },
        );
        if (!parsed.ok) return fail(parsed.errors, formValues(form, fields));
        const saved = await saveQuestion(db, { ...target, question: parsed.question }, new Date());
        if (!saved.ok) return fail({ type: `builder.refusal.${saved.reason}` }, formValues(form, fields), 409);
        return redirect(`${back}?saved=${question.id}#question-${question.id}`);
      },
    },
    null,
  );
}

export default function EditQuestion() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const errors = useTranslatedErrors(actionData?.errors);
  const conditionOptions = useConditionOptions(data.conditionChoices);
  return (
    <>
      <BackLink to={`/consultations/${data.consultation.slug}/rounds/${data.round}`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ type: "main-heading" }} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">
            {data.consultation.title} – {t("overview.roundN", { number: data.round })}
          </span>
          <h1 className="govuk-heading-l" id="main-heading" tabIndex={-1}>
            {t("question.editHeading")}
          </h1>
          {data.locked ? (
            <p className="govuk-body">{t(`builder.refusal.${data.locked}`)}</p>
          ) : (
            <>
              <QuestionForm
                type={data.question.type}
                values={actionData?.values ? { ...actionData.values, type: data.question.type } : data.values}
                errors={errors}
                locales={data.locales}
                outcomes={data.outcomes}
                conditionOptions={conditionOptions}
                submitLabel={t("actions.saveChanges")}
              />
              <h2 className="govuk-heading-m">{t("question.deleteHeading")}</h2>
              <p className="govuk-body">{t("question.deleteHint")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <Button variant="warning">{t("question.delete")}</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
