import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireOutcomeOfficer } from "../auth/outcome-access.server";
import { retireFormSchema } from "../domain/outcome-form";
import { retireOutcome } from "../services/outcomes.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea } from "../ui/fields";
import { useRoundList } from "../ui/outcomes";
import type { RouteHandle } from "../ui/title";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; outcome?: { code: string } } | undefined;
    return t("officer:outcomeForm.retireTitle", { code: d?.outcome?.code ?? "", consultation: d?.consultation?.title ?? "" });
  },
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, outcome, askedInRounds, pendingRounds } = await requireOutcomeOfficer(args);
  // Only an active outcome can be retired: for any other, its own page says what it is.
  if (outcome.status !== "active") throw redirect(`/consultations/${consultation.slug}/outcomes/${encodeURIComponent(outcome.code)}`);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    outcome: { code: outcome.code, statement: outcome.statement },
    askedInRounds,
    pendingRounds,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, outcome } = await requireOutcomeOfficer(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, retireFormSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const result = await retireOutcome(args.context.db, { actor, consultationId: consultation.id, code: outcome.code, reason: parsed.data.reason }, new Date());
  if (!result.ok) return fail({ reason: "outcomeForm.errors.notActive" }, parsed.data, 409);
  return redirect(`/consultations/${consultation.slug}/outcomes?retired=${encodeURIComponent(outcome.code)}`);
}

export default function RetireOutcome() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const rounds = useRoundList();
  const { consultation, outcome } = data;
  const back = `/consultations/${consultation.slug}/outcomes/${encodeURIComponent(outcome.code)}`;
  return (
    <>
      <BackLink to={back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l" lang="en">
            {outcome.statement}
          </span>
          <h1 className="govuk-heading-l">{t("outcomeForm.retireHeading", { code: outcome.code })}</h1>
          <p className="govuk-body">{t("outcomeForm.retireWill")}</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>{t("outcomeForm.retireNotOffered")}</li>
            {data.askedInRounds.length > 0 ? <li>{t("outcomeForm.retireKept", { rounds: rounds(data.askedInRounds) })}</li> : null}
            {data.pendingRounds.length > 0 ? <li>{t("outcomeForm.retireRemoved", { rounds: rounds(data.pendingRounds) })}</li> : null}
          </ul>
          <p className="govuk-body">{t("outcomeForm.retireUndo")}</p>
          <Form method="post" noValidate>
            <Textarea
              name="reason"
              label={t("outcomeForm.reason")}
              hint={t("outcomeForm.reasonHint")}
              error={errors.reason}
              defaultValue={actionData?.values?.reason}
              rows={3}
            />
            <div className="govuk-button-group">
              <Button variant="warning">{t("outcomeForm.retire")}</Button>
              <Link className="govuk-link" to={back}>
                {t("outcomeForm.cancel")}
              </Link>
            </div>
          </Form>
        </div>
      </div>
    </>
  );
}
