import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { OUTCOME_FIELDS, outcomeFormSchema } from "../domain/outcome-form";
import { createOutcome, listDomainChoices } from "../services/outcomes.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { OutcomeFields } from "../ui/outcomes";
import type { RouteHandle } from "../ui/title";
import { fail, formValues, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("officer:outcomeForm.newTitle", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    domains: await listDomainChoices(args.context.db, consultation.id, locale),
  });
}

const REFUSAL_FIELD = { "code-taken": ["code", "outcomeForm.errors.codeTaken"], domain: ["domain", "outcomeForm.errors.domainRequired"] } as const;

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = parseForm(form, outcomeFormSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const result = await createOutcome(args.context.db, { actor, consultationId: consultation.id, form: parsed.data }, new Date());
  if (!result.ok) {
    const [field, key] = REFUSAL_FIELD[result.reason as keyof typeof REFUSAL_FIELD] ?? ["code", "outcomeForm.errors.codeTaken"];
    return fail({ [field]: key }, formValues(form, OUTCOME_FIELDS), result.reason === "code-taken" ? 409 : 400);
  }
  return redirect(`/consultations/${consultation.slug}/outcomes?added=${encodeURIComponent(result.value.code)}`);
}

export default function NewOutcome() {
  const { t } = useTranslation("officer");
  const { consultation, domains } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/outcomes`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{consultation.title}</span>
          <h1 className="govuk-heading-l">{t("outcomeForm.add")}</h1>
          <p className="govuk-body">{t("outcomeForm.englishNote")}</p>
          <Form method="post" noValidate>
            <OutcomeFields values={actionData?.values ?? {}} errors={errors} domains={domains} />
            <Button>{t("outcomeForm.submitAdd")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
