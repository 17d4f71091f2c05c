import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { EMAIL_STATUSES } from "../domain/email/delivery";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { countByStatus, listEmails } from "../services/email.server";
import { retryEmail } from "../services/advisory-groups.server";
import { BackLink, Button, SuccessBanner, SummaryList, Table } from "../ui/components";
import { formatDateTime } from "../i18n/format.server";
import { EmailStatusTag, ParticipationNav } from "../ui/participation";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("participation:emails.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  const db = args.context.db;
  const fmt = (d: Date | null) => (d ? formatDateTime(d.toISOString(), locale) : null);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    counts: await countByStatus(db, consultation.id),
    emails: (await listEmails(db, consultation.id)).map((e) => ({
      id: e.id,
      kind: e.kind,
      to: e.to,
      subject: e.subject,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      when: e.status === "sent" ? fmt(e.sentAt) : e.status === "queued" ? fmt(e.nextAttemptAt) : fmt(e.createdAt),
    })),
  });
}

const retrySchema = z.object({ intent: z.literal("retry"), id: z.coerce.number().int().positive() });

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = retrySchema.safeParse({ intent: form.get("intent"), id: form.get("id") });
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const done = await retryEmail(args.context.db, { actor, consultationId: consultation.id, emailId: parsed.data.id }, new Date());
  if (!done) throw new Response("Not Found", { status: 404 });
  return redirect(`/consultations/${consultation.slug}/invitations/emails?retried=1`);
}

export default function EmailLog() {
  const { t } = useTranslation("participation");
  const { consultation, counts, emails } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/invitations`}>{t("common:common.back")}</BackLink>
      {search.get("retried") ? <SuccessBanner message={t("emails.retried")} /> : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("emails.heading")}</h1>
      <ParticipationNav slug={consultation.slug} current="emails" officer />
      <p className="govuk-body">{t("emails.intro")}</p>
      <SummaryList rows={EMAIL_STATUSES.map((s) => ({ key: <EmailStatusTag status={s} />, value: String(counts[s]) }))} />
      {emails.length === 0 ? (
        <p className="govuk-body" data-testid="no-emails">
          {t("emails.none")}
        </p>
      ) : (
        <Table
          caption={t("emails.caption", { count: emails.length })}
          head={[t("emails.col.to"), t("emails.col.kind"), t("emails.col.status"), t("emails.col.when"), t("emails.col.attempts"), t("emails.col.action")]}
          numericColumns={[4]}
          rows={emails.map((e) => [
            e.to,
            t(`emails.kind.${e.kind}`, { defaultValue: e.kind }),
            <span key="s">
              <EmailStatusTag status={e.status} />
              {e.lastError && e.status !== "sent" ? <span className="govuk-body-s govuk-!-display-block">{e.lastError}</span> : null}
            </span>,
            e.when ? `${t(`emails.whenLabel.${e.status}`)} ${e.when}` : "–",
            String(e.attempts),
            e.status === "failed" || e.status === "bounced" ? (
              <Form method="post" key="a">
                <input type="hidden" name="intent" value="retry" />
                <input type="hidden" name="id" value={e.id} />
                <Button variant="secondary">
                  {t("emails.retry")}
                  <span className="govuk-visually-hidden"> {e.to}</span>
                </Button>
              </Form>
            ) : (
              "–"
            ),
          ])}
        />
      )}
    </>
  );
}
