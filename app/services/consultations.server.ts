/**
 * Creating and editing consultations and moving them through their lifecycle.
 * Every change is one transaction with its audit entry (who, when, what).
 */
import { type DB, inTransaction } from "../db.server";
import {
  checkConsultationTransition,
  checkQuestionsEditable,
  CONSULTATION_TRANSITIONS,
  checkRoundTransition,
  ROUND_TRANSITIONS,
  roundsToCloseWithConsultation,
  roundToOpenWithConsultation,
  type ConsultationStatus,
  type ConsultationTransitionRefusal,
  type Decision,
  type RoundStatus,
  type RoundTransitionRefusal,
} from "../domain/consultation/lifecycle";
import { uniqueSlug } from "../domain/consultation/slug";
import { appendAudit } from "../repos/audit.server";
import {
  deleteConsultationTranslation,
  ensureSurvey,
  findConsultationSettings,
  insertConsultation,
  listAdvisoryGroupsOfPartnership,
  listConsultationTranslations,
  listLifecycleHistory,
  listRoundOverviews,
  responseRateByGroup,
  setConsultationStatus,
  slugTaken,
  updateConsultationSettings,
  translationCounts,
  upsertConsultationTranslation,
  type ConsultationSettings,
  type RoundOverview,
  type TranslationText,
} from "../repos/consultation-admin.server";
import { listConsultationsForPartnerships } from "../repos/consultations.server";
import { insertRound, listOutcomesForBuilder, listQuestionsOfRound, listQuestionTranslationsOfRound, setRoundStatus } from "../repos/survey-builder.server";
import { SUPPORTED_LOCALES, LOCALE_NAMES } from "../i18n/config";
import { formatDate } from "../i18n/format.server";
import { dayOf, TEXT_FIELDS } from "../utils/consultation-form";
import { invalidatePublished } from "./published-cache.server";
import type { Actor } from "../domain/actor";
import type { Role } from "../domain/auth/roles";

type Tx = DB;

/** A new draft consultation with its English text, its survey and an empty first round. */
export async function createConsultation(
  db: DB,
  input: { actor: Actor; settings: ConsultationSettings; english: Pick<TranslationText, "title" | "summary"> },
  now: Date,
): Promise<{ id: number; slug: string }> {
  return await inTransaction(db, async (tx) => {
    // uniqueSlug asks synchronously; the database answers asynchronously. Each pass asks the
    // database about the next candidate ("title", "title-2", …), as before, until one is free.
    const known = new Set<string>();
    let slug = uniqueSlug(input.english.title, (s) => known.has(s));
    while (await slugTaken(tx, slug)) {
      known.add(slug);
      slug = uniqueSlug(input.english.title, (s) => known.has(s));
    }
    const id = await insertConsultation(tx, {
      ...input.settings,
      partnershipId: input.actor.partnershipId,
      slug,
      createdBy: input.actor.userId,
      updatedAt: now,
    });
    await upsertConsultationTranslation(tx, id, "en", { ...input.english, briefing: "", privacyNotice: "" });
    const surveyId = await ensureSurvey(tx, id);
    const roundId = await insertRound(tx, { surveyId, number: 1 });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "consultation.created",
      entityType: "consultation",
      entityId: id,
      details: { slug },
    });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "round.created",
      entityType: "round",
      entityId: roundId,
      details: { number: 1 },
    });
    return { id, slug };
  });
}

export async function updateSettings(db: DB, input: { actor: Actor; consultationId: number; settings: ConsultationSettings }, now: Date) {
  await inTransaction(db, async (tx) => {
    await updateConsultationSettings(tx, input.consultationId, { ...input.settings, updatedAt: now });
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "consultation.settings-updated",
      entityType: "consultation",
      entityId: input.consultationId,
      details: { ...input.settings, opensAt: input.settings.opensAt?.toISOString() ?? null, closesAt: input.settings.closesAt?.toISOString() ?? null },
    });
  });
}

/** Saves one locale's text; `null` removes a translation (never English, the fallback). */
export async function saveTranslation(db: DB, input: { actor: Actor; consultationId: number; locale: string; text: TranslationText | null }, now: Date) {
  if (input.locale === "en" && input.text === null) throw new Error("English text cannot be removed");
  await inTransaction(db, async (tx) => {
    if (input.text) await upsertConsultationTranslation(tx, input.consultationId, input.locale, input.text);
    else await deleteConsultationTranslation(tx, input.consultationId, input.locale);
    await updateConsultationSettingsTouch(tx, input.consultationId, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: input.text ? "consultation.translation-saved" : "consultation.translation-removed",
      entityType: "consultation",
      entityId: input.consultationId,
      details: { locale: input.locale },
    });
  });
}

