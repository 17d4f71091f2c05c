import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireOutcomeOfficer } from "../auth/outcome-access.server";
import { OUTCOME_FIELDS, outcomeFormSchema } from "../domain/outcome-form";
import { reinstateOutcome, updateOutcome } from "../services/outcomes.server";
import { provenanceOf } from "../services/themes.server";
import { ProvenanceNote } from "../ui/outcomes/provenance";
import { BackLink, Button, Tag } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { OutcomeFields, useRoundList } from "../ui/outcomes";
import type { RouteHandle } from "../ui/title";
import { fail, formValues, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; outcome?: { code: string } } | undefined;
    return t("officer:outcomeForm.editTitle", { code: d?.outcome?.code ?? "", consultation: d?.consultation?.title ?? "" });
  },
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, outcome, domains, askedInRounds, pendingRounds } = await requireOutcomeOfficer(args);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    outcome: { code: outcome.code, status: outcome.status },
    values: {
      code: outcome.code,
      domain: outcome.domainId === null ? "" : String(outcome.domainId),
      statement: outcome.statement,
      description: outcome.description,
      source: outcome.source,
    },
    domains,
    askedInRounds,
    pendingRounds,
    provenance: (await provenanceOf(args.context.db, [outcome.id])).get(outcome.id) ?? null,
  });
}

const REFUSALS: Record<string, [string, string]> = {
  "code-taken": ["code", "outcomeForm.errors.codeTaken"],
  "code-locked": ["code", "outcomeForm.errors.codeLocked"],
  domain: ["domain", "outcomeForm.errors.domainRequired"],
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, outcome, askedInRounds } = await requireOutcomeOfficer(args);
  const form = await args.request.formData();
  const db = args.context.db;
  const library = `/consultations/${consultation.slug}/outcomes`;
  if (form.get("intent") === "reinstate") {
    const r = await reinstateOutcome(db, { actor, consultationId: consultation.id, code: outcome.code }, new Date());
    if (!r.ok) throw new Response("Conflict", { status: 409 });
    return redirect(`${library}?reinstated=${encodeURIComponent(outcome.code)}`);
  }
  // Once asked about, the code is not part of the form: it stays what it is.
  if (askedInRounds.length > 0) form.set("code", outcome.code);
  const parsed = parseForm(form, outcomeFormSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const result = await updateOutcome(db, { actor, consultationId: consultation.id, code: outcome.code, form: parsed.data }, new Date());
  if (!result.ok) {
    if (result.reason === "no-outcome") throw new Response("Not Found", { status: 404 });
    const [field, key] = REFUSALS[result.reason] ?? ["code", "outcomeForm.errors.codeTaken"];
    return fail({ [field]: key }, formValues(form, OUTCOME_FIELDS), 409);
  }
  return redirect(`${library}?saved=${encodeURIComponent(result.value.code)}`);
}

export default function EditOutcome() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const rounds = useRoundList();
  const { consultation, outcome } = data;
  const base = `/consultations/${consultation.slug}/outcomes`;
  return (
    <>
      <BackLink to={base}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{consultation.title}</span>
          <h1 className="govuk-heading-l">{t("outcomeForm.editHeading", { code: outcome.code })}</h1>
          <p className="govuk-body">
            {t("outcomeForm.status")} <Tag colour={outcome.status === "active" ? "green" : "grey"}>{t(`common:outcomes.status.${outcome.status}`)}</Tag>
          </p>
          {outcome.status === "retired" ? (
            <>
              <div className="govuk-inset-text">{t("outcomeForm.retiredNote")}</div>
              <Form method="post">
                <input type="hidden" name="intent" value="reinstate" />
                <Button variant="secondary">{t("outcomeForm.reinstate")}</Button>
              </Form>
            </>
          ) : null}
          {data.provenance ? <ProvenanceNote provenance={data.provenance} /> : null}
          {data.askedInRounds.length > 0 ? <div className="govuk-inset-text">{t("outcomeForm.askedIn", { rounds: rounds(data.askedInRounds) })}</div> : null}
          {data.pendingRounds.length > 0 ? <p className="govuk-body">{t("outcomeForm.pendingIn", { rounds: rounds(data.pendingRounds) })}</p> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            <OutcomeFields
              values={actionData?.values ?? data.values}
              errors={errors}
              domains={data.domains}
              fixedCode={data.askedInRounds.length > 0 ? { code: outcome.code, rounds: rounds(data.askedInRounds) } : undefined}
            />
            <Button>{t("outcomeForm.submitSave")}</Button>
          </Form>
          {outcome.status === "active" ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`${base}/${encodeURIComponent(outcome.code)}/retire`}>
                {t("outcomeForm.retireLink")}
                <span className="govuk-visually-hidden"> {outcome.code}</span>
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    </>
  );
}
