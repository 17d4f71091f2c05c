/**
 * Development mail capture: a real SMTP server (the `smtp-server` package) inside the
 * app process on a loopback port. The sender delivers to it exactly as it would to a real
 * relay; captured messages are kept in memory (newest first, up to 10,000 since the server
 * started) and shown to staff at /dev/mailbox, page by page. Never used when SMTP_HOST is
 * set, unless EMAIL_CAPTURE=true says so.
 */
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { DB } from "../db.server";
import { consultationsOfEmails } from "../repos/email-outbox.server";
import { findConsultationPartnerships } from "../repos/consultations.server";
import { pageWindow } from "../domain/pagination";

export interface CapturedMail {
  outboxId: number | null;
  to: string;
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

/** Enough for any development session; a bound so a runaway loop cannot exhaust memory. */
export const CAPTURE_LIMIT = 10_000;

declare global {
  var __mailCapture: { port: number; messages: CapturedMail[]; server: SMTPServer } | undefined;
}

export function capturedMail(): CapturedMail[] {
  return globalThis.__mailCapture?.messages ?? [];
}

/**
 * One page of the captured mail a member of staff may read: officers see mail about
 * consultations of their own partnerships, administrators also mail about no consultation.
 */
export async function mailboxPage(db: DB, viewer: { partnershipIds: ReadonlySet<number>; isAdmin: boolean }, page: number, perPage: number) {
  const all = capturedMail();
  const consultationOf = await consultationsOfEmails(
    db,
    all.map((m) => m.outboxId).filter((id): id is number => id != null),
  );
  const partnershipOf = await findConsultationPartnerships(db, [...new Set([...consultationOf.values()].filter((c): c is number => c != null))]);
  const visible = all.filter((m) => {
    // Mail whose outbox row is gone or is a receipt (deleted once sent) is a citizen's: never shown to staff.
    if (m.outboxId == null || !consultationOf.has(m.outboxId)) return false;
    const c = consultationOf.get(m.outboxId) ?? null;
    if (c == null) return viewer.isAdmin;
    const p = partnershipOf.get(c);
    return p != null && viewer.partnershipIds.has(p);
  });
  const window = pageWindow(visible.length, page, perPage);
  return {
    messages: visible.slice(window.start, window.end),
    total: visible.length,
    page: window.page,
    pages: window.pages,
    first: window.start + 1,
    last: window.end,
  };
}

export async function startMailCapture(): Promise<{ port: number }> {
  if (globalThis.__mailCapture) return { port: globalThis.__mailCapture.port };
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "Outcomes that matter development mail capture",
    size: 5 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const id = Number(mail.headers.get("x-outbox-id"));
          messages.unshift({
            outboxId: Number.isInteger(id) && id > 0 ? id : null,
            to: session.envelope.rcptTo.map((r) => r.address).join(", "),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            receivedAt: new Date().toISOString(),
          });
          messages.length = Math.min(messages.length, CAPTURE_LIMIT);
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  globalThis.__mailCapture = { port, messages, server };
  return { port };
}
