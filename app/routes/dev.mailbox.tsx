import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../auth/guards.server";
import { getDb } from "../db.server";
import { emailCaptureEnabled } from "../env.server";
import { findConsultationPartnerships } from "../repos/panel.server";
import { consultationsOfEmails } from "../repos/email-outbox.server";
import { capturedMail } from "../services/mail-capture.server";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("panel:mailbox.title") };

/**
 * Development only (404 unless mail capture is on): the mail the in-process SMTP capture
 * received, for officers and administrators, each seeing only mail about consultations of
 * their own partnerships (mail about no consultation: administrators only), and never
 * citizens' receipts.
 */
export function loader(args: LoaderFunctionArgs) {
  if (!emailCaptureEnabled()) throw new Response("Not Found", { status: 404 });
  const user = requireUser(args);
  const staff = user.memberships.filter((m) => m.role === "officer" || m.role === "administrator");
  if (staff.length === 0) throw new Response("Forbidden", { status: 403 });
  const partnerships = new Set(staff.map((m) => m.partnershipId));
  const isAdmin = staff.some((m) => m.role === "administrator");
  const db = getDb();
  const all = capturedMail();
  const consultationOf = consultationsOfEmails(db, all.map((m) => m.outboxId).filter((id): id is number => id != null));
  const partnershipOf = findConsultationPartnerships(db, [...new Set([...consultationOf.values()].filter((c): c is number => c != null))]);
  const visible = all.filter((m) => {
    // Mail whose outbox row is gone or is a receipt (deleted once sent) is a citizen's: never shown to staff.
    if (m.outboxId == null || !consultationOf.has(m.outboxId)) return false;
    const c = consultationOf.get(m.outboxId) ?? null;
    if (c == null) return isAdmin;
    const p = partnershipOf.get(c);
    return p != null && partnerships.has(p);
  });
  return json({ messages: visible.slice(0, 50) });
}

export default function Mailbox() {
  const { t } = useTranslation("panel");
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">{t("mailbox.heading")}</h1>
      <p className="govuk-body">{t("mailbox.intro")}</p>
      {messages.length === 0 ? <p className="govuk-body">{t("mailbox.none")}</p> : null}
      {messages.map((m, i) => (
        <section key={i} className="govuk-!-margin-bottom-6" aria-labelledby={`mail-${i}`}>
          <h2 className="govuk-heading-s" id={`mail-${i}`}>
            {m.subject}
          </h2>
          <p className="govuk-body-s">
            {t("mailbox.to")} {m.to} · {m.receivedAt}
          </p>
          <pre className="app-mail-text" tabIndex={0} aria-label={t("mailbox.body", { subject: m.subject })}>
            {m.text}
          </pre>
        </section>
      ))}
    </>
  );
}
