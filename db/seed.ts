/**
 * Idempotent demo seed: run it any number of times; it adds what is missing and
 * never overwrites what exists (a changed demo password stays changed).
 * Usage: `npm run db:seed` (also run by `npm start`).
 */
import { and, eq } from "drizzle-orm";
import { pathToFileURL } from "node:url";
import { hashPassword } from "../app/auth/password.server";
import { type DB, inTransaction } from "../app/db.server";
import * as s from "./tables";
import { advisoryGroupMembers, CONSULTATION, DEMO_ACCOUNTS, DOMAINS, MID_NOTTS, SOUTH_NOTTS } from "./demo-content";
import { seedConversation } from "./demo-conversation";
import { DEMO_CONSULTATION_TEXT, DEMO_DOMAIN_NAMES, DEMO_OUTCOME_STATEMENTS, DEMO_QUESTION_TEXT } from "./demo-translations";
import { ratingQuestionText } from "../app/domain/survey/rating-wording";
import { standardRatingWording } from "../app/services/survey-builder.server";

async function ensureOrganisation(db: DB, name: string, kind: "commissioner" | "provider"): Promise<number> {
  await db.insert(s.organisations).values({ name, kind }).onConflictDoNothing();
  return (await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.name, name)))[0]!.id;
}

async function ensurePartnership(db: DB, p: { slug: string; name: string; commissioners: string[]; providers: string[] }): Promise<number> {
  await db.insert(s.partnerships).values({ slug: p.slug, name: p.name }).onConflictDoNothing();
  const id = (await db.select({ id: s.partnerships.id }).from(s.partnerships).where(eq(s.partnerships.slug, p.slug)))[0]!.id;
  for (const name of p.commissioners) {
    const organisationId = await ensureOrganisation(db, name, "commissioner");
    await db.insert(s.partnershipOrganisations).values({ partnershipId: id, organisationId }).onConflictDoNothing();
  }
  for (const name of p.providers) {
    const organisationId = await ensureOrganisation(db, name, "provider");
    await db.insert(s.partnershipOrganisations).values({ partnershipId: id, organisationId }).onConflictDoNothing();
  }
  return id;
}

