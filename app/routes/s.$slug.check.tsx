import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { submit } from "../services/journey.server";
import { tryWrite } from "../services/storage.server";
import {
  checkHoneypot,
  failStep,
  limitPosts,
  privateHeaders,
  requireAnswering,
  requireJourney,
  requireStep,
  resumePath,
  stepPath,
} from "../auth/journey-route.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { AnswerText, Honeypot, PreviewBanner, questionLabel, type QuestionView } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:check.title") };

export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  requireAnswering(j);
  requireStep(j, { kind: "check" });
  const shown = new Set(j.flow.shown.map((q) => q.id));
  const rows = j.questions
    .filter((q) => shown.has(q.id))
    .map((q) => ({
      q: q as unknown as QuestionView,
      answer: j.state.answers[String(q.id)] ?? null,
      change: stepPath(j, { kind: "question", id: q.id }, true),
    }));
  const steps = j.flow.steps;
  const hasAboutYou = steps.some((s) => s.kind === "about-you");
  return json(
    {
      answers: rows.filter((r) => r.q.type !== "profile"),
      profile: rows.filter((r) => r.q.type === "profile"),
      profileConsent: hasAboutYou ? (j.state.meta.profileConsent ?? null) : null,
      aboutYouChange: stepPath(j, { kind: "about-you" }, true),
      back: stepPath(j, steps[steps.length - 2] ?? { kind: "check" }),
      locale: j.locale,
      mode: j.mode,
      roundNumber: j.round?.number ?? null,
    },
    { headers: privateHeaders },
  );
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const now = new Date();
  const j = await requireJourney(args, now);
  await limitPosts(args.request, "post", j.participant?.id);
  checkHoneypot(form);
  // Submitting again after success (back button, second tab) shows the same confirmation.
  if (j.response) throw redirect(`${j.base}/done`);
  requireAnswering(j);
  const attempt = await tryWrite(() => submit(args.context.db, j, now));
  // The draft is untouched (the submit is one transaction): say so, and offer Submit again.
  if (!attempt.ok) return failStep({ submit: "storage.submitUnavailable" }, {}, 503);
  const result = attempt.value;
  if (!result.ok) throw redirect(result.reason === "incomplete" ? resumePath(j) : j.base);
  return redirect(`${j.base}/done`);
}

export default function CheckPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const errors = useTranslatedErrors(actionData?.errors, "citizen");
  const other = (lang: string) => (lang === d.locale ? undefined : lang);
  return (
    <>
      <BackLink to={d.back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <ErrorSummary errors={errors} fieldIds={{ submit: "submit-answers" }} />
          <h1 className="govuk-heading-l">{t("check.title")}</h1>
          <h2 className="govuk-heading-m">{t("check.answersHeading")}</h2>
          <dl className="govuk-summary-list" data-testid="check-answers">
            {d.answers.map(({ q, answer, change }) => (
              <div className="govuk-summary-list__row" key={q.id}>
                <dt className="govuk-summary-list__key" lang={other(questionLabel(q).lang)}>
                  {questionLabel(q).text}
                </dt>
                <dd className="govuk-summary-list__value">
                  <AnswerText q={q} answer={answer ?? undefined} />
                </dd>
                <dd className="govuk-summary-list__actions">
                  <Link className="govuk-link" to={change}>
                    {t("check.change")}
                    <span className="govuk-visually-hidden" lang={other(questionLabel(q).lang)}>
                      {" "}
                      {questionLabel(q).text}
                    </span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
          {d.profileConsent ? (
            <>
              <h2 className="govuk-heading-m">{t("check.aboutYouHeading")}</h2>
              <p className="govuk-body">{t("check.aboutYouKept")}</p>
              <dl className="govuk-summary-list" data-testid="check-profile">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t("aboutYou.legend")}</dt>
                  <dd className="govuk-summary-list__value">{d.profileConsent === "yes" ? t("aboutYou.yes") : t("aboutYou.no")}</dd>
                  <dd className="govuk-summary-list__actions">
                    <Link className="govuk-link" to={d.aboutYouChange}>
                      {t("check.change")}
                      <span className="govuk-visually-hidden"> {t("aboutYou.legend")}</span>
                    </Link>
                  </dd>
                </div>
                {d.profile.map(({ q, answer, change }) => (
                  <div className="govuk-summary-list__row" key={q.id}>
                    <dt className="govuk-summary-list__key" lang={other(q.lang)}>
                      {q.text}
                    </dt>
                    <dd className="govuk-summary-list__value">
                      <AnswerText q={q} answer={answer ?? undefined} />
                    </dd>
                    <dd className="govuk-summary-list__actions">
                      <Link className="govuk-link" to={change}>
                        {t("check.change")}
                        <span className="govuk-visually-hidden"> {q.text}</span>
                      </Link>
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          <h2 className="govuk-heading-m" id="submit-answers" tabIndex={-1}>
            {t("check.submitHeading")}
          </h2>
          <p className="govuk-body">{t("check.submitText")}</p>
          <Form method="post">
            <Honeypot />
            <Button>{t("check.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
