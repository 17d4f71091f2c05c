/**
 * The citizen journey: who the participant is (a random token in a cookie, only
 * its hash stored), their draft (saved on every Continue), submitting exactly
 * once, withdrawing, and the previous round's feedback. Staff previews use the
 * same pages with answers kept in `preview_sessions` (never in drafts or responses).
 */
import { RECEIPT_KIND } from "../repos/email-outbox.server";
import { randomToken, hashTokenHex } from "../auth/tokens.server";
import type { BriefingSection } from "../domain/markdown";
import {
  acceptsAnswers,
  answersToSubmit,
  createJourney,
  formatReference,
  formatResumeCode,
  isReadyToSubmit,
  profileToSubmit,
  readDraft,
  writeDraft,
  type DraftState,
  type JourneyFlow,
  type JourneyQuestion,
} from "../domain/survey/journey";
import { fromStoredAnswer, parseQuestionConfig, toStoredAnswer, type DraftAnswer } from "../domain/survey/questions";
import { type DB, inTransaction, isUniqueViolation } from "../db.server";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { secureCookies } from "../env.server";
import type { Locale } from "../i18n/config";
import * as repo from "../repos/journey.server";
import { enqueueEmail } from "./email.server";
import { journeyContent } from "./journey-cache.server";

export type Mode = "live" | "preview";

export interface Participant {
  id: number;
  memberId: number | null;
}

export interface Journey {
  mode: Mode;
  /** "/s/<slug>" or "/s/<slug>/preview": every journey link starts here. */
  base: string;
  locale: Locale;
  consultation: repo.JourneyConsultation;
  round: repo.JourneyRound | null;
  previousRound: repo.JourneyRound | null;
  /** Shared between requests (see journey-cache.server): frozen, never to be changed. */
  questions: readonly repo.JourneyQuestionRow[];
  journeyQuestions: readonly JourneyQuestion[];
  sections: readonly BriefingSection[];
  /** Answers are accepted now (always true in a preview). */
  open: boolean;
  participant: Participant | null;
  state: DraftState;
  /** The steps for this state and which may be visited (domain/survey/journey's createJourney). */
  flow: JourneyFlow;
  response: { id: number; reference: string; submittedAt: Date } | null;
  /** Round 2+ closed to people who did not take part before. */
  excluded: boolean;
  previewKey: string | null;
}

// ── The participant cookie ───────────────────────────────────────────────────
const COOKIE_DAYS = 180;
export const participantCookieName = (consultationId: number) => `ocd_p${consultationId}`;

export function readParticipantToken(request: Request, consultationId: number): string | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const m = new RegExp(`(?:^|;\\s*)${participantCookieName(consultationId)}=([a-z2-7]{16,40})(?:;|$)`).exec(cookie);
  return m ? m[1] : null;
}

/** The resume code an anonymous participant is shown (their cookie's token, grouped); none for invited members, who have their link, or in a preview. */
export function resumeCodeOf(request: Request, j: Journey): string | null {
  const token = j.mode === "live" && j.participant && j.participant.memberId == null ? readParticipantToken(request, j.consultation.id) : null;
  return token ? formatResumeCode(token) : null;
}