async function seedConsultation(db: DB, partnershipId: number, officerId: number, now: Date) {
  if ((await db.select({ id: s.consultations.id }).from(s.consultations).where(eq(s.consultations.slug, CONSULTATION.slug)))[0]) return;
  const groupName = "South Nottinghamshire Citizen's Advisory Group";
  let groupId = (
    await db
      .select({ id: s.advisoryGroups.id })
      .from(s.advisoryGroups)
      .where(and(eq(s.advisoryGroups.partnershipId, partnershipId), eq(s.advisoryGroups.name, groupName)))
  )[0]?.id;
  if (!groupId) {
    groupId = (
      await db
        .insert(s.advisoryGroups)
        .values({
          partnershipId,
          name: groupName,
          description: "Advises the Partnership on methods and channels of communication and engagement (seed 000, paragraph 10).",
        })
        .returning({ id: s.advisoryGroups.id })
    )[0]!.id;
    for (const member of advisoryGroupMembers()) {
      await db.insert(s.advisoryGroupMembers).values({ groupId, ...member, profileConsentAt: now });
    }
  }
  const opensAt = new Date(Date.UTC(2026, 10, 2, 9));
  const closesAt = new Date(Date.UTC(2027, 0, 29, 23, 59));
  const [consultation] = await db
    .insert(s.consultations)
    .values({
      partnershipId,
      slug: CONSULTATION.slug,
      status: "open",
      audience: "both",
      advisoryGroupId: groupId,
      opensAt,
      closesAt,
      contactEmail: CONSULTATION.contactEmail,
      createdBy: officerId,
      updatedAt: now,
    })
    .returning({ id: s.consultations.id });
  const consultationId = consultation!.id;
  for (const locale of ["en", "cy"] as const) {
    await db.insert(s.consultationTranslations).values({
      consultationId,
      locale,
      title: CONSULTATION.title[locale],
      summary: CONSULTATION.summary[locale],
      briefing: CONSULTATION.briefing[locale],
      privacyNotice: CONSULTATION.privacyNotice[locale],
    });
  }
  const surveyId = (await db.insert(s.surveys).values({ consultationId }).returning({ id: s.surveys.id }))[0]!.id;
  const roundId = (
    await db
      .insert(s.rounds)
      .values({ surveyId, number: 1, status: "open", opensAt, closesAt, showFeedback: false, allowNewParticipants: true })
      .returning({ id: s.rounds.id })
  )[0]!.id;
  let position = 0;
  const ratingQuestions: Array<{ id: number; code: string }> = [];
  for (const [d, domain] of DOMAINS.entries()) {
    const domainId = (await db.insert(s.outcomeDomains).values({ consultationId, code: domain.code, position: d }).returning({ id: s.outcomeDomains.id }))[0]!
      .id;
    for (const locale of ["en", "cy"] as const) {
      await db.insert(s.outcomeDomainTranslations).values({ domainId, locale, name: domain.name[locale] });
    }
    for (const [o, outcome] of domain.outcomes.entries()) {
      const outcomeId = (
        await db
          .insert(s.candidateOutcomes)
          .values({ consultationId, domainId, code: outcome.code, source: outcome.source, position: o })
          .returning({ id: s.candidateOutcomes.id })
      )[0]!.id;
      for (const locale of ["en", "cy"] as const) {
        await db.insert(s.candidateOutcomeTranslations).values({ outcomeId, locale, statement: outcome.statement[locale] });
      }
      const questionId = (
        await db
          .insert(s.questions)
          .values({ roundId, position: position++, type: "rating", required: true, outcomeId, config: { scale: "grade-1-9", allowUnable: true } })
          .returning({ id: s.questions.id })
      )[0]!.id;
      ratingQuestions.push({ id: questionId, code: outcome.code });
      // The rating question in English and Welsh from the standard wording (other languages: ensureDemoTranslations).
      const wording = standardRatingWording();
      await db.insert(s.questionTranslations).values(
        (["en", "cy"] as const).map((locale) => ({
          questionId,
          locale,
          text: ratingQuestionText(wording[locale], outcome.statement[locale]),
          hint: wording[locale].hint,
        })),
      );
    }
  }
  const proposeId = (
    await db
      .insert(s.questions)
      .values({ roundId, position: position++, type: "propose-outcome", required: false, config: { maxLength: 500 } })
      .returning({ id: s.questions.id })
  )[0]!.id;
  await db.insert(s.questionTranslations).values([
    {
      questionId: proposeId,
      locale: "en",
      text: "Is there an outcome that matters to you that we have missed?",
      hint: "Write it in your own words, for example “I can get to my appointments easily”.",
    },
    {
      questionId: proposeId,
      locale: "cy",
      text: "A oes canlyniad sy'n bwysig i chi yr ydym wedi'i fethu?",
      hint: "Ysgrifennwch ef yn eich geiriau eich hun, er enghraifft “Gallaf gyrraedd fy apwyntiadau yn hawdd”.",
    },
  ]);
  await seedDemoResponses(db, consultationId, roundId, groupId, ratingQuestions, now);
  await db.insert(s.auditLog).values({
    at: now,
    actorUserId: officerId,
    partnershipId,
    action: "consultation.seeded",
    entityType: "consultation",
    entityId: String(consultationId),
    details: { source: "demo seed" },
  });
}

/** Typical importance (1–9) per outcome for the synthetic demo answers. */
const DEMO_CENTRES: Record<string, number> = {
  O1: 8,
  O2: 7.6,
  O3: 7.8,
  O4: 6,
  O5: 7.6,
  O6: 8,
  O7: 6.6,
  O8: 5,
  O9: 8.2,
  O10: 7.2,
  O11: 6.4,
  O12: 6.2,
  O13: 7.4,
};

/**
 * Synthetic round-1 answers from 24 of the 30 fictional advisory group members,
 * so the demo's results pages have something to show. Deterministic; demo only.
 */
