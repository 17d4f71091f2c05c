/**
 * The consultation and round lifecycle. Pure rules, no I/O: callers pass
 * in the facts (statuses, counts, dates) and "now", and store what the rules allow.
 *
 *   consultation: draft → open → closed → published   (closed → open re-opens;
 *                 published → closed withdraws a publication)
 *   round:        draft → open → closed               (the latest round may re-open)
 *
 * Questions of a round cannot change once it has responses (start a new round
 * instead); a closed consultation or round accepts no answers. The citizen
 * journey calls `canAcceptAnswers` before saving or submitting anything.
 */
import { allowed, refuse, type Decision } from "../decision";

/** Who a consultation is for: the public, its advisory group only, or both. */
export const AUDIENCES = ["public", "group", "both"] as const;

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "published"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const ROUND_STATUSES = ["draft", "open", "closed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Which status may follow which. */
export const CONSULTATION_TRANSITIONS: Readonly<Record<ConsultationStatus, readonly ConsultationStatus[]>> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open", "published"],
  published: ["closed"],
};

export const ROUND_TRANSITIONS: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  draft: ["open"],
  open: ["closed"],
  closed: ["open"],
};

export type { Decision };

const allow = allowed;

export type ConsultationTransitionRefusal = "not-allowed" | "no-english-title" | "no-open-round" | "closes-in-past" | "closes-before-opens";

export interface ConsultationFacts {
  status: ConsultationStatus;
  hasEnglishTitle: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  /** Rounds in number order with the number of questions they hold. */
  rounds: ReadonlyArray<{ number: number; status: RoundStatus; questionCount: number }>;
}

/**
 * May the consultation move from its status to `to` now? Opening needs an English
 * title (the fallback for every locale), a closing date (if any) in the future and
 * after the opening date, and at least one round that is open or can be opened
 * (it has questions).
 */
export function checkConsultationTransition(c: ConsultationFacts, to: ConsultationStatus, now: Date): Decision<ConsultationTransitionRefusal> {
  if (!CONSULTATION_TRANSITIONS[c.status].includes(to)) return refuse("not-allowed");
  if (to === "open") {
    if (!c.hasEnglishTitle) return refuse("no-english-title");
    if (c.opensAt && c.closesAt && c.closesAt.getTime() <= c.opensAt.getTime()) return refuse("closes-before-opens");
    if (c.closesAt && c.closesAt.getTime() <= now.getTime()) return refuse("closes-in-past");
    if (!c.rounds.some((r) => r.status === "open" || r.questionCount > 0)) return refuse("no-open-round");
  }
  return allow;
}

export type RoundTransitionRefusal =
  "not-allowed" | "consultation-not-open" | "no-questions" | "another-round-open" | "earlier-round-not-closed" | "later-round-exists";

export interface RoundFacts {
  number: number;
  status: RoundStatus;
  questionCount: number;
}

/**
 * May this round move to `to`? A round opens only while the consultation is open, when it
 * has questions, when every earlier round is closed and no other round is open. Only the
 * latest round may re-open (a later round would otherwise run beside it).
 */
export function checkRoundTransition(
  consultationStatus: ConsultationStatus,
  round: RoundFacts,
  allRounds: readonly RoundFacts[],
  to: RoundStatus,
): Decision<RoundTransitionRefusal> {
  if (!ROUND_TRANSITIONS[round.status].includes(to)) return refuse("not-allowed");
  if (to === "open") {
    if (consultationStatus !== "open") return refuse("consultation-not-open");
    if (round.questionCount === 0) return refuse("no-questions");
    const others = allRounds.filter((r) => r.number !== round.number);
    if (others.some((r) => r.status === "open")) return refuse("another-round-open");
    if (others.some((r) => r.number < round.number && r.status !== "closed")) return refuse("earlier-round-not-closed");
    if (round.status === "closed" && others.some((r) => r.number > round.number)) return refuse("later-round-exists");
  }
  return allow;
}

/** The round to open alongside the consultation: the first draft round with questions, when none is open. */
export function roundToOpenWithConsultation(rounds: readonly RoundFacts[]): number | null {
  if (rounds.some((r) => r.status === "open")) return null;
  const next = [...rounds].sort((a, b) => a.number - b.number).find((r) => r.status === "draft");
  return next && next.questionCount > 0 && rounds.every((r) => r.number >= next.number || r.status === "closed") ? next.number : null;
}

/** Rounds still open when the consultation closes: they close with it. */
export function roundsToCloseWithConsultation(rounds: readonly RoundFacts[]): number[] {
  return rounds.filter((r) => r.status === "open").map((r) => r.number);
}

export type QuestionLockReason = "has-responses" | "round-closed";

/**
 * Questions (their text, type, choices, order, conditions) may change only while the round
 * has no responses and is not closed: answers must always mean what was asked.
 */
export function checkQuestionsEditable(round: { status: RoundStatus; responseCount: number }): Decision<QuestionLockReason> {
  if (round.responseCount > 0) return refuse("has-responses");
  if (round.status === "closed") return refuse("round-closed");
  return allow;
}

/** Round settings (feedback, new participants, dates) follow the same lock as questions, except dates. */
export const checkRoundSettingsEditable = checkQuestionsEditable;

export type AnswerRefusal = "consultation-not-open" | "round-not-open" | "not-yet-open" | "closed";

interface Window {
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * May a participant save or submit answers to this round now? Only when both the
 * consultation and the round are open and now is within both their dates.
 */
export function canAcceptAnswers(consultation: Window, round: Window, now: Date): Decision<AnswerRefusal> {
  if (consultation.status !== "open") return refuse("consultation-not-open");
  if (round.status !== "open") return refuse("round-not-open");
  const t = now.getTime();
  for (const w of [consultation, round]) {
    if (w.opensAt && t < w.opensAt.getTime()) return refuse("not-yet-open");
    if (w.closesAt && t >= w.closesAt.getTime()) return refuse("closed");
  }
  return allow;
}

/**
 * Who can take part (the audience) is fixed once the consultation has opened: people
 * were invited, or the public link was shared, on that basis.
 */
export function checkAudienceChange(status: ConsultationStatus, from: string, to: string): Decision<"audience-fixed"> {
  if (from !== to && status !== "draft") return refuse("audience-fixed");
  return allow;
}
