/**
 * A small two-round consultation for the citizen journey's browser tests, written
 * straight into the test database: a briefing in two parts; round 1 with three
 * ratings, a ranking, a pairwise choice, a multiple choice that reveals a free-text
 * question, an idea and a profile question; round 2 with the three ratings again.
 * 20 synthetic round-1 responses (10 citizens, 10 carers) give round 2 feedback that
 * can be shown (groups under 8 people are hidden). Works on either database (`dbPath` is a
 * SQLite file or a postgres:// URL).
 */
import { hashTokenHex, randomToken } from "../../app/auth/tokens.server";
import { openTestDb } from "./test-database";

export const FIXTURE_SLUG = "two-round-test";

export interface Fixture {
  consultationId: number;
  round1: number;
  round2: number;
  q: { r1: number[]; r2: number[]; rank: number; pair: number; multi: number; why: number; idea: number; group: number };
  members: { carer: number; professional: number };
}

// `returning <key>` on inserts into tables without an `id` column: openTestDb adds `returning id` to other inserts on PostgreSQL.
export async function createFixture(dbPath: string): Promise<Fixture> {
  const db = openTestDb(dbPath);
  const now = new Date();
  // On SQLite in one transaction with foreign keys checked, as before (openTestDb's single connection); PostgreSQL checks them always.
  if (db.dialect === "sqlite") {
    await db.run("pragma foreign_keys = ON");
    await db.run("begin");
  }
  try {
    const partnershipId = (await db.get<{ id: number }>("select id from partnerships where slug = 'south-nottinghamshire'"))!.id;
    const groupId = (await db.get<{ id: number }>("select id from advisory_groups where partnership_id = ?", partnershipId))!.id;
    const consultationId = (
      await db.run(
        "insert into consultations (partnership_id, slug, status, audience, advisory_group_id, contact_email, updated_at) values (?, ?, 'open', 'both', ?, 'engagement@south-notts.example', ?)",
        partnershipId,
        FIXTURE_SLUG,
        groupId,
        now,
      )
    ).lastInsertRowid;
    const briefing =
      "## Why we ask\n\nWe want to pay for **results** that matter to you.\n\n## What happens next\n\n- We add up the answers\n- We publish what we did";
    await db.run(
      "insert into consultation_translations (consultation_id, locale, title, summary, briefing, privacy_notice) values (?, 'en', ?, ?, ?, ?) returning consultation_id",
      consultationId,
      "Test: what matters in home care?",
      "A short two-round test consultation.",
      briefing,
      "Taking part is voluntary. We keep answers for 2 years.",
    );
    await db.run(
      "insert into consultation_translations (consultation_id, locale, title, summary, briefing, privacy_notice) values (?, 'ur', ?, ?, ?, ?) returning consultation_id",
      consultationId,
      "ٹیسٹ: گھر پر دیکھ بھال میں کیا اہم ہے؟",
      "ایک مختصر دو مرحلوں والی آزمائشی مشاورت۔",
      "## ہم کیوں پوچھتے ہیں\n\nہم ان نتائج کے لیے ادائیگی کرنا چاہتے ہیں جو آپ کے لیے اہم ہیں۔\n\n## آگے کیا ہو گا\n\n- ہم جوابات جمع کرتے ہیں",
      "حصہ لینا رضاکارانہ ہے۔",
    );
    const surveyId = (await db.run("insert into surveys (consultation_id) values (?)", consultationId)).lastInsertRowid;
    const round1 = (
      await db.run(
        "insert into rounds (survey_id, number, status, show_feedback, feedback_by, allow_new_participants) values (?, 1, 'open', ?, 'overall', ?)",
        surveyId,
        false,
        true,
      )
    ).lastInsertRowid;
    const round2 = (
      await db.run(
        "insert into rounds (survey_id, number, status, show_feedback, feedback_by, allow_new_participants) values (?, 2, 'draft', ?, 'stakeholder-group', ?)",
        surveyId,
        true,
        true,
      )
    ).lastInsertRowid;
    const outcomes: number[] = [];
    for (const [i, statement] of ["I can stay in my own home", "Carers get a break", "I see the same care worker"].entries()) {
      const id = (
        await db.run("insert into candidate_outcomes (consultation_id, code, source, position) values (?, ?, 'test', ?)", consultationId, `T${i + 1}`, i)
      ).lastInsertRowid;
      await db.run("insert into candidate_outcome_translations (outcome_id, locale, statement) values (?, 'en', ?) returning outcome_id", id, statement);
      outcomes.push(id);
    }
    let position = 0;
    const question = async (
      roundId: number,
      type: string,
      config: unknown,
      en: { text: string; hint?: string; options?: Record<string, string> },
      extra: { required?: boolean; outcomeId?: number; condition?: [number, string] } = {},
    ) => {
      const id = (
        await db.run(
          "insert into questions (round_id, position, type, required, outcome_id, config, condition_question_id, condition_value) values (?, ?, ?, ?, ?, ?, ?, ?)",
          roundId,
          position++,
          type,
          extra.required !== false,
          extra.outcomeId ?? null,
          JSON.stringify(config),
          extra.condition?.[0] ?? null,
          extra.condition?.[1] ?? null,
        )
      ).lastInsertRowid;
      await db.run(
        "insert into question_translations (question_id, locale, text, hint, options) values (?, 'en', ?, ?, ?) returning question_id",
        id,
        en.text,
        en.hint ?? "",
        JSON.stringify(en.options ?? {}),
      );
      return id;
    };
    const rating = (roundId: number, i: number) =>
      question(
        roundId,
        "rating",
        { scale: "grade-1-9", allowUnable: true },
        {
          text: `How important is this to you: “${["I can stay in my own home", "Carers get a break", "I see the same care worker"][i]}”?`,
          hint: "1 to 3 means not important, 7 to 9 critical.",
        },
        { outcomeId: outcomes[i] },
      );
    const r1: number[] = [];
    for (const i of [0, 1, 2]) r1.push(await rating(round1, i));
    const rank = await question(
      round1,
      "ranking",
      { choices: ["T1", "T2", "T3"] },
      { text: "Put these outcomes in order of importance", options: { T1: "Staying at home", T2: "Breaks for carers", T3: "The same care worker" } },
    );
    const pair = await question(
      round1,
      "pairwise",
      { choices: ["T1", "T2"] },
      { text: "Which matters more to you?", options: { T1: "Staying at home", T2: "Breaks for carers" } },
    );
    const multi = await question(
      round1,
      "multiple-choice",
      { choices: ["phone", "visit", "letter"] },
      { text: "How do you like to be contacted?", hint: "Select all that apply.", options: { phone: "By phone", visit: "A visit", letter: "By letter" } },
    );
    const why = await question(
      round1,
      "free-text",
      { maxLength: 200 },
      { text: "Why do you prefer visits?" },
      { required: false, condition: [multi, "visit"] },
    );
    const idea = await question(round1, "propose-outcome", { maxLength: 300 }, { text: "Is there an outcome we have missed?" }, { required: false });
    const group = await question(
      round1,
      "profile",
      { field: "stakeholderGroup", choices: ["citizen", "carer", "service-user", "professional"] },
      {
        text: "Which describes you best?",
        options: {
          citizen: "A member of the public",
          carer: "A carer",
          "service-user": "Someone who uses services",
          professional: "A health or care professional",
        },
      },
    );
    position = 0;
    const r2: number[] = [];
    for (const i of [0, 1, 2]) r2.push(await rating(round2, i));
    // 20 synthetic round-1 responses.
    for (let k = 0; k < 20; k++) {
      const pid = (await db.run("insert into participants (consultation_id, resume_token_hash) values (?, ?)", consultationId, hashTokenHex(randomToken())))
        .lastInsertRowid;
      await db.run(
        "insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?) returning participant_id",
        pid,
        k < 10 ? "citizen" : "carer",
        now,
      );
      const rid = (
        await db.run(
          "insert into responses (round_id, participant_id, reference, locale, submitted_at) values (?, ?, ?, 'en', ?)",
          round1,
          pid,
          `TEST-${k}`,
          now,
        )
      ).lastInsertRowid;
      for (const [i, qid] of r1.entries())
        await db.run("insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, ?)", rid, qid, 1 + ((k + i * 3) % 9), false);
    }
    const memberOf = async (group: string) =>
      (await db.get<{ id: number }>(
        "select id from advisory_group_members where group_id = ? and stakeholder_group = ? order by id desc limit 1",
        groupId,
        group,
      ))!.id;
    const fixture: Fixture = {
      consultationId,
      round1,
      round2,
      q: { r1, r2, rank, pair, multi, why, idea, group },
      members: { carer: await memberOf("carer"), professional: await memberOf("professional") },
    };
    if (db.dialect === "sqlite") await db.run("commit");
    return fixture;
  } finally {
    await db.close();
  }
}

/** An invitation for a member to a round, as the panel's sending would create it; returns the link's token. */
export async function invite(dbPath: string, f: Fixture, memberId: number, roundId: number): Promise<string> {
  const db = openTestDb(dbPath);
  try {
    const token = randomToken();
    await db.run(
      "insert into invitations (consultation_id, member_id, round_id, token_hash, sent_at) values (?, ?, ?, ?, ?)",
      f.consultationId,
      memberId,
      roundId,
      hashTokenHex(token),
      new Date(),
    );
    return token;
  } finally {
    await db.close();
  }
}

/** A query on either database: a select's (or a `returning` statement's) rows, or [] after any other statement. */
export async function sql<T = unknown>(dbPath: string, query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(dbPath);
  try {
    return /^\s*(select|with)\b/i.test(query) || /\breturning\b/i.test(query) ? await db.all<T>(query, ...params) : (await db.run(query, ...params), []);
  } finally {
    await db.close();
  }
}
