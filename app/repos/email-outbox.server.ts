import { and, asc, count, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { emailOutbox, invitations, type EmailStatus } from "../../db/schema";
import { type DB, inTransaction } from "../db.server";

export interface NewEmail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** What the email is for: "invitation", "reminder", "receipt"… */
  kind: string;
  consultationId?: number | null;
  relatedId?: number | null;
}

export function insertEmail(db: DB, email: NewEmail, now: Date): number {
  return db
    .insert(emailOutbox)
    .values({
      kind: email.kind,
      toAddress: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html ?? null,
      consultationId: email.consultationId ?? null,
      relatedId: email.relatedId ?? null,
      status: "queued",
      nextAttemptAt: now,
      updatedAt: now,
    })
    .returning({ id: emailOutbox.id })
    .get().id;
}

/** Personal links are not kept once delivered: only their hashes are stored (invitations.tokenHash). */
export function redactInviteLinks(text: string): string {
  return text.replace(/\/invite\/[A-Za-z0-9_-]+/g, "/invite/[removed after sending]");
}

export type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * A citizen's receipt: its address is for that one email. Once it is sent or has failed for
 * good its row is deleted, so nothing in the outbox ties an address to an answer set (not even
 * the time it was queued); staff lists and the mailbox never show receipts.
 */
export const RECEIPT_KIND = "receipt";

/** Deletes the email if it is a receipt; returns whether it did. */
function forgetIfReceipt(tx: DB, id: number): boolean {
  return tx.delete(emailOutbox).where(and(eq(emailOutbox.id, id), eq(emailOutbox.kind, RECEIPT_KIND))).run().changes > 0;
}

/** Takes the next due email and marks it "sending", atomically (one writer at a time in SQLite). */
export function claimNextDue(db: DB, now: Date): OutboxRow | undefined {
  return inTransaction(db, (tx) => {
    const row = tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now)))
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
      .limit(1)
      .get();
    if (!row) return undefined;
    tx.update(emailOutbox).set({ status: "sending", updatedAt: now }).where(eq(emailOutbox.id, row.id)).run();
    return { ...row, status: "sending" as const };
  });
}

export function markSent(db: DB, id: number, messageId: string | null, now: Date): void {
  inTransaction(db, (tx) => {
    if (forgetIfReceipt(tx, id)) return;
    const row = tx.select({ kind: emailOutbox.kind, relatedId: emailOutbox.relatedId, text: emailOutbox.text, html: emailOutbox.html }).from(emailOutbox).where(eq(emailOutbox.id, id)).get();
    if (!row) return;
    tx.update(emailOutbox)
      .set({
        status: "sent",
        sentAt: now,
        messageId,
        lastError: null,
        attempts: sql`${emailOutbox.attempts} + 1`,
        updatedAt: now,
        text: redactInviteLinks(row.text),
        html: row.html == null ? null : redactInviteLinks(row.html),
      })
      .where(eq(emailOutbox.id, id))
      .run();
    if (row.kind === "invitation" && row.relatedId != null) {
      tx.update(invitations).set({ sentAt: now }).where(and(eq(invitations.id, row.relatedId), sql`${invitations.sentAt} is null`)).run();
    }
  });
}

export function markFailedAttempt(db: DB, id: number, outcome: { status: EmailStatus; attempts: number; nextAttemptAt: Date }, error: string, now: Date): void {
  inTransaction(db, (tx) => {
    if (outcome.status !== "queued" && forgetIfReceipt(tx, id)) return;
    tx.update(emailOutbox)
      .set({ status: outcome.status, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: error.slice(0, 500), updatedAt: now })
      .where(eq(emailOutbox.id, id))
      .run();
  });
}

/** Emails left "sending" by a process that stopped mid-send go back to the queue (delivery is at least once). */
export function requeueStale(db: DB, olderThan: Date, now: Date): number {
  return db
    .update(emailOutbox)
    .set({ status: "queued", nextAttemptAt: now, updatedAt: now })
    .where(and(eq(emailOutbox.status, "sending"), lte(emailOutbox.updatedAt, olderThan)))
    .run().changes;
}

/** Officer asks to try a failed or bounced email again. */
export function requeueEmail(db: DB, id: number, consultationId: number, now: Date): boolean {
  return (
    db
      .update(emailOutbox)
      .set({ status: "queued", nextAttemptAt: now, attempts: 0, updatedAt: now })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.consultationId, consultationId), inArray(emailOutbox.status, ["failed", "bounced"])))
      .run().changes > 0
  );
}

export function countByStatus(db: DB, consultationId: number): Record<EmailStatus, number> {
  const out: Record<EmailStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
  for (const r of db
    .select({ status: emailOutbox.status, n: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.consultationId, consultationId), ne(emailOutbox.kind, RECEIPT_KIND)))
    .groupBy(emailOutbox.status)
    .all())
    out[r.status] = r.n;
  return out;
}

export function listEmails(db: DB, consultationId: number, limit = 200) {
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
      relatedId: emailOutbox.relatedId,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.consultationId, consultationId), ne(emailOutbox.kind, RECEIPT_KIND)))
    .orderBy(desc(emailOutbox.id))
    .limit(limit)
    .all();
}

/** Consultation of each outbox id (for scoping captured mail to the people allowed to see it); receipts are left out, as are ids no longer in the outbox. */
export function consultationsOfEmails(db: DB, ids: number[]): Map<number, number | null> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: emailOutbox.id, consultationId: emailOutbox.consultationId })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.id, ids), ne(emailOutbox.kind, RECEIPT_KIND)))
      .all()
      .map((r) => [r.id, r.consultationId]),
  );
}
