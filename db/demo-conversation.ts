/**
 * The demo's "conversation": a closed, public opening round that asked one free-text question,
 * "What matters most to you about joined-up health and social care?", so the themes pages
 * (suggest, review, agreement, themes by group) have citizens' own words to work on. The 65
 * answers are the public reference sample's texts (`db/demo-free-text.csv`, copied from
 * `test/fixtures/reference/themes_sample.csv` without its labels); stakeholder groups and
 * channels are assigned deterministically. Seeded by `npm start` / `npm run db:seed` only, not in
 * test databases, whose counts the other suites rely on.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import * as s from "./tables";
import type { DB } from "../app/db.server";
import { parseCsv } from "../app/domain/csv";

export const CONVERSATION_SLUG = "what-matters";

const GROUPS = ["citizen", "carer", "service-user", "professional", null] as const;

export async function seedConversation(db: DB, partnershipId: number, officerId: number, now: Date): Promise<void> {
  if ((await db.select({ id: s.consultations.id }).from(s.consultations).where(eq(s.consultations.slug, CONVERSATION_SLUG)))[0]) return;
  const texts = readAnswers();
  const opensAt = new Date(Date.UTC(2026, 8, 1, 9));
  const closesAt = new Date(Date.UTC(2026, 9, 16, 23, 59));
  const consultationId = (
    await db
      .insert(s.consultations)
      .values({
        partnershipId,
        slug: CONVERSATION_SLUG,
        status: "closed",
        audience: "public",
        opensAt,
        closesAt,
        contactEmail: "engagement@south-notts.example",
        createdBy: officerId,
        updatedAt: now,
      })
      .returning({ id: s.consultations.id })
  )[0]!.id;
  await db.insert(s.consultationTranslations).values([
    {
      consultationId,
      locale: "en",
      title: "What matters most to you about joined-up care?",
      summary:
        "An opening conversation in autumn 2026: people told us, in their own words, what matters most to them. Their answers are the starting point for candidate outcomes.",
    },
    {
      consultationId,
      locale: "cy",
      title: "Beth sydd bwysicaf i chi am ofal cydgysylltiedig?",
      summary:
        "Sgwrs agoriadol yn hydref 2026: dywedodd pobl wrthym, yn eu geiriau eu hunain, beth sydd bwysicaf iddynt. Eu hatebion yw'r man cychwyn ar gyfer canlyniadau posibl.",
    },
  ]);
  const surveyId = (await db.insert(s.surveys).values({ consultationId }).returning({ id: s.surveys.id }))[0]!.id;
  const roundId = (
    await db
      .insert(s.rounds)
      .values({ surveyId, number: 1, status: "closed", opensAt, closesAt, showFeedback: false, allowNewParticipants: true })
      .returning({ id: s.rounds.id })
  )[0]!.id;
  const questionId = (
    await db
      .insert(s.questions)
      .values({ roundId, position: 0, type: "free-text", required: true, config: { maxLength: 1000 } })
      .returning({ id: s.questions.id })
  )[0]!.id;
  await db.insert(s.questionTranslations).values([
    {
      questionId,
      locale: "en",
      text: "What matters most to you about joined-up health and social care?",
      hint: "Write as much or as little as you like, in your own words.",
    },
    {
      questionId,
      locale: "cy",
      text: "Beth sydd bwysicaf i chi am ofal iechyd a gofal cymdeithasol cydgysylltiedig?",
      hint: "Ysgrifennwch gymaint neu cyn lleied ag y dymunwch, yn eich geiriau eich hun.",
    },
  ]);
  for (const [i, text] of texts.entries()) {
    const participantId = (await db.insert(s.participants).values({ consultationId }).returning({ id: s.participants.id }))[0]!.id;
    const group = GROUPS[(i * 7 + 3) % GROUPS.length];
    if (group) await db.insert(s.participantProfiles).values({ participantId, stakeholderGroup: group, consentedAt: now });
    const submittedAt = new Date(opensAt.getTime() + (i + 1) * 15 * 3600_000);
    // About one in five came in on paper at drop-in sessions and was typed in by staff.
    const channel = i % 5 === 4 ? ("paper" as const) : ("online" as const);
    const responseId = (
      await db
        .insert(s.responses)
        .values({ roundId, participantId, reference: `TALK-${String(i + 1).padStart(4, "0")}`, locale: "en", submittedAt, channel })
        .returning({ id: s.responses.id })
    )[0]!.id;
    await db.insert(s.answers).values({ responseId, questionId, textValue: text });
  }
}

function readAnswers(): string[] {
  const csv = readFileSync(new URL("./demo-free-text.csv", import.meta.url), "utf8");
  return parseCsv(csv)
    .rows.map((row) => row.values.text ?? "")
    .filter((t) => t.trim() !== "");
}
