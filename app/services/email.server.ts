/**
 * Email is never sent inside a request. `enqueueEmail` writes an `email_outbox` row in the
 * caller's transaction (so an invitation and its email are stored together or not at all)
 * and wakes the sender loop (app/services/email-sender.server.ts), which delivers it over
 * SMTP with retries. If SMTP is down the row stays queued and is retried: nothing is lost
 * and nobody waits.
 */
import { afterCommit, type DB } from "../db.server";
import { insertEmail, type NewEmail } from "../repos/email-outbox.server";

export type { NewEmail };

const ADDRESS = /^[^\s@<>",;]{1,64}@[^\s@<>",;]{1,255}$/;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value);
}

let wakeSender: (() => void) | null = null;

/** Called by the sender loop so that new mail is picked up at once rather than at the next poll. */
export function onEmailQueued(wake: (() => void) | null): void {
  wakeSender = wake;
}

export async function enqueueEmail(db: DB, email: NewEmail, now: Date = new Date()): Promise<number> {
  if (!isEmailAddress(email.to)) throw new Error("enqueueEmail: not an email address");
  const id = await insertEmail(
    db,
    {
      ...email,
      // Headers cannot carry line breaks (header injection); bodies may.
      subject: email.subject.replace(/[\r\n]+/g, " ").slice(0, 250),
      kind: email.kind.slice(0, 40),
    },
    now,
  );
  // Once the caller's transaction has committed (at once when there is none), so the sender finds it.
  if (wakeSender) afterCommit(wakeSender);
  return id;
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { countByStatus, listEmails } from "../repos/email-outbox.server";