async function updateConsultationSettingsTouch(tx: Tx, id: number, now: Date) {
  const current = await findConsultationSettings(tx, id);
  if (current) await updateConsultationSettings(tx, id, { ...current, updatedAt: now });
}

/**
 * Moves the consultation to `to` when the lifecycle rules allow. Opening also opens the
 * first ready draft round (if none is open); closing closes open rounds. Each change is audited.
 */
export async function transitionConsultation(
  db: DB,
  input: { actor: Actor; consultationId: number; to: ConsultationStatus },
  now: Date,
): Promise<Decision<ConsultationTransitionRefusal>> {
  return await inTransaction(db, async (tx) => {
    const c = await findConsultationSettings(tx, input.consultationId);
    if (!c) throw new Error("consultation not found");
    const roundsNow = await listRoundOverviews(tx, [c.id]);
    const english = (await listConsultationTranslations(tx, c.id)).find((t) => t.locale === "en");
    const decision = checkConsultationTransition(
      { status: c.status, hasEnglishTitle: Boolean(english?.title.trim()), opensAt: c.opensAt, closesAt: c.closesAt, rounds: roundsNow },
      input.to,
      now,
    );
    if (!decision.ok) return decision;
    await setConsultationStatus(tx, c.id, input.to, now);
    // Leaving "published" takes the public summary down: drop its cached pages so no process serves it.
    if (c.status === "published" || input.to === "published") invalidatePublished(c.slug);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "consultation.status-changed",
      entityType: "consultation",
      entityId: c.id,
      details: { from: c.status, to: input.to },
    });
    const roundChanges: Array<{ number: number; to: RoundStatus }> = [];
    if (input.to === "open") {
      const n = roundToOpenWithConsultation(roundsNow);
      if (n !== null) roundChanges.push({ number: n, to: "open" });
    } else if (input.to === "closed") {
      for (const n of roundsToCloseWithConsultation(roundsNow)) roundChanges.push({ number: n, to: "closed" });
    }
    for (const change of roundChanges) {
      const round = roundsNow.find((r) => r.number === change.number)!;
      await setRoundStatus(tx, round.id, change.to, now);
      await appendAudit(tx, {
        at: now,
        actorUserId: input.actor.userId,
        partnershipId: input.actor.partnershipId,
        action: "round.status-changed",
        entityType: "round",
        entityId: round.id,
        details: { number: round.number, from: round.status, to: change.to, withConsultation: true },
      });
    }
    return decision;
  });
}

/** Opens or closes one round when the rules allow; audited. */
export async function transitionRound(
  db: DB,
  input: { actor: Actor; consultationId: number; roundNumber: number; to: RoundStatus },
  now: Date,
): Promise<Decision<RoundTransitionRefusal | "no-round">> {
  return await inTransaction(db, async (tx) => {
    const c = await findConsultationSettings(tx, input.consultationId);
    if (!c) throw new Error("consultation not found");
    const all = await listRoundOverviews(tx, [c.id]);
    const round = all.find((r) => r.number === input.roundNumber);
    if (!round) return { ok: false, reason: "no-round" } as const;
    const decision = checkRoundTransition(c.status, round, all, input.to);
    if (!decision.ok) return decision;
    await setRoundStatus(tx, round.id, input.to, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: input.actor.userId,
      partnershipId: input.actor.partnershipId,
      action: "round.status-changed",
      entityType: "round",
      entityId: round.id,
      details: { number: round.number, from: round.status, to: input.to },
    });
    return decision;
  });
}

export interface GroupRate {
  group: string;
  members: number;
  responded: number;
  /** Whole per cent, null when the group has no members. */
  rate: number | null;
}

/**
 * Response rate per stakeholder group in one round against the advisory group's make-up
 * (every stakeholder group the group has, and any that responded), plus responses
 * from outside the group (the public link) by the stakeholder group they gave.
 */
