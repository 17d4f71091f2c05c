/**
 * What every journey route does first: validate the slug, pick the language, find
 * the consultation and round, identify the participant from their cookie (or, for a
 * staff preview, check the role), and apply the public rate limits.
 */
import type { AppLoadContext } from "@remix-run/node";
import { json, redirect, type TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "./guards.server";
import { RateLimiter, rateLimitStore } from "./rate-limit.server";
import { getDb } from "../db.server";
import type { DraftState, Step } from "../domain/survey/journey";
import { env } from "../env.server";
import { detectLocale } from "../i18n/i18n.server";
import { previewSlugOf } from "../i18n/preview-path";
import { findJourneyConsultation } from "../repos/journey.server";
import { clientAddress } from "../utils/client-address.server";
import { loadJourney, type Journey, type Mode } from "../services/journey.server";
import { storageUnavailableHeaders } from "../services/storage.server";
import { fail, type FormErrors, type FormFailure } from "../utils/forms";
import { SLUG_PATTERN } from "../domain/consultation/slug";

export interface RouteArgs {
  request: Request;
  params: Record<string, string | undefined>;
  context: AppLoadContext;
}

const slugSchema = z.string().regex(SLUG_PATTERN);

export function modeOf(request: Request): Mode {
  return previewSlugOf(new URL(request.url).pathname) !== null ? "preview" : "live";
}

export const STAFF_PREVIEW_ROLES = ["officer", "commissioner", "administrator"] as const;

/** The journey for this request; 404 when the slug is bad or the consultation is not public. */
export async function requireJourney(args: RouteArgs, now = new Date()): Promise<Journey> {
  const slug = slugSchema.safeParse(args.params.slug);
  if (!slug.success) throw new Response("Not Found", { status: 404 });
  const mode = modeOf(args.request);
  const locale = detectLocale(args.request);
  const db = getDb();
  let previewOwner: string | undefined;
  if (mode === "preview") {
    const probe = await findJourneyConsultation(db, slug.data, locale);
    if (!probe) throw new Response("Not Found", { status: 404 });
    const user = await requireRole(args, probe.partnershipId, STAFF_PREVIEW_ROLES);
    previewOwner = user.sessionId;
  }
  const journey = await loadJourney(db, { mode, slug: slug.data, locale, request: args.request, now, previewOwner });
  if (!journey) throw new Response("Not Found", { status: 404 });
  return journey;
}

/** The URL of a step. */
export function stepPath(j: Pick<Journey, "base">, step: Step, change = false): string {
  const suffix = change ? "?change=1" : "";
  switch (step.kind) {
    case "briefing":
      return `${j.base}/briefing/${step.n}`;
    case "about-you":
      return `${j.base}/about-you${suffix}`;
    case "question":
      return `${j.base}/q/${step.id}${suffix}`;
    case "check":
      return `${j.base}/check`;
  }
}

/** Where this participant carries on: the first step not yet done. */
export function resumePath(j: Journey): string {
  return stepPath(j, j.flow.firstIncomplete());
}

/** A step this participant may not visit yet (they would skip a question): to the first step not done. */
export function requireStep(j: Journey, step: Step): void {
  if (!j.flow.canVisit(step)) throw redirect(resumePath(j));
}

/** Whether the page was opened from check your answers ("Change"), which it returns to. */
export function isChanging(request: Request): boolean {
  return new URL(request.url).searchParams.get("change") === "1";
}

/** A step's back link: check your answers when changing, else the step before (the start page before the first). */
export function backPath(j: Journey, step: Step, changing: boolean): string {
  if (changing) return `${j.base}/check`;
  const prev = j.flow.previous(step);
  return prev ? stepPath(j, prev) : j.base;
}

/** Where a Continue goes once `state` is saved; a change carries on changing until check your answers. */
export function continuePath(j: Journey, step: Step, changing: boolean, state: DraftState): string {
  const next = j.flow.withState(state).afterContinue(step, changing);
  return stepPath(j, next, changing && next.kind !== "check");
}

/** A journey form refused: `fail()`'s payload, never cached; 503 when the answers could not be saved. */
export function failStep<V extends Record<string, string | string[]>>(errors: FormErrors, values: V, status = 400): TypedResponse<FormFailure<V>> {
  // A question page's values keep a repeated field (checkboxes) as a list, which fail() carries.
  const response = fail(errors, values, status);
  const headers = status === 503 ? { ...privateHeaders, ...storageUnavailableHeaders } : privateHeaders;
  for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
  return response;
}

/** Pages that need a participant who may answer now; otherwise back to the start page, which explains. */
export function requireAnswering(j: Journey): void {
  if (j.mode === "preview") {
    if (!j.round) throw redirect(j.base);
    return;
  }
  if (!j.participant || !j.round || !j.open || j.excluded || j.response) throw redirect(j.response ? `${j.base}/done` : j.base);
}

let startLimiter: RateLimiter | undefined;
let postLimiter: RateLimiter | undefined;
let participantLimiter: RateLimiter | undefined;

/**
 * Rate limits for public posts (decision 0022): starts per address; answers per participant (their
 * cookie) under a higher ceiling per address, so a room of people on one wifi is not locked out.
 * Past a limit: 429 with Retry-After, and a translated page saying when to try again.
 */
export async function limitPosts(request: Request, kind: "start" | "post", participantId?: number | null, now = Date.now()) {
  const e = env();
  const store = () => rateLimitStore(getDb);
  startLimiter ??= new RateLimiter(e.JOURNEY_START_LIMIT, e.JOURNEY_START_WINDOW_SECONDS * 1000, store());
  postLimiter ??= new RateLimiter(e.JOURNEY_POST_LIMIT, e.JOURNEY_POST_WINDOW_SECONDS * 1000, store());
  participantLimiter ??= new RateLimiter(e.JOURNEY_POST_PARTICIPANT_LIMIT, e.JOURNEY_POST_WINDOW_SECONDS * 1000, store());
  const hits = [await (kind === "start" ? startLimiter : postLimiter).hit(`${kind}:${clientAddress(request)}`, now)];
  if (kind === "post" && participantId != null) hits.push(await participantLimiter.hit(`post:participant:${participantId}`, now));
  const refused = hits.filter((h) => !h.allowed);
  if (refused.length === 0) return;
  const retryAfterSeconds = Math.max(...refused.map((h) => h.retryAfterSeconds));
  throw json(
    { error: "tooMany", retryAt: new Date(now + retryAfterSeconds * 1000).toISOString() },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

export const HONEYPOT_FIELD = "website";

/** The honeypot field is invisible to people; a bot that fills it gets a plain 400. */
export function checkHoneypot(form: FormData) {
  const value = form.get(HONEYPOT_FIELD);
  if (typeof value === "string" && value.trim() !== "") throw new Response("Bad Request", { status: 400 });
}

/** Journey pages hold someone's own answers: never cached by shared caches or the back/forward cache on disk. */
export const privateHeaders = { "Cache-Control": "private, no-store" };

/** A route's `headers` export: the loader's (or action's) headers reach the page's response. */
export function journeyHeaders({
  loaderHeaders,
  actionHeaders,
  errorHeaders,
}: {
  loaderHeaders: Headers;
  actionHeaders: Headers;
  errorHeaders?: Headers;
}): Headers {
  const out = new Headers(privateHeaders);
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) source?.forEach((value, key) => key.toLowerCase() !== "set-cookie" && out.set(key, value));
  return out;
}

/** The journey's form fields as strings (at most 60 per field, 20,000 characters each); server/remix-handler.js has already dropped NUL characters. */
export function formInput(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.length > 60) continue;
    const values = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.slice(0, 20_000));
    out[key] = values.length > 1 ? values.slice(0, 60) : (values[0] ?? "");
  }
  return out;
}
