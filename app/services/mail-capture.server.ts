/**
 * Development mail capture: a real SMTP server (the `smtp-server` package) inside the
 * app process on a loopback port. The sender delivers to it exactly as it would to a real
 * relay; captured messages are kept in memory (the last 200) and shown to staff at
 * /dev/mailbox. Never used when SMTP_HOST is set, unless EMAIL_CAPTURE=true says so.
 */
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  outboxId: number | null;
  to: string;
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

const LIMIT = 200;

declare global {
  var __mailCapture: { port: number; messages: CapturedMail[]; server: SMTPServer } | undefined;
}

export function capturedMail(): CapturedMail[] {
  return globalThis.__mailCapture?.messages ?? [];
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
          messages.length = Math.min(messages.length, LIMIT);
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
