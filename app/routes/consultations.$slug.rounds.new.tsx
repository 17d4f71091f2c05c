import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { createNextRound, planNextRound } from "../services/survey-builder.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes, Radios } from "../ui/fields";
import { RoundFeedbackFields } from "../ui/consultation/RoundFeedbackFields";
import type { RouteHandle } from "../ui/title";
import { roundFeedbackShape } from "../utils/consultation-form";
import { fail, formValues, parseForm, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("officer:nextRound.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  const plan = await planNextRound(args.context.db, consultation.id, locale);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    plan: plan.ok ? plan.value : null,
    refusal: plan.ok ? null : plan.reason,
  });
}

const schema = z.object({
  outcomeIds: z
    .union([z.string(), z.array(z.string())], { error: "nextRound.errors.outcomes" })
    .transform((v) => [v].flat())
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[1-9]\d{0,11}$/, "nextRound.errors.outcomes")
            .transform(Number),
        )
        .min(1, "nextRound.errors.outcomes")
        .max(500, "nextRound.errors.outcomes"),
    ),
  ...roundFeedbackShape,
  copyOtherQuestions: z.enum(["yes", "no"], { error: "nextRound.errors.copy" }).transform((v) => v === "yes"),
});

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = parseForm(form, schema);
  const selected = form
    .getAll("outcomeIds")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 500);
  if (!parsed.ok) return fail(parsed.errors, parsed.values, 400, { selected });
  const { outcomeIds, copyOtherQuestions, ...settings } = parsed.data;
  const created = await createNextRound(args.context.db, { actor, consultationId: consultation.id, outcomeIds, copyOtherQuestions, settings }, new Date());
  if (!created.ok) {
    const field = created.reason === "none-selected" || created.reason === "unknown-outcome" ? "outcomeIds" : "form";
    return fail({ [field]: `nextRound.errors.${created.reason}` }, formValues(form, schemaFields(schema)), field === "form" ? 409 : 400, { selected });
  }
  return redirect(`/consultations/${consultation.slug}/rounds/${created.value.number}?created=1`);
}

export default function NextRound() {
  const { t } = useTranslation("officer");
  const { consultation, plan, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const values: Record<string, string> = actionData?.values ?? {};
  const base = `/consultations/${consultation.slug}`;
  const selected = actionData ? actionData.selected : (plan?.outcomes.filter((o) => o.include).map((o) => String(o.id)) ?? []);
  const domains = plan ? [...new Set(plan.outcomes.map((o) => o.domain))] : [];
  return (
    <>
      <BackLink to={`${base}/survey`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ form: "main-heading" }} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{consultation.title}</span>
          <h1 className="govuk-heading-l" id="main-heading" tabIndex={-1}>
            {plan ? t("nextRound.heading", { number: plan.previous.number + 1 }) : t("nextRound.headingNone")}
          </h1>
          {!plan ? (
            <p className="govuk-body">{t(`nextRound.errors.${refusal}`)}</p>
          ) : (
            <>
              <p className="govuk-body">{t("nextRound.intro", { number: plan.previous.number })}</p>
              {plan.previous.resultVersion === null ? (
                <div className="govuk-inset-text">
                  {t("nextRound.noResult", { number: plan.previous.number })}{" "}
                  <Link className="govuk-link" to={`${base}/results?round=${plan.previous.number}`}>
                    {t("nextRound.calculate", { number: plan.previous.number })}
                  </Link>
                </div>
              ) : (
                <p className="govuk-body">
                  {t("nextRound.fromResult", { number: plan.previous.number, version: plan.previous.resultVersion, n: plan.previous.responseCount })}
                </p>
              )}
              <Form method="post" noValidate>
                <div className={`govuk-form-group${errors.outcomeIds ? " govuk-form-group--error" : ""}`}>
                  <h2 className="govuk-heading-m">{t("nextRound.outcomesHeading")}</h2>
                  <p className="govuk-hint">{t("nextRound.outcomesHint")}</p>
                  {errors.outcomeIds ? (
                    <p className="govuk-error-message" id="outcomeIds-error">
                      <span className="govuk-visually-hidden">{t("common:errors.prefix")}</span> {errors.outcomeIds}
                    </p>
                  ) : null}
                  {domains.map((domain, d) => (
                    <Checkboxes
                      key={domain || "none"}
                      name="outcomeIds"
                      id={d === 0 ? "outcomeIds" : `outcomeIds-domain-${d + 1}`}
                      legend={domain || t("nextRound.noDomain")}
                      small
                      defaultValues={selected}
                      items={plan.outcomes
                        .filter((o) => o.domain === domain && o.reason !== "not-active")
                        .map((o) => ({
                          value: String(o.id),
                          label: `${o.code}: ${o.statement}`,
                          hint: `${t(`nextRound.reason.${o.reason}`, { number: plan.previous.number })}${o.percentCritical !== null ? ` ${t("nextRound.critical", { percent: Math.round(o.percentCritical) })}` : ""}${o.source ? ` ${t("nextRound.source", { source: o.source })}` : ""}`,
                        }))}
                    />
                  ))}
                </div>
                <h2 className="govuk-heading-m">{t("nextRound.feedbackHeading")}</h2>
                <RoundFeedbackFields
                  errors={errors}
                  values={{
                    showFeedback: values.showFeedback ?? "yes",
                    feedbackBy: values.feedbackBy ?? "overall",
                    allowNewParticipants: values.allowNewParticipants ?? "no",
                  }}
                />
                <Radios
                  name="copyOtherQuestions"
                  legend={t("nextRound.copy", { number: plan.previous.number })}
                  hint={t("nextRound.copyHint", { number: plan.previous.number })}
                  error={errors.copyOtherQuestions}
                  defaultValue={values.copyOtherQuestions ?? "yes"}
                  inline
                  items={[
                    { value: "yes", label: t("round.yes") },
                    { value: "no", label: t("round.no") },
                  ]}
                />
                <Button>{t("nextRound.submit", { number: plan.previous.number + 1 })}</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
