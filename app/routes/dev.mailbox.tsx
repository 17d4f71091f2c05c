import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../auth/guards.server";
import { emailCaptureEnabled } from "../env.server";
import { mailboxPage } from "../services/mail-capture.server";
import { Pagination } from "../ui/components";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("participation:mailbox.title") };

/**
 * Development only (404 unless mail capture is on): the mail the in-process SMTP capture
 * received, for officers and administrators, each seeing only mail about consultations of
 * their own partnerships (mail about no consultation: administrators only), never citizens' receipts, newest first,
 * 20 to a page (?page=n; a page past the last shows the last).
 */
const PER_PAGE = 20;
const query = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional() });

export async function loader(args: LoaderFunctionArgs) {
  if (!emailCaptureEnabled()) throw new Response("Not Found", { status: 404 });
  const user = await requireUser(args);
  const staff = user.memberships.filter((m) => m.role === "officer" || m.role === "administrator");
  if (staff.length === 0) throw new Response("Forbidden", { status: 403 });
  const q = query.safeParse({ page: new URL(args.request.url).searchParams.get("page") ?? undefined });
  if (!q.success) throw new Response("Bad Request", { status: 400 });
  const viewer = { partnershipIds: new Set(staff.map((m) => m.partnershipId)), isAdmin: staff.some((m) => m.role === "administrator") };
  return json(await mailboxPage(args.context.db, viewer, q.data.page ?? 1, PER_PAGE));
}

export default function Mailbox() {
  const { t } = useTranslation("participation");
  const { messages, total, page, pages, first, last } = useLoaderData<typeof loader>();
  const pagination = <Pagination page={page} pages={pages} href={(n) => `/dev/mailbox?page=${n}`} label={t("mailbox.pages")} />;
  return (
    <>
      <h1 className="govuk-heading-l">{t("mailbox.heading")}</h1>
      <p className="govuk-body">{t("mailbox.intro")}</p>
      {messages.length === 0 ? (
        <p className="govuk-body">{t("mailbox.none")}</p>
      ) : (
        <p className="govuk-body" data-testid="mailbox-count">
          {t("mailbox.showing", { first, last, total })}
        </p>
      )}
      {messages.map((m, i) => (
        <section key={i} className="govuk-!-margin-bottom-6" aria-labelledby={`mail-${i}`}>
          <h2 className="govuk-heading-s" id={`mail-${i}`}>
            {m.subject}
          </h2>
          <p className="govuk-body-s">
            {t("mailbox.to")} {m.to} · {m.receivedAt}
          </p>
          <pre className="app-mail-text" role="region" tabIndex={0} aria-label={t("mailbox.body", { subject: m.subject })}>
            {m.text}
          </pre>
        </section>
      ))}
      {pagination}
    </>
  );
}
