import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { MAX_RETENTION_DAYS } from "../domain/privacy/retention";
import { consultationPrivacy, deleteConsultationPersonalData, retentionDateProblem, setRetentionDate } from "../services/privacy.server";
import { BackLink, Button, NotificationBanner, SummaryList } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes, DateInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { dateField } from "../utils/consultation-form";
import { fail, formValues, parseForm, schemaFields } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("privacy:consultation.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  const row = await consultationPrivacy(args.context.db, consultation.id);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    retainUntil: row.retainUntil ? row.retainUntil.toISOString().slice(0, 10) : "",
    retainUntilText: row.retainUntil ? formatDate(row.retainUntil.toISOString(), locale) : null,
    deletedAtText: row.deletedAt ? formatDate(row.deletedAt.toISOString(), locale) : null,
    held: row.held,
  });
}

const retentionSchema = z.object({ retainUntil: dateField("consultation.errors.date", true) });
const deleteSchema = z.object({ confirm: z.literal("yes", { error: "consultation.errors.confirm" }) });

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { consultation, user } = await requireConsultationRole(args, ["officer"]);
  const db = args.context.db;
  const now = new Date();
  const intent = form.get("intent");
  if (intent === "retention") {
    const parsed = parseForm(form, retentionSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const date = parsed.data.retainUntil;
    if (date) {
      const problem = await retentionDateProblem(db, consultation.id, date, now);
      if (problem) return fail({ retainUntil: `consultation.errors.${problem}` }, formValues(form, schemaFields(retentionSchema)));
    }
    await setRetentionDate(db, consultation.id, consultation.partnershipId, date, now, user.id);
    return redirect(`/consultations/${consultation.slug}/privacy?saved=retention`);
  }
  if (intent === "delete") {
    const parsed = parseForm(form, deleteSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    await deleteConsultationPersonalData(db, consultation.id, now, user.id);
    return redirect(`/consultations/${consultation.slug}/privacy?saved=deleted`);
  }
  // An unknown button is refused like a form (the page shows why), not thrown as a bare 400.
  return fail({ intent: "consultation.errors.intent" });
}

export default function ConsultationPrivacy() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation("privacy");
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const errors = useTranslatedErrors(a?.errors, "privacy", { years: MAX_RETENTION_DAYS / 365 });
  const values = (a?.values ?? {}) as Record<string, string>;
  return (
    <>
      <BackLink to={`/consultations/${d.consultation.slug}`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fieldIds={{ confirm: "confirm", intent: "retainUntil" }} />
          {saved === "retention" ? (
            <NotificationBanner title={t("consultation.savedTitle")} success>
              <p className="govuk-notification-banner__heading">{t("consultation.retentionSaved")}</p>
            </NotificationBanner>
          ) : null}
          {saved === "deleted" ? (
            <NotificationBanner title={t("consultation.savedTitle")} success>
              <p className="govuk-notification-banner__heading">{t("consultation.deletedBanner")}</p>
            </NotificationBanner>
          ) : null}
          <span className="govuk-caption-l">{d.consultation.title}</span>
          <h1 className="govuk-heading-l">{t("consultation.title")}</h1>
          <p className="govuk-body">{t("consultation.intro")}</p>
          <h2 className="govuk-heading-m">{t("consultation.heldHeading")}</h2>
          <SummaryList
            rows={[
              { key: t("consultation.held.members"), value: String(d.held.linkedToMembers) },
              { key: t("consultation.held.profiles"), value: String(d.held.profiles) },
              { key: t("consultation.held.drafts"), value: String(d.held.drafts) },
              { key: t("consultation.held.invitations"), value: String(d.held.invitations) },
              { key: t("consultation.held.emails"), value: String(d.held.emails) },
              { key: t("consultation.held.responses"), value: String(d.held.responses) },
            ]}
          />
          {d.deletedAtText ? <p className="govuk-body">{t("consultation.deletedOn", { date: d.deletedAtText })}</p> : null}
          <h2 className="govuk-heading-m">{t("consultation.retentionHeading")}</h2>
          <p className="govuk-body">{d.retainUntilText ? t("consultation.retainUntil", { date: d.retainUntilText }) : t("consultation.noRetention")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="retention" />
            <DateInput
              name="retainUntil"
              label={t("consultation.retainUntilLabel")}
              hint={t("consultation.retainUntilHint", { years: MAX_RETENTION_DAYS / 365 })}
              error={errors?.retainUntil}
              defaultValue={values.retainUntil ?? d.retainUntil}
              optional
            />
            <Button variant="secondary">{t("consultation.saveRetention")}</Button>
          </Form>
          <h2 className="govuk-heading-m">{t("consultation.deleteHeading")}</h2>
          <p className="govuk-body">{t("consultation.deleteText")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <Checkboxes
              name="confirm"
              legend={t("consultation.confirmLegend")}
              items={[{ value: "yes", label: t("consultation.confirmLabel") }]}
              error={errors?.confirm}
              small
            />
            <Button variant="warning">{t("consultation.deleteButton")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