export function participantCookie(consultationId: number, token: string): string {
  const parts = [`${participantCookieName(consultationId)}=${token}`, "Path=/", `Max-Age=${COOKIE_DAYS * 86400}`, "HttpOnly", "SameSite=Lax"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

// ── Preview store ────────────────────────────────────────────────────────────
// A staff preview's answers live in `preview_sessions` (never drafts or responses), so a
// preview survives a restart and works whichever server process answers.
interface PreviewEntry {
  answers: Record<string, unknown>;
  roundNumber: number | null;
  reference: string | null;
}
const PREVIEW_TTL = 6 * 3600_000;

async function previewEntry(db: DB, key: string, now: Date): Promise<PreviewEntry> {
  const row = await repo.findPreview(db, key, new Date(now.getTime() - PREVIEW_TTL));
  return row ? { answers: row.answers, roundNumber: row.roundNumber, reference: row.reference } : { answers: {}, roundNumber: null, reference: null };
}

async function storePreview(db: DB, key: string, entry: PreviewEntry, now: Date) {
  await repo.savePreview(db, key, entry, now);
  await repo.deletePreviewsBefore(db, new Date(now.getTime() - PREVIEW_TTL));
}

export async function resetPreview(db: DB, key: string, roundNumber: number | null, now: Date) {
  await storePreview(db, key, { answers: {}, roundNumber, reference: null }, now);
}

// ── Loading ──────────────────────────────────────────────────────────────────

/** The round people answer now: the latest open one; else the latest closed one (shown as closed). */
export function currentRound(rounds: readonly repo.JourneyRound[]): repo.JourneyRound | null {
  const open = rounds.filter((r) => r.status === "open");
  if (open.length) return open[open.length - 1];
  const closed = rounds.filter((r) => r.status === "closed");
  return closed.length ? closed[closed.length - 1] : null;
}

export interface LoadOptions {
  mode: Mode;
  slug: string;
  locale: Locale;
  request: Request;
  now: Date;
  /** For previews: the staff session id that owns the preview answers. */
  previewOwner?: string;
}

/** Loads everything a journey page needs; null when the consultation does not exist or is not public. */
export async function loadJourney(db: DB, o: LoadOptions): Promise<Journey | null> {
  const content = await journeyContent(db, o.slug, o.locale);
  if (!content) return null;
  const { consultation, rounds } = content;
  if (o.mode === "live" && consultation.status === "draft") return null;
  let round: repo.JourneyRound | null;
  let previewKey: string | null = null;
  let preview: PreviewEntry | null = null;
  if (o.mode === "preview") {
    previewKey = `${o.previewOwner}:${consultation.id}`;
    preview = await previewEntry(db, previewKey, o.now);
    round = rounds.find((r) => r.number === preview!.roundNumber) ?? currentRound(rounds) ?? rounds[rounds.length - 1] ?? null;
  } else round = currentRound(rounds);
  const previousRound = round ? (rounds.find((r) => r.number === round!.number - 1) ?? null) : null;
  const { questions, journeyQuestions } = round ? await content.questionsOf(round.id) : { questions: [], journeyQuestions: [] };
  const sections = content.sections;
  const base = o.mode === "preview" ? `/s/${consultation.slug}/preview` : `/s/${consultation.slug}`;
  const open = o.mode === "preview" ? Boolean(round) : Boolean(round) && acceptsAnswers(consultation, round!, o.now);

  let participant: Participant | null = null;
  let state: DraftState = readDraft({});
  let response: Journey["response"] = null;
  let excluded = false;
  if (o.mode === "preview") {
    state = readDraft(preview!.answers);
    if (preview!.reference) response = { id: 0, reference: preview!.reference, submittedAt: o.now };
  } else {
    const token = readParticipantToken(o.request, consultation.id);
    const found = token ? await repo.findParticipantByTokenHash(db, consultation.id, hashTokenHex(token)) : undefined;
    if (found) {
      participant = { id: found.id, memberId: found.memberId };
      if (round) {
        const draft = await repo.findDraft(db, round.id, found.id);
        if (draft) state = readDraft(draft.answers);
        const r = await repo.findResponse(db, round.id, found.id);
        if (r) response = { id: r.id, reference: r.reference, submittedAt: r.submittedAt };
      }
    }
    if (round && round.number > 1 && !round.allowNewParticipants && !response) {
      let tookPart = false;
      if (participant) {
        for (const r of rounds) {
          if (r.number < round.number && (await repo.hasResponseInRound(db, r.id, participant.id))) {
            tookPart = true;
            break;
          }
        }
      }
      excluded = !participant || !tookPart;
    }
  }
  return {
    mode: o.mode,
    base,
    locale: o.locale,
    consultation,
    round,
    previousRound,
    questions,
    journeyQuestions,
    sections,
    open,
    participant,
    state,
    flow: createJourney(journeyQuestions, sections.length, state),
    response,
    excluded,
    previewKey,
  };
}

/** Whether the public link may start a new anonymous participant here. */
export function publicLinkAllowed(j: Journey): boolean {
  return j.consultation.audience !== "group";
}

// ── Starting, resuming, invitations ──────────────────────────────────────────
/** A new anonymous participant; returns the token for the cookie (and the resume code). */
export async function startAnonymous(db: DB, consultationId: number): Promise<{ participantId: number; token: string }> {
  const token = randomToken(10);
  const participantId = await repo.insertParticipant(db, consultationId, hashTokenHex(token));
  return { participantId, token };
}

/** A resume code typed on another device: the participant's token, if it exists. */
export async function findByResumeCode(db: DB, code: string) {
  if (!/^[a-z2-7]{16}$/.test(code)) return undefined;
  return await repo.findParticipantByResumeHash(db, hashTokenHex(code));
}

export type InvitationResult = Decision<"invalid", { slug: string; consultationId: number; token: string }>;

/**
 * Opens an invitation link: the member's participant for this consultation is created or
 * reused (one per member), and given a fresh cookie token (the invitation link stays their way back).
 */
export async function openInvitation(db: DB, token: string): Promise<InvitationResult> {
  if (!/^[a-z2-7]{16,40}$/.test(token)) return refuse("invalid");
  const invitation = await repo.findInvitationByTokenHash(db, hashTokenHex(token));
  if (!invitation || invitation.revokedAt) return refuse("invalid");
  return await inTransaction(db, async (tx) => {
    const cookieToken = randomToken(10);
    const existing = await repo.findParticipantOfMember(tx, invitation.consultationId, invitation.memberId);
    if (existing) await repo.setParticipantTokenHash(tx, existing.id, hashTokenHex(cookieToken));
    else await repo.insertParticipant(tx, invitation.consultationId, hashTokenHex(cookieToken), invitation.memberId);
    return allow({ slug: invitation.slug, consultationId: invitation.consultationId, token: cookieToken });
  });
}

// ── Saving ───────────────────────────────────────────────────────────────────
export async function saveState(db: DB, j: Journey, state: DraftState, now: Date) {
  if (j.mode === "preview") {
    const entry = await previewEntry(db, j.previewKey!, now);
    await storePreview(db, j.previewKey!, { ...entry, answers: writeDraft(state) }, now);
    return;
  }
  if (!j.participant || !j.round) throw new Error("saveState: no participant or round");
  await repo.upsertDraft(db, j.round.id, j.participant.id, writeDraft(state), j.locale, now);
}

/** Records an answer (or a blank optional answer) and marks the question passed. */
export function withAnswer(state: DraftState, questionId: number, answer: DraftAnswer | null): DraftState {
  const answers = { ...state.answers };
  if (answer) answers[String(questionId)] = answer;
  else delete answers[String(questionId)];
  return { answers, meta: { ...state.meta, seen: [...new Set([...state.meta.seen, questionId])] } };
}

// ── Submitting ───────────────────────────────────────────────────────────────
/** Submitted (or found submitted before: `already`), with the reference; or refused because the round closed or an answer is missing. */
export type SubmitResult = Decision<"closed" | "incomplete", { reference: string; already: boolean }>;

/** A new response reference, unique across responses (also for imported ones). */
export async function newReference(db: DB): Promise<string> {
  for (;;) {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    const ref = formatReference(bytes);
    if (!(await repo.referenceExists(db, ref))) return ref;
  }
}

/**
 * Submits the draft as the participant's one response to the round, in one transaction.
 * Idempotent: a second submit (double click, back and resubmit, another tab) finds the
 * first response and returns its reference; the unique index (round, participant) backs this up.
 */
export async function submit(db: DB, j: Journey, now: Date): Promise<SubmitResult> {
  if (j.mode === "preview") {
    if (!j.flow.readyToSubmit()) return refuse("incomplete");
    const entry = await previewEntry(db, j.previewKey!, now);
    const reference = entry.reference ?? "PREV-IEW0-0000";
    await storePreview(db, j.previewKey!, { ...entry, reference }, now);
    return allow({ reference, already: false });
  }
  if (!j.participant || !j.round) return refuse("incomplete");
  const participant = j.participant;
  const round = j.round;
  try {
    return await inTransaction(db, async (tx): Promise<SubmitResult> => {
      const existing = await repo.findResponse(tx, round.id, participant.id);
      if (existing) return allow({ reference: existing.reference, already: true });
      if (!j.open) return refuse("closed");
      const draft = await repo.findDraft(tx, round.id, participant.id);
      const state = readDraft(draft?.answers ?? {});
      if (!isReadyToSubmit(j.journeyQuestions, state)) return refuse("incomplete");
      const reference = await newReference(tx);
      const responseId = await repo.insertResponse(tx, { roundId: round.id, participantId: participant.id, reference, locale: j.locale, submittedAt: now });
      await repo.insertAnswers(
        tx,
        answersToSubmit(j.journeyQuestions, state).map(({ question, answer }) => ({
          responseId,
          questionId: question.id,
          ...toStoredAnswer(question.type, answer),
        })),
      );
      const profile = profileToSubmit(j.journeyQuestions, state);
      if (Object.keys(profile).length) await repo.upsertProfile(tx, participant.id, profile, now);
      else if (participant.memberId != null && !(await repo.findProfile(tx, participant.id))) {
        // Advisory group members gave their profile, with consent, when they joined the group.
        const member = await repo.findMember(tx, participant.memberId);
        if (member?.profileConsentAt) {
          await repo.upsertProfile(
            tx,
            participant.id,
            { stakeholderGroup: member.stakeholderGroup, ageBand: member.ageBand, sex: member.sex, locality: member.locality, ethnicity: member.ethnicity },
            member.profileConsentAt,
          );
        }
      }
      if (participant.memberId != null) await repo.setInvitationsCompleted(tx, participant.memberId, round.id, now);
      await repo.deleteDraft(tx, round.id, participant.id);
      return allow({ reference, already: false });
    });
  } catch (error) {
    // Two submits racing past the first check: the unique index refused the second. (On PostgreSQL
    // SERIALIZABLE usually fails the second with a serialisation failure first, and its retry
    // finds the first response: "already".)
    if (isUniqueViolation(error)) {
      const existing = await repo.findResponse(db, round.id, participant.id);
      if (existing) return allow({ reference: existing.reference, already: true });
    }
    throw error;
  }
}

/**
 * Withdraws (deletes) the participant's response while the round is open. The answers go
 * with it; the profile too if no other response of theirs remains; an invitation opens again.
 */
export async function withdraw(db: DB, j: Journey): Promise<Decision<"closed" | "none">> {
  if (j.mode === "preview") {
    await resetPreview(db, j.previewKey!, j.round?.number ?? null, new Date());
    return allowed;
  }
  if (!j.participant || !j.round || !j.response) return refuse("none");
  if (!j.open) return refuse("closed");
  const { participant, round, response } = j;
  await inTransaction(db, async (tx) => {
    await repo.deleteResponse(tx, response.id, participant.id);
    await repo.deleteDraft(tx, round.id, participant.id);
    if ((await repo.countResponsesOfParticipant(tx, participant.id)) === 0) await repo.deleteProfile(tx, participant.id);
    if (participant.memberId != null) await repo.setInvitationsCompleted(tx, participant.memberId, round.id, null);
  });
  return allowed;
}

/** The participant's answers: the submitted response if there is one, else the draft. */
export async function ownAnswers(db: DB, j: Journey): Promise<Record<string, DraftAnswer>> {
  if (j.mode === "live" && j.response) {
    const out: Record<string, DraftAnswer> = {};
    for (const a of await repo.listAnswersOfResponse(db, j.response.id)) {
      const q = j.questions.find((x) => x.id === a.questionId);
      if (!q) continue;
      const answer = fromStoredAnswer(q.type, a);
      if (answer) out[String(q.id)] = answer;
    }
    if (j.participant) {
      const profile = await repo.findProfile(db, j.participant.id);
      for (const q of j.questions.filter((x) => x.type === "profile")) {
        const field = parseQuestionConfig("profile", q.config).field;
        const value = profile?.[field];
        if (value) out[String(q.id)] = { choice: value };
      }
    }
    return out;
  }
  return j.state.answers;
}

/**
 * Queues the optional email receipt. The address is used for this email only: the outbox row
 * names no response, and is deleted once sent or failed for good (RECEIPT_KIND).
 */
export async function queueReceipt(db: DB, j: Journey, to: string, email: { subject: string; text: string }, now: Date) {
  if (j.mode === "preview") return;
  await enqueueEmail(db, { to, subject: email.subject, text: email.text, kind: RECEIPT_KIND, consultationId: j.consultation.id }, now);
}

// ── Round feedback ───────────────────────────────────────────────────────────
/** Groups smaller than this are not shown (the same rule as published results: fewer than 8 people). */
export const FEEDBACK_MIN_GROUP = 8;

export interface Distribution {
  group: string;
  n: number;
  /** Counts of scores 1..9. */
  counts: number[];
  unable: number;
  suppressed: boolean;
}

export interface Feedback {
  roundNumber: number;
  own: { score: number | null; unable: boolean } | null;
  distributions: Distribution[];
}

/** The previous round's distribution for one outcome, overall or by stakeholder group, and the viewer's own score. */
export async function feedbackFor(db: DB, j: Journey, outcomeId: number | null): Promise<Feedback | null> {
  if (!j.round || !j.round.showFeedback || !j.previousRound || outcomeId == null) return null;
  const rows = (await repo.listRatingAnswersOfRound(db, j.previousRound.id)).filter((r) => r.outcomeId === outcomeId);
  const groups = new Map<string, Distribution>();
  const add = (group: string, r: (typeof rows)[number]) => {
    let d = groups.get(group);
    if (!d) groups.set(group, (d = { group, n: 0, counts: Array(9).fill(0), unable: 0, suppressed: false }));
    d.n++;
    if (r.unable || r.numericValue == null) d.unable++;
    else if (r.numericValue >= 1 && r.numericValue <= 9) d.counts[Math.round(r.numericValue) - 1]++;
  };
  for (const r of rows) {
    if (j.round.feedbackBy === "stakeholder-group") add(r.stakeholderGroup ?? "not-stated", r);
    else add("overall", r);
  }
  const order = ["overall", "citizen", "carer", "service-user", "professional", "not-stated"];
  const distributions = [...groups.values()]
    .map((d) => (d.n < FEEDBACK_MIN_GROUP ? { ...d, counts: Array(9).fill(0), unable: 0, suppressed: true } : d))
    .sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  const mine = j.participant ? rows.find((r) => r.participantId === j.participant!.id) : undefined;
  return {
    roundNumber: j.previousRound.number,
    own: mine ? { score: mine.unable ? null : mine.numericValue, unable: Boolean(mine.unable) } : null,
    distributions,
  };
}

// ── Rate limits ──────────────────────────────────────────────────────────────
