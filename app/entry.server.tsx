import { type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getDb, prepareDatabase } from "./db.server";
import { emailCaptureEnabled, env, secureCookies } from "./env.server";
import { senderConfigFromEnv, startEmailSender, type EmailSender } from "./services/email-sender.server";
import { applyDueRetention } from "./services/privacy.server";
import { claimPeriodicRun } from "./repos/periodic-runs.server";
import { pageLocale, persistQueryLocale, serverI18n } from "./i18n/i18n.server";
import { NonceProvider } from "./ui/nonce";
import { startThemeRunner, type ThemeRunner } from "./services/theme-runs.server";
import { errorFields, logger, requestIdOf } from "./ops/log.server";
export { logger } from "./ops/log.server";

/** Called once by server.js before it listens: validates configuration and migrates (SQLite file or PostgreSQL); returns what the HTTP server needs. */
export async function boot(): Promise<{ processes: number; bodyTimeoutSeconds: number; shutdownGraceSeconds: number; trustProxy: boolean }> {
  const e = env();
  try {
    await prepareDatabase();
  } catch (error) {
    // Said in one line rather than a stack trace: the usual causes are a wrong address, a server
    // that is down, or credentials the database refuses.
    if (!e.DATABASE_URL) throw error;
    const where = new URL(e.DATABASE_URL);
    throw new Error(
      `Cannot start: the PostgreSQL database at DATABASE_URL (${where.hostname}:${where.port || 5432}${where.pathname}) could not be opened and migrated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    processes: e.WEB_CONCURRENCY,
    bodyTimeoutSeconds: e.REQUEST_BODY_TIMEOUT_SECONDS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    trustProxy: e.TRUST_PROXY,
  };
}

/** Called by server.js last when it stops: closes the database (SQLite checkpoints its WAL into the file). */
export { closeDatabase, getDb } from "./db.server";

let sender: EmailSender | null = null;
let themeRunner: ThemeRunner | null = null;

/** Called once by server.js after boot: the email sender loop (and, in development, the mail capture). */
export async function startBackgroundWork(): Promise<{ stop: () => Promise<void> }> {
  const e = env();
  const capture = emailCaptureEnabled(e);
  const config = await senderConfigFromEnv(e, capture);
  if (!config.smtp) logger.warn("SMTP_HOST is not set: email is kept in the outbox, queued, until SMTP is configured.");
  else if (capture) logger.info(`Email is captured, not sent: staff can read it at /dev/mailbox (SMTP capture on 127.0.0.1:${config.smtp.port}).`);
  sender ??= await startEmailSender(getDb(), config);
  const running = sender;
  // Personal data past its consultation's retention date is deleted once an hour, by whichever
  // server claims the hour first (periodic_runs): each server looks every five minutes, so the
  // sweep carries on whichever of them is up.
  const sweep = async () => {
    try {
      const now = new Date();
      if (!(await claimPeriodicRun(getDb(), "retention-sweep", now, 3600_000))) return;
      const done = await applyDueRetention(getDb(), now);
      if (done.length) logger.info({ consultations: done.length }, "deleted personal data past its retention date");
    } catch (error) {
      logger.error(errorFields(error), "retention sweep failed");
    }
  };
  await sweep();
  const retention = setInterval(() => void sweep(), 300_000);
  retention.unref();
  // Theme suggestions and machine coding, queued by officers, run here off the request path.
  themeRunner ??= await startThemeRunner(getDb);
  const themes = themeRunner;
  return {
    stop: async () => {
      clearInterval(retention);
      await themes.stop();
      await running.stop();
    },
  };
}

function appendCookies(headers: Headers, context: AppLoadContext | undefined) {
  for (const cookie of context?.setCookies ?? []) headers.append("Set-Cookie", cookie);
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  appendCookies(response.headers, context);
  return response;
};

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error({ req_id: requestIdOf(request), ...errorFields(error) }, "unhandled error in a loader or action");
};

/**
 * Pages are rendered to a string: no route defers data, so there is nothing to stream, and a
 * string avoids the Node-stream-to-web-stream round trip (and its timers) on every page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = pageLocale(request);
  const i18n = serverI18n(locale);
  const nonce = loadContext?.cspNonce ?? "";
  appendCookies(responseHeaders, loadContext);
  const html = renderToString(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/** server.js sets the lng cookie when a page is opened with ?lng= (the language then holds for the whole visit). */
export function queryLocaleCookie(method: string, pathname: string, lng: unknown, cookie: string | undefined): string | null {
  return persistQueryLocale(method, pathname, lng, cookie, secureCookies());
}

/** server.js answers cached public summary pages before Remix (the fast path). */
export { lookupPublished, notModified } from "./services/published-cache.server";
