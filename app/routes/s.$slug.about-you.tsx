import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { afterContinue, canVisit, firstIncompleteStep, previousStep, type DraftState, type Step } from "../domain/survey/journey";
import { storageUnavailableHeaders, tryWrite } from "../services/storage.server";
import { saveState } from "../services/journey.server";
import { formInput, limitPosts, privateHeaders, requireAnswering, requireJourney, stepPath } from "../services/journey-route.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios } from "../ui/fields";
import { PreviewBanner } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../services/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:aboutYou.title") };

const STEP: Step = { kind: "about-you" };

/** Before the profile questions: what they are for, that they are optional and kept apart, and consent. */
export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  requireAnswering(j);
  if (!canVisit(STEP, j.journeyQuestions, j.sections.length, j.state)) throw redirect(stepPath(j, firstIncompleteStep(j.journeyQuestions, 0, j.state)));
  const changing = new URL(args.request.url).searchParams.get("change") === "1";
  const prev = previousStep(STEP, j.journeyQuestions, j.sections.length, j.state);
  return json(
    {
      consent: j.state.meta.profileConsent ?? "",
      back: changing ? `${j.base}/check` : prev ? stepPath(j, prev) : j.base,
      mode: j.mode,
      roundNumber: j.round?.number ?? null,
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
  if (!canVisit(STEP, j.journeyQuestions, j.sections.length, j.state)) throw redirect(stepPath(j, firstIncompleteStep(j.journeyQuestions, 0, j.state)));
  const consent = form.consent as string | undefined;
  if (consent !== "yes" && consent !== "no") return json({ errors: { consent: "aboutYou.error" }, values: form }, { status: 400, headers: privateHeaders });
  const answers = { ...j.state.answers };
  // Saying no removes any profile answers already given.
  if (consent === "no") for (const q of j.journeyQuestions) if (q.type === "profile") delete answers[String(q.id)];
  const state: DraftState = { answers, meta: { ...j.state.meta, profileConsent: consent } };
  if (!(await tryWrite(() => saveState(args.context.db, j, state, now))).ok) {
    return json({ errors: { consent: "storage.unavailable" }, values: form }, { status: 503, headers: { ...privateHeaders, ...storageUnavailableHeaders } });
  }
  const changing = new URL(args.request.url).searchParams.get("change") === "1";
  const next = afterContinue(STEP, changing, j.journeyQuestions, j.sections.length, state);
  return redirect(stepPath(j, next, changing && next.kind !== "check"));
}

export default function AboutYouPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const error = actionData?.errors?.consent ? t(actionData.errors.consent) : undefined;
  const value = (actionData?.values?.consent as string | undefined) ?? d.consent;
  return (
    <>
      <BackLink to={d.back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <ErrorSummary errors={error ? { consent: error } : undefined} />
          <h1 className="govuk-heading-l">{t("aboutYou.title")}</h1>
          <p className="govuk-body">{t("aboutYou.why")}</p>
          <p className="govuk-body">{t("aboutYou.kept")}</p>
          <p className="govuk-body">{t("aboutYou.optional")}</p>
          <Form method="post" noValidate>
            <Radios
              name="consent"
              legend={t("aboutYou.legend")}
              error={error}
              defaultValue={value}
              items={[
                { value: "yes", label: t("aboutYou.yes") },
                { value: "no", label: t("aboutYou.no") },
              ]}
            />
            <Button>{t("common:common.continue")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
