/**
 * A real SMTP server (the `smtp-server` package) on a loopback port for tests: the app
 * delivers to it over SMTP exactly as to a relay, and tests read what arrived (parsed
 * with mailparser). It can refuse chosen recipients (a bounce) or be closed and reopened
 * on the same port (SMTP down, then back).
 */
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Map<string, unknown>;
}

export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** Waits until `predicate` holds for the messages received so far. */
  waitFor: (predicate: (messages: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

export interface TestSmtpOptions {
  port?: number;
  /** Return an SMTP reply code (e.g. 550, 451) to refuse a recipient. */
  refuseRecipient?: (address: string) => number | undefined;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.refuseRecipient?.(address.address);
      if (code) {
        const err = new Error(code >= 500 ? "No such user here" : "Try again later") as Error & { responseCode: number };
        err.responseCode = code;
        callback(err);
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
            headers: mail.headers as Map<string, unknown>,
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline)
          throw new Error(`mail did not arrive in ${timeoutMs} ms; received ${messages.length}: ${messages.map((m) => `${m.to} ${m.subject}`).join("; ")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first /invite/<token> link in a message's text. */
export function inviteLink(mail: ReceivedMail): string | null {
  return /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? null;
}

/** Environment for the test server to deliver to this SMTP server quickly. */
export function smtpEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    SMTP_TIMEOUT_SECONDS: "5",
    EMAIL_POLL_SECONDS: "0.2",
    EMAIL_RETRY_BASE_SECONDS: "0.2",
    EMAIL_RETRY_MAX_SECONDS: "1",
    ...extra,
  };
}
