/**
 * Email is never sent inside a request. `enqueueEmail` writes an `email_outbox` row in the
 * caller's transaction (so an invitation and its email are stored together or not at all)
 * and wakes the sender loop (app/services/email-sender.server.ts), which delivers it over
 * SMTP with retries. If SMTP is down the row stays queued and is retried: nothing is lost
 * and nobody waits.
 */
import { dialect, type DB } from "../db.server";
import { insertEmail, type NewEmail } from "../repos/email-outbox.server";

export type { NewEmail };

const ADDRESS = /^[^\s@<>",;]{1,64}@[^\s@<>",;]{1,255}$/;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value);
}

let wakeSender: (() => void) | null = null;
/** PostgreSQL: when to wake the sender again after an email is queued (most transactions have committed by then). */
const POSTGRES_WAKE_AGAIN_MS = 250;
let wakeAgain: NodeJS.Timeout | null = null;

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
  // After the caller's transaction has committed: on SQLite it awaits only the database, so it ends
  // before this turn of the event loop does, and setImmediate runs after that turn. On PostgreSQL
  // the transaction goes on over the network, so the sender is woken again a moment later (else
  // the email would wait for the next poll); a pass that finds nothing due costs one query.
  if (wakeSender) {
    setImmediate(wakeSender);
    if (dialect === "postgres") {
      // One timer, POSTGRES_WAKE_AGAIN_MS after the last email queued (a batch of invitations queues many).
      if (wakeAgain) clearTimeout(wakeAgain);
      wakeAgain = setTimeout(() => {
        wakeAgain = null;
        wakeSender?.();
      }, POSTGRES_WAKE_AGAIN_MS);
      wakeAgain.unref();
    }
  }
  return id;
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export { countByStatus, listEmails } from "../repos/email-outbox.server";
