import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireOfficerPartnerships, requirePartnershipActor } from "../auth/consultation-access.server";
import { advisoryGroupAllowed, createConsultation, listAdvisoryGroupsOfPartnership } from "../services/consultations.server";
import { BackLink, Button } from "../ui/components";
import { ConsultationSettingsFields } from "../ui/consultation/ConsultationSettingsFields";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, TextInput, Textarea } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { CREATE_FIELDS, createSchema } from "../utils/consultation-form";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("officer:create.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { partnerships } = await requireOfficerPartnerships(args);
  const db = args.context.db;
  const preselected = new URL(args.request.url).searchParams.get("partnership");
  return json({
    preselected: partnerships.some((p) => p.slug === preselected) ? preselected : null,
    partnerships: await Promise.all(partnerships.map(async (p) => ({ ...p, groups: await listAdvisoryGroupsOfPartnership(db, p.id) }))),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { partnerships } = await requireOfficerPartnerships(args);
  const form = await args.request.formData();
  const slug = form.get("partnership");
  const partnership = partnerships.length === 1 ? partnerships[0] : partnerships.find((p) => p.slug === slug);
  const parsed = parseForm(form, createSchema, CREATE_FIELDS);
  if (!partnership) {
    const values = parsed.ok ? {} : parsed.values;
    return fail(
      { partnership: "form.errors.partnership", ...(parsed.ok ? {} : parsed.errors) },
      { ...values, partnership: typeof slug === "string" ? slug.slice(0, 100) : "" },
    );
  }
  const { actor } = await requirePartnershipActor(args, partnership.id);
  if (!parsed.ok) return fail(parsed.errors, { ...parsed.values, partnership: partnership.slug });
  const { title, summary, ...settings } = parsed.data;
  const db = args.context.db;
  if (!(await advisoryGroupAllowed(db, partnership.id, settings.advisoryGroupId))) {
    return fail(
      { advisoryGroupId: "form.errors.advisoryGroup" },
      { ...Object.fromEntries(CREATE_FIELDS.map((f) => [f, String(form.get(f) ?? "").slice(0, 10_000)])), partnership: partnership.slug },
    );
  }
  const created = await createConsultation(db, { actor, settings, english: { title, summary } }, new Date());
  return redirect(`/consultations/${created.slug}?created=1`);
}

export default function NewConsultation() {
  const { t } = useTranslation("officer");
  const { partnerships, preselected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const values: Record<string, string> = actionData?.values ?? {};
  const chosen = partnerships.find((p) => p.slug === (values.partnership ?? preselected)) ?? partnerships[0];
  const groups =
    partnerships.length === 1 ? partnerships[0].groups : partnerships.flatMap((p) => p.groups.map((g) => ({ ...g, name: `${g.name} (${p.name})` })));
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ audience: "audience" }} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{t("create.heading")}</h1>
          <p className="govuk-body">{t("create.intro")}</p>
          <Form method="post" noValidate>
            {partnerships.length > 1 ? (
              <Radios
                name="partnership"
                legend={t("form.partnership")}
                error={errors.partnership}
                defaultValue={values.partnership ?? chosen.slug}
                items={partnerships.map((p) => ({ value: p.slug, label: p.name }))}
              />
            ) : (
              <p className="govuk-body">
                {t("form.partnership")}: <strong>{chosen.name}</strong>
              </p>
            )}
            <TextInput name="title" label={t("form.titleEn")} hint={t("form.titleHint")} error={errors.title} defaultValue={values.title} />
            <Textarea
              name="summary"
              label={t("form.summaryEn")}
              hint={t("form.summaryHint")}
              error={errors.summary}
              defaultValue={values.summary}
              rows={3}
              optional
            />
            <ConsultationSettingsFields values={values} errors={errors} groups={groups} />
            <Button>{t("create.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