async function seedDemoResponses(db: DB, consultationId: number, roundId: number, groupId: number, questions: Array<{ id: number; code: string }>, now: Date) {
  let seed = 2015;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const members = (await db.select().from(s.advisoryGroupMembers).where(eq(s.advisoryGroupMembers.groupId, groupId))).slice(0, 24);
  for (const [i, member] of members.entries()) {
    const participantId = (await db.insert(s.participants).values({ consultationId, memberId: member.id }).returning({ id: s.participants.id }))[0]!.id;
    await db.insert(s.participantProfiles).values({
      participantId,
      stakeholderGroup: member.stakeholderGroup,
      ageBand: member.ageBand,
      sex: member.sex,
      locality: member.locality,
      ethnicity: member.ethnicity,
      consentedAt: now,
    });
    const responseId = (
      await db
        .insert(s.responses)
        .values({ roundId, participantId, reference: `DEMO-${String(i + 1).padStart(4, "0")}`, locale: "en", submittedAt: now })
        .returning({ id: s.responses.id })
    )[0]!.id;
    for (const q of questions) {
      const unable = rand() < 0.03;
      const score = Math.min(9, Math.max(1, Math.round(DEMO_CENTRES[q.code] + (rand() - 0.5) * 4 + (member.stakeholderGroup === "carer" ? 0.5 : 0))));
      await db.insert(s.answers).values({ responseId, questionId: q.id, numericValue: unable ? null : score, unable });
    }
  }
}

async function seedDraftConsultation(db: DB, partnershipId: number, officerId: number, now: Date) {
  const slug = "personal-budgets";
  if ((await db.select({ id: s.consultations.id }).from(s.consultations).where(eq(s.consultations.slug, slug)))[0]) return;
  const id = (
    await db
      .insert(s.consultations)
      .values({ partnershipId, slug, status: "draft", audience: "group", createdBy: officerId, updatedAt: now })
      .returning({ id: s.consultations.id })
  )[0]!.id;
  await db.insert(s.consultationTranslations).values({
    consultationId: id,
    locale: "en",
    title: "Personal health budgets: what should they achieve?",
    summary: "A draft consultation for the Integrated Accelerator pilot (seed 002) on joined-up assessment, support plans and personal budgets.",
  });
}

/** The demo's outcome statements and domain names in every language but English, by code. */
function demoTranslations(): { statements: Record<string, Record<string, string>>; domains: Record<string, Record<string, string>> } {
  const statements: Record<string, Record<string, string>> = {};
  const domains: Record<string, Record<string, string>> = {};
  for (const domain of DOMAINS) {
    domains[domain.code] = { cy: domain.name.cy, ...DEMO_DOMAIN_NAMES[domain.code] };
    for (const o of domain.outcomes) statements[o.code] = { cy: o.statement.cy, ...DEMO_OUTCOME_STATEMENTS[o.code] };
  }
  return { statements, domains };
}

/**
 * The demo consultation's text in Welsh, Polish and Urdu (added when missing, never
 * overwritten), so the citizen journey shows the consultation itself, its outcomes and its
 * rating questions in every language it offers. Rating questions are written from the
 * standard wording of each language (citizen namespace), as the survey builder writes them.
 */
