import { and, count, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import { emailOutbox, invitations, type EmailStatus } from "../../db/tables";
import { changedRows, type DB, inTransaction, instant, skipLocked } from "../db.server";

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

export async function insertEmail(db: DB, email: NewEmail, now: Date): Promise<number> {
  const [row] = await db
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
    .returning({ id: emailOutbox.id });
  return row.id;
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
async function forgetIfReceipt(tx: DB, id: number): Promise<boolean> {
  return changedRows(await tx.delete(emailOutbox).where(and(eq(emailOutbox.id, id), eq(emailOutbox.kind, RECEIPT_KIND)))) > 0;
}

/**
 * Takes the next due email and marks it "sending", atomically, so two senders (two servers) never
 * take the same one: one statement, atomic under SQLite's one writer; on PostgreSQL it also locks
 * the row it picks and passes over rows another sender is claiming (`skipLocked`).
 */
export async function claimNextDue(db: DB, now: Date): Promise<OutboxRow | undefined> {
  const [claimed] = await db
    .update(emailOutbox)
    .set({ status: "sending", updatedAt: now })
    .where(
      and(
        eq(emailOutbox.status, "queued"),
        eq(
          emailOutbox.id,
          sql`(select o.id from email_outbox o where o.status = 'queued' and o.next_attempt_at <= ${instant(now)} order by o.next_attempt_at, o.id limit 1${skipLocked()})`,
        ),
      ),
    )
    .returning();
  return claimed;
}

export async function markSent(db: DB, id: number, messageId: string | null, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (await forgetIfReceipt(tx, id)) return;
    const [row] = await tx
      .select({ kind: emailOutbox.kind, relatedId: emailOutbox.relatedId, text: emailOutbox.text, html: emailOutbox.html })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, id));
    if (!row) return;
    await tx
      .update(emailOutbox)
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
      .where(eq(emailOutbox.id, id));
    if (row.kind === "invitation" && row.relatedId != null) {
      await tx
        .update(invitations)
        .set({ sentAt: now })
        .where(and(eq(invitations.id, row.relatedId), sql`${invitations.sentAt} is null`));
    }
  });
}

export async function markFailedAttempt(
  db: DB,
  id: number,
  outcome: { status: EmailStatus; attempts: number; nextAttemptAt: Date },
  error: string,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (outcome.status !== "queued" && (await forgetIfReceipt(tx, id))) return;
    await tx
      .update(emailOutbox)
      .set({ status: outcome.status, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: error.slice(0, 500), updatedAt: now })
      .where(eq(emailOutbox.id, id));
  });
}

/** Emails left "sending" by a process that stopped mid-send go back to the queue (delivery is at least once). */
export async function requeueStale(db: DB, olderThan: Date, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(emailOutbox)
      .set({ status: "queued", nextAttemptAt: now, updatedAt: now })
      .where(and(eq(emailOutbox.status, "sending"), lte(emailOutbox.updatedAt, olderThan))),
  );
}

/** Officer asks to try a failed or bounced email again. */
export async function requeueEmail(db: DB, id: number, consultationId: number, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(emailOutbox)
        .set({ status: "queued", nextAttemptAt: now, attempts: 0, updatedAt: now })
        .where(and(eq(emailOutbox.id, id), eq(emailOutbox.consultationId, consultationId), inArray(emailOutbox.status, ["failed", "bounced"]))),
    ) > 0
  );
}

export async function countByStatus(db: DB, consultationId: number): Promise<Record<EmailStatus, number>> {
  const out: Record<EmailStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
  for (const r of await db
    .select({ status: emailOutbox.status, n: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.consultationId, consultationId), ne(emailOutbox.kind, RECEIPT_KIND)))
    .groupBy(emailOutbox.status))
    out[r.status] = r.n;
  return out;
}

export async function listEmails(db: DB, consultationId: number, limit = 200) {
  return await db
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
    .limit(limit);
}

/** Consultation of each outbox id (for scoping captured mail to the people allowed to see it); receipts are left out, as are ids no longer in the outbox. */
export async function consultationsOfEmails(db: DB, ids: number[]): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map();
  return new Map(
    (
      await db
        .select({ id: emailOutbox.id, consultationId: emailOutbox.consultationId })
        .from(emailOutbox)
        .where(and(inArray(emailOutbox.id, ids), ne(emailOutbox.kind, RECEIPT_KIND)))
    ).map((r) => [r.id, r.consultationId]),
  );
}
