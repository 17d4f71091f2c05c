import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { DraftState, Step } from "../domain/survey/journey";
import { tryWrite } from "../services/storage.server";
import { saveState } from "../services/journey.server";
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
import { Radios } from "../ui/fields";
import { PreviewBanner } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:aboutYou.title") };

const STEP: Step = { kind: "about-you" };

/** Before the profile questions: what they are for, that they are optional and kept apart, and consent. */
export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  requireAnswering(j);
  requireStep(j, STEP);
  return json(
    {
      consent: j.state.meta.profileConsent ?? "",
      back: backPath(j, STEP, isChanging(args.request)),
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
  requireStep(j, STEP);
  const consent = form.consent as string | undefined;
  if (consent !== "yes" && consent !== "no") return failStep({ consent: "aboutYou.error" }, form);
  const answers = { ...j.state.answers };
  // Saying no removes any profile answers already given.
  if (consent === "no") for (const q of j.journeyQuestions) if (q.type === "profile") delete answers[String(q.id)];
  const state: DraftState = { answers, meta: { ...j.state.meta, profileConsent: consent } };
  if (!(await tryWrite(() => saveState(args.context.db, j, state, now))).ok) return failStep({ consent: "storage.unavailable" }, form, 503);
  return redirect(continuePath(j, STEP, isChanging(args.request), state));
}

export default function AboutYouPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const errors = useTranslatedErrors(actionData?.errors, "citizen");
  const error = errors.consent;
  const value = (actionData?.values?.consent as string | undefined) ?? d.consent;
  return (
    <>
      <BackLink to={d.back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <ErrorSummary errors={errors} />
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
