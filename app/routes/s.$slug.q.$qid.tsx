import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { answerFromForm, formFromAnswer, type Step } from "../domain/survey/journey";
import { answerSchema } from "../domain/survey/questions";
import { feedbackFor, resumeCodeOf, saveState, withAnswer, type Journey } from "../services/journey.server";
import { tryWrite } from "../services/storage.server";
import {
  backPath,
  continuePath,
  failStep,
  formInput,
  isChanging,
  limitPosts,
  privateHeaders,
  requireAnswering,
  requireJourney,
  requireStep,
} from "../auth/journey-route.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { BriefingLink, PreviewBanner, QuestionField, RoundFeedback, type QuestionView } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (_t, data) => (data as { pageTitle?: string } | undefined)?.pageTitle ?? "" };

const params = z.object({
  qid: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31),
});

function findStep(args: LoaderFunctionArgs, j: Journey): { step: Step; question: Journey["questions"][number] } {
  const p = params.safeParse(args.params);
  const question = p.success ? j.questions.find((q) => q.id === p.data.qid) : undefined;
  if (!question) throw new Response("Not Found", { status: 404 });
  return { step: { kind: "question", id: question.id }, question };
}

export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  requireAnswering(j);
  const { step, question } = findStep(args, j);
  requireStep(j, step);
  const changing = isChanging(args.request);
  // "Question n of m" counts the questions this person is shown (conditions applied), not profile questions.
  const counted = j.flow.shown.filter((q) => q.type !== "profile");
  const shownIndex = counted.findIndex((q) => q.id === question.id);
  return json(
    {
      pageTitle: question.outcomeStatement ?? question.text,
      question: question as unknown as QuestionView,
      values: formFromAnswer(question, j.state.answers[String(question.id)]),
      feedback: question.type === "rating" ? await feedbackFor(args.context.db, j, question.outcomeId) : null,
      back: backPath(j, step, changing),
      changing,
      base: j.base,
      hasBriefing: j.sections.length > 0,
      locale: j.locale,
      mode: j.mode,
      roundNumber: j.round?.number ?? null,
      number: shownIndex >= 0 ? shownIndex + 1 : null,
      total: counted.length,
      resumeCode: resumeCodeOf(args.request, j),
      invited: j.participant?.memberId != null,
    },
    { headers: privateHeaders },
  );
}

export async function action(args: ActionFunctionArgs) {
  const form = formInput(await args.request.formData());
  const now = new Date();
  const j = await requireJourney(args, now);
  await limitPosts(args.request, "post", j.participant?.id);
  requireAnswering(j);
  const { step, question } = findStep(args, j);
  requireStep(j, step);
  const changing = isChanging(args.request);
  const candidate = answerFromForm(question, form);
  let error: string | null = null;
  let state = j.state;
  if (candidate == null) {
    if (question.required) error = `required.${question.type}`;
    else state = withAnswer(j.state, question.id, null);
  } else {
    const parsed = answerSchema(question).safeParse(candidate);
    if (parsed.success) state = withAnswer(j.state, question.id, parsed.data);
    else error = parsed.error.issues[0]?.message ?? "answer.invalid";
  }
  if (error) return failStep({ answer: error }, form);
  if (!(await tryWrite(() => saveState(args.context.db, j, state, now))).ok) return failStep({ answer: "storage.unavailable" }, form, 503);
  return redirect(continuePath(j, step, changing, state));
}

export default function QuestionPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const max = Number((d.question.config as { maxLength?: number }).maxLength ?? 1000);
  const errors = useTranslatedErrors(actionData?.errors, "citizen", { max });
  const error = errors.answer;
  const values = actionData?.values ?? d.values;
  return (
    <>
      <BackLink to={d.back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <ErrorSummary errors={errors} />
          {/* Keyed by question: moving to the next question must not keep the last one's choices in the DOM. */}
          <Form method="post" noValidate key={d.question.id}>
            <QuestionField
              q={d.question}
              values={values}
              error={error}
              pageLang={d.locale}
              caption={d.number ? t("question.progress", { number: d.number, total: d.total }) : null}
              before={
                <>
                  {d.question.type === "rating" && d.question.outcomeDescription ? (
                    <p className="govuk-body" lang={d.question.outcomeLang === d.locale ? undefined : d.question.outcomeLang}>
                      {d.question.outcomeDescription}
                    </p>
                  ) : null}
                  {d.feedback ? <RoundFeedback feedback={d.feedback} /> : null}
                </>
              }
            />
            <Button>{t("common:common.continue")}</Button>
          </Form>
          {d.hasBriefing ? <BriefingLink base={d.base} questionId={d.question.id} /> : null}
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{t("question.laterHeading")}</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">{t("question.laterSaved")}</p>
              {d.resumeCode ? (
                <p className="govuk-body">
                  {t("question.laterCode")} <strong className="app-resume-code">{d.resumeCode}</strong>
                </p>
              ) : d.invited ? (
                <p className="govuk-body">{t("question.laterInvite")}</p>
              ) : null}
            </div>
          </details>
        </div>
      </div>
    </>
  );
}
