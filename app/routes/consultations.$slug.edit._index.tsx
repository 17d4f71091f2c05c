import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { checkAudienceChange } from "../domain/consultation/lifecycle";
import { advisoryGroupAllowed, findConsultationSettings, listAdvisoryGroupsOfPartnership, updateSettings } from "../services/consultations.server";
import { BackLink, Button } from "../ui/components";
import { ConsultationSettingsFields } from "../ui/consultation/ConsultationSettingsFields";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import type { RouteHandle } from "../ui/title";
import { dayOf, settingsSchema } from "../utils/consultation-form";
import { fail, formValues, parseForm, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("officer:settings.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation } = await requireConsultationRole(args, ["officer"]);
  const db = args.context.db;
  const s = (await findConsultationSettings(db, consultation.id))!;
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    groups: await listAdvisoryGroupsOfPartnership(db, consultation.partnershipId),
    values: {
      audience: s.audience,
      opensAt: dayOf(s.opensAt),
      closesAt: dayOf(s.closesAt),
      contactEmail: s.contactEmail ?? "",
      advisoryGroupId: s.advisoryGroupId ? String(s.advisoryGroupId) : "none",
    },
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = parseForm(form, settingsSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const values = formValues(form, schemaFields(settingsSchema));
  const db = args.context.db;
  const current = (await findConsultationSettings(db, consultation.id))!;
  if (!checkAudienceChange(current.status, current.audience, parsed.data.audience).ok) {
    return fail({ audience: "form.errors.audienceFixed" }, values);
  }
  // Once open, a consultation's dates and contact are what participants were told: a blank Save must not erase them.
  if (current.status !== "draft") {
    const kept = (["opensAt", "closesAt", "contactEmail"] as const).filter((f) => current[f] != null && parsed.data[f] == null);
    if (kept.length) return fail(Object.fromEntries(kept.map((f) => [f, `form.errors.${f}Kept`])), values);
  }
  if (!(await advisoryGroupAllowed(db, consultation.partnershipId, parsed.data.advisoryGroupId)))
    return fail({ advisoryGroupId: "form.errors.advisoryGroup" }, values);
  await updateSettings(db, { actor, consultationId: consultation.id, settings: parsed.data }, new Date());
  return redirect(`/consultations/${consultation.slug}`);
}

export default function EditSettings() {
  const { t } = useTranslation("officer");
  const { consultation, groups, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{consultation.title}</span>
          <h1 className="govuk-heading-l">{t("settings.heading")}</h1>
          <Form method="post" noValidate>
            <ConsultationSettingsFields values={actionData?.values ?? values} errors={errors} groups={groups} />
            <Button>{t("actions.save")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