async function ensureDemoTranslations(db: DB) {
  const [consultation] = await db.select({ id: s.consultations.id }).from(s.consultations).where(eq(s.consultations.slug, CONSULTATION.slug));
  if (!consultation) return;
  const { statements, domains } = demoTranslations();
  const wording = standardRatingWording();
  for (const locale of ["cy", "pl", "ur"] as const) {
    if (locale !== "cy") {
      await db
        .insert(s.consultationTranslations)
        .values({
          consultationId: consultation.id,
          locale,
          title: DEMO_CONSULTATION_TEXT.title[locale],
          summary: DEMO_CONSULTATION_TEXT.summary[locale],
          briefing: DEMO_CONSULTATION_TEXT.briefing[locale],
          privacyNotice: DEMO_CONSULTATION_TEXT.privacyNotice[locale],
        })
        .onConflictDoNothing();
    }
    for (const domain of await db.select().from(s.outcomeDomains).where(eq(s.outcomeDomains.consultationId, consultation.id))) {
      const name = domains[domain.code]?.[locale];
      if (name) await db.insert(s.outcomeDomainTranslations).values({ domainId: domain.id, locale, name }).onConflictDoNothing();
    }
    for (const outcome of await db.select().from(s.candidateOutcomes).where(eq(s.candidateOutcomes.consultationId, consultation.id))) {
      const statement = statements[outcome.code]?.[locale];
      if (!statement) continue;
      await db.insert(s.candidateOutcomeTranslations).values({ outcomeId: outcome.id, locale, statement }).onConflictDoNothing();
      for (const q of await db
        .select()
        .from(s.questions)
        .where(and(eq(s.questions.outcomeId, outcome.id), eq(s.questions.type, "rating")))) {
        await db
          .insert(s.questionTranslations)
          .values({ questionId: q.id, locale, text: ratingQuestionText(wording[locale], statement), hint: wording[locale].hint })
          .onConflictDoNothing();
      }
    }
    if (locale === "cy") continue;
    const proposals = await db
      .select({ id: s.questions.id })
      .from(s.questions)
      .innerJoin(s.rounds, eq(s.rounds.id, s.questions.roundId))
      .innerJoin(s.surveys, eq(s.surveys.id, s.rounds.surveyId))
      .where(and(eq(s.surveys.consultationId, consultation.id), eq(s.questions.type, "propose-outcome")));
    for (const q of proposals) {
      await db
        .insert(s.questionTranslations)
        .values({ questionId: q.id, locale, text: DEMO_QUESTION_TEXT.propose[locale], hint: DEMO_QUESTION_TEXT.proposeHint[locale] })
        .onConflictDoNothing();
    }
  }
}

export interface SeedResult {
  accounts: Array<{ email: string; password: string; role: string; partnership: string; created: boolean }>;
}

export interface SeedOptions {
  /** Also seed the closed free-text "conversation" (db/demo-conversation.ts); the demo does, test databases do not. */
  conversation?: boolean;
}

export async function seedDemo(db: DB, now = new Date(), options: SeedOptions = {}): Promise<SeedResult> {
  const hashes = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    if (!hashes.has(account.password)) hashes.set(account.password, await hashPassword(account.password));
  }
  return await inTransaction(db, async (tx) => {
    const partnershipIds = new Map<string, number>([
      [SOUTH_NOTTS.slug, await ensurePartnership(tx, SOUTH_NOTTS)],
      [MID_NOTTS.slug, await ensurePartnership(tx, MID_NOTTS)],
    ]);
    const accounts: SeedResult["accounts"] = [];
    const userIds = new Map<string, number>();
    for (const account of DEMO_ACCOUNTS) {
      const organisationId = await ensureOrganisation(tx, account.organisation, "commissioner");
      const [existing] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, account.email));
      const userId =
        existing?.id ??
        (
          await tx
            .insert(s.users)
            .values({ email: account.email, displayName: account.displayName, passwordHash: hashes.get(account.password)!, organisationId })
            .returning({ id: s.users.id })
        )[0]!.id;
      userIds.set(account.email, userId);
      await tx
        .insert(s.memberships)
        .values({ userId, partnershipId: partnershipIds.get(account.partnership)!, role: account.role })
        .onConflictDoNothing();
      accounts.push({ email: account.email, password: account.password, role: account.role, partnership: account.partnership, created: !existing });
    }
    const southId = partnershipIds.get(SOUTH_NOTTS.slug)!;
    const officerId = userIds.get("officer@south-notts.example")!;
    await seedConsultation(tx, southId, officerId, now);
    await ensureDemoTranslations(tx);
    await seedDraftConsultation(tx, southId, officerId, now);
    if (options.conversation) await seedConversation(tx, southId, officerId, now);
    return { accounts };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { closeDatabase, dialect, prepareDatabase } = await import("../app/db.server");
  const { env } = await import("../app/env.server");
  const result = await seedDemo(await prepareDatabase(), new Date(), { conversation: true });
  await closeDatabase();
  console.log(
    `\nDemo data ready in ${dialect === "postgres" ? "PostgreSQL (DATABASE_URL)" : env().DATABASE_PATH}. Demo accounts (sign in at http://localhost:${env().PORT}/sign-in):\n`,
  );
  for (const a of result.accounts) {
    console.log(`  ${a.role.padEnd(14)} ${a.email.padEnd(38)} password: ${a.password}   (${a.partnership})`);
  }
  console.log("");
}