export async function participationByGroup(
  db: DB,
  roundId: number,
  advisoryGroupId: number | null,
): Promise<{ groups: GroupRate[]; outside: Array<{ group: string; n: number }>; outsideTotal: number }> {
  const { members, responded, publicResponses } = await responseRateByGroup(db, roundId, advisoryGroupId);
  const names = [...new Set([...members.map((m) => m.group), ...responded.map((r) => r.group)])].sort();
  const groups = names.map((group) => {
    const m = members.find((x) => x.group === group)?.n ?? 0;
    const r = responded.find((x) => x.group === group)?.n ?? 0;
    return { group, members: m, responded: r, rate: m > 0 ? Math.round((100 * r) / m) : null };
  });
  const outside = publicResponses.map((p) => ({ group: p.group ?? "not-stated", n: p.n }));
  return { groups, outside, outsideTotal: outside.reduce((s, o) => s + o.n, 0) };
}

/**
 * The dashboard: each partnership the person belongs to, their roles in it, and its
 * consultations with their dates, rounds and who took part in the latest round.
 */
export async function dashboardPartnerships(
  db: DB,
  memberships: ReadonlyArray<{ partnershipId: number; partnershipSlug: string; partnershipName: string; role: Role }>,
  locale: string,
) {
  const byPartnership = new Map<number, { slug: string; name: string; roles: Role[] }>();
  for (const m of memberships) {
    const entry = byPartnership.get(m.partnershipId) ?? { slug: m.partnershipSlug, name: m.partnershipName, roles: [] };
    entry.roles.push(m.role);
    byPartnership.set(m.partnershipId, entry);
  }
  const consultations = await listConsultationsForPartnerships(db, [...byPartnership.keys()], locale);
  const rounds = await listRoundOverviews(
    db,
    consultations.map((c) => c.id),
  );
  const partnerships = [];
  for (const [id, p] of byPartnership.entries()) {
    const ownConsultations = [];
    for (const c of consultations.filter((c) => c.partnershipId === id)) {
      const own = rounds.filter((r) => r.consultationId === c.id);
      const latest = [...own].reverse().find((r) => r.status !== "draft");
      const advisoryGroupId = latest ? ((await findConsultationSettings(db, c.id))?.advisoryGroupId ?? null) : null;
      ownConsultations.push({
        slug: c.slug,
        title: c.title,
        status: c.status,
        opens: c.opensAt ? formatDate(c.opensAt.toISOString(), locale) : null,
        closes: c.closesAt ? formatDate(c.closesAt.toISOString(), locale) : null,
        rounds: own.map((r) => ({ number: r.number, status: r.status, responses: r.responseCount })),
        participation: latest && advisoryGroupId ? { round: latest.number, groups: (await participationByGroup(db, latest.id, advisoryGroupId)).groups } : null,
      });
    }
    partnerships.push({ ...p, consultations: ownConsultations });
  }
  return partnerships;
}

/**
 * A consultation's overview: its settings, the status changes open to it, how complete each
 * language is, its rounds, who took part in the latest round, and its lifecycle history.
 */
export async function consultationOverview(
  db: DB,
  input: { consultation: { id: number; slug: string; title: string; partnershipId: number }; locale: string; canEdit: boolean },
) {
  const { consultation, locale } = input;
  const settings = (await findConsultationSettings(db, consultation.id))!;
  const translations = await listConsultationTranslations(db, consultation.id);
  const counts = await translationCounts(db, consultation.id);
  const rounds = await listRoundOverviews(db, [consultation.id]);
  const group = settings.advisoryGroupId
    ? (await listAdvisoryGroupsOfPartnership(db, consultation.partnershipId)).find((g) => g.id === settings.advisoryGroupId)
    : undefined;
  const date = (d: Date | null) => (d ? formatDate(d.toISOString(), locale) : null);
  const latest = [...rounds].reverse().find((r) => r.status !== "draft") ?? null;
  const participation = latest ? { round: latest.number, ...(await participationByGroup(db, latest.id, settings.advisoryGroupId)) } : null;
  const history = await listLifecycleHistory(
    db,
    consultation.id,
    rounds.map((r) => r.id),
  );
  return {
    consultation: { slug: consultation.slug, title: consultation.title, status: settings.status },
    canEdit: input.canEdit,
    settings: {
      audience: settings.audience,
      opensAt: date(settings.opensAt),
      closesAt: date(settings.closesAt),
      contactEmail: settings.contactEmail,
      advisoryGroup: group?.name ?? null,
    },
    nextStatuses: CONSULTATION_TRANSITIONS[settings.status].filter((s) => s !== "published" && !(settings.status === "published" && s === "closed")),
    translations: SUPPORTED_LOCALES.map((lng) => {
      const row = translations.find((t) => t.locale === lng);
      return {
        locale: lng,
        name: LOCALE_NAMES[lng],
        missing: TEXT_FIELDS.filter((f) => !row || !row[f].trim()),
        ...counts.of(lng),
      };
    }),
    totals: counts.totals,
    rounds: rounds.map((r) => ({ number: r.number, status: r.status, questionCount: r.questionCount, responseCount: r.responseCount })),
    participation,
    history: history.map((h) => ({
      at: `${formatDate(h.at.toISOString(), locale)} ${h.at.toISOString().slice(11, 16)} UTC`,
      action: h.action,
      details: h.details as { from?: string; to?: string; number?: number },
      actor: h.actor ?? "",
    })),
  };
}

export type ConsultationOverview = Awaited<ReturnType<typeof consultationOverview>>;

/**
 * A round's page: its status and settings, whether its questions are locked, the moves its
 * lifecycle allows, and its questions in order (text in `locale`, English otherwise; the outcome
 * and domain a rating is about; the earlier question and answer a question depends on).
 */
export async function roundPage(
  db: DB,
  input: { consultation: { id: number; slug: string; title: string }; round: RoundOverview; locale: string; canEdit: boolean },
) {
  const { consultation, round, locale } = input;
  const questions = await listQuestionsOfRound(db, round.id);
  const texts = await listQuestionTranslationsOfRound(db, round.id);
  const outcomes = await listOutcomesForBuilder(db, consultation.id);
  const settings = (await findConsultationSettings(db, consultation.id))!;
  const lock = checkQuestionsEditable(round);
  return {
    consultation: { slug: consultation.slug, title: consultation.title, status: settings.status },
    canEdit: input.canEdit,
    round: {
      number: round.number,
      status: round.status,
      responseCount: round.responseCount,
      showFeedback: round.showFeedback,
      feedbackBy: round.feedbackBy,
      allowNewParticipants: round.allowNewParticipants,
      opensAt: dayOf(round.opensAt),
      closesAt: dayOf(round.closesAt),
    },
    locked: lock.ok ? null : lock.reason,
    nextStatuses: ROUND_TRANSITIONS[round.status],
    previewLocales: SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
    questions: questions.map((q, i) => {
      const own = texts.filter((x) => x.questionId === q.id);
      const text = own.find((x) => x.locale === locale)?.text ?? own.find((x) => x.locale === "en")?.text ?? "";
      const outcome = q.outcomeId ? outcomes.find((o) => o.id === q.outcomeId) : undefined;
      const conditionIndex = q.conditionQuestionId ? questions.findIndex((x) => x.id === q.conditionQuestionId) : -1;
      const conditionText =
        conditionIndex >= 0
          ? (texts.find((x) => x.questionId === q.conditionQuestionId && x.locale === "en")?.options[q.conditionValue ?? ""] ?? q.conditionValue)
          : null;
      return {
        id: q.id,
        number: i + 1,
        type: q.type,
        required: q.required,
        text,
        domain: outcome?.domainName ?? null,
        outcomeCode: outcome?.code ?? null,
        locales: own.map((x) => x.locale),
        condition: conditionIndex >= 0 ? { number: conditionIndex + 1, value: conditionText ?? "" } : null,
      };
    }),
    activeOutcomes: outcomes.filter((o) => o.status === "active").length,
  };
}

export type RoundPage = Awaited<ReturnType<typeof roundPage>>;

/** Whether a consultation of the partnership may be given this advisory group (or none): only its own groups. */
export async function advisoryGroupAllowed(db: DB, partnershipId: number, groupId: number | null): Promise<boolean> {
  return groupId === null || (await listAdvisoryGroupsOfPartnership(db, partnershipId)).some((g) => g.id === groupId);
}

// Reads the routes use, passed through unchanged: services are the routes' only way to the data.
export {
  findConsultationSettings,
  listAdvisoryGroupsOfPartnership,
  listConsultationTranslations,
  listRoundOverviews,
} from "../repos/consultation-admin.server";
export { findConsultationBySlug, listPublicConsultations } from "../repos/consultations.server";
