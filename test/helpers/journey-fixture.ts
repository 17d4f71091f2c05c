/**
 * A small two-round consultation for the citizen journey's browser tests, written
 * straight into the test database: a briefing in two parts; round 1 with three
 * ratings, a ranking, a pairwise choice, a multiple choice that reveals a free-text
 * question, an idea and a profile question; round 2 with the three ratings again.
 * 20 synthetic round-1 responses (10 citizens, 10 carers) give round 2 feedback that
 * can be shown (groups under 8 people are hidden).
 */
import Database from "better-sqlite3";
import { hashTokenHex, randomToken } from "../../app/auth/tokens.server";

export const FIXTURE_SLUG = "two-round-test";

export interface Fixture {
  consultationId: number;
  round1: number;
  round2: number;
  q: { r1: number[]; r2: number[]; rank: number; pair: number; multi: number; why: number; idea: number; group: number };
  members: { carer: number; professional: number };
}

export function createFixture(dbPath: string): Fixture {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const now = Date.now();
  const tx = db.transaction(() => {
    const partnershipId = (db.prepare("select id from partnerships where slug = 'south-nottinghamshire'").get() as { id: number }).id;
    const groupId = (db.prepare("select id from advisory_groups where partnership_id = ?").get(partnershipId) as { id: number }).id;
    const consultationId = Number(
      db.prepare("insert into consultations (partnership_id, slug, status, audience, advisory_group_id, contact_email, updated_at) values (?, ?, 'open', 'both', ?, 'engagement@south-notts.example', ?)").run(partnershipId, FIXTURE_SLUG, groupId, now).lastInsertRowid,
    );
    const briefing = "## Why we ask\n\nWe want to pay for **results** that matter to you.\n\n## What happens next\n\n- We add up the answers\n- We publish what we did";
    db.prepare("insert into consultation_translations (consultation_id, locale, title, summary, briefing, privacy_notice) values (?, 'en', ?, ?, ?, ?)").run(
      consultationId,
      "Test: what matters in home care?",
      "A short two-round test consultation.",
      briefing,
      "Taking part is voluntary. We keep answers for 2 years.",
    );
    db.prepare("insert into consultation_translations (consultation_id, locale, title, summary, briefing, privacy_notice) values (?, 'ur', ?, ?, ?, ?)").run(
      consultationId,
      "ٹیسٹ: گھر پر دیکھ بھال میں کیا اہم ہے؟",
      "ایک مختصر دو مرحلوں والی آزمائشی مشاورت۔",
      "## ہم کیوں پوچھتے ہیں\n\nہم ان نتائج کے لیے ادائیگی کرنا چاہتے ہیں جو آپ کے لیے اہم ہیں۔\n\n## آگے کیا ہو گا\n\n- ہم جوابات جمع کرتے ہیں",
      "حصہ لینا رضاکارانہ ہے۔",
    );
    const surveyId = Number(db.prepare("insert into surveys (consultation_id) values (?)").run(consultationId).lastInsertRowid);
    const round1 = Number(db.prepare("insert into rounds (survey_id, number, status, show_feedback, feedback_by, allow_new_participants) values (?, 1, 'open', 0, 'overall', 1)").run(surveyId).lastInsertRowid);
    const round2 = Number(db.prepare("insert into rounds (survey_id, number, status, show_feedback, feedback_by, allow_new_participants) values (?, 2, 'draft', 1, 'stakeholder-group', 1)").run(surveyId).lastInsertRowid);
    const outcomes = ["I can stay in my own home", "Carers get a break", "I see the same care worker"].map((statement, i) => {
      const id = Number(db.prepare("insert into candidate_outcomes (consultation_id, code, source, position) values (?, ?, 'test', ?)").run(consultationId, `T${i + 1}`, i).lastInsertRowid);
      db.prepare("insert into candidate_outcome_translations (outcome_id, locale, statement) values (?, 'en', ?)").run(id, statement);
      return id;
    });
    let position = 0;
    const question = (roundId: number, type: string, config: unknown, en: { text: string; hint?: string; options?: Record<string, string> }, extra: { required?: boolean; outcomeId?: number; condition?: [number, string] } = {}) => {
      const id = Number(
        db
          .prepare("insert into questions (round_id, position, type, required, outcome_id, config, condition_question_id, condition_value) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .run(roundId, position++, type, extra.required === false ? 0 : 1, extra.outcomeId ?? null, JSON.stringify(config), extra.condition?.[0] ?? null, extra.condition?.[1] ?? null).lastInsertRowid,
      );
      db.prepare("insert into question_translations (question_id, locale, text, hint, options) values (?, 'en', ?, ?, ?)").run(id, en.text, en.hint ?? "", JSON.stringify(en.options ?? {}));
      return id;
    };
    const rating = (roundId: number, i: number) =>
      question(roundId, "rating", { scale: "grade-1-9", allowUnable: true }, { text: `How important is this to you: “${["I can stay in my own home", "Carers get a break", "I see the same care worker"][i]}”?`, hint: "1 to 3 means not important, 7 to 9 critical." }, { outcomeId: outcomes[i] });
    const r1 = [0, 1, 2].map((i) => rating(round1, i));
    const rank = question(round1, "ranking", { choices: ["T1", "T2", "T3"] }, { text: "Put these outcomes in order of importance", options: { T1: "Staying at home", T2: "Breaks for carers", T3: "The same care worker" } });
    const pair = question(round1, "pairwise", { choices: ["T1", "T2"] }, { text: "Which matters more to you?", options: { T1: "Staying at home", T2: "Breaks for carers" } });
    const multi = question(round1, "multiple-choice", { choices: ["phone", "visit", "letter"] }, { text: "How do you like to be contacted?", hint: "Select all that apply.", options: { phone: "By phone", visit: "A visit", letter: "By letter" } });
    const why = question(round1, "free-text", { maxLength: 200 }, { text: "Why do you prefer visits?" }, { required: false, condition: [multi, "visit"] });
    const idea = question(round1, "propose-outcome", { maxLength: 300 }, { text: "Is there an outcome we have missed?" }, { required: false });
    const group = question(round1, "profile", { field: "stakeholderGroup", choices: ["citizen", "carer", "service-user", "professional"] }, { text: "Which describes you best?", options: { citizen: "A member of the public", carer: "A carer", "service-user": "Someone who uses services", professional: "A health or care professional" } });
    position = 0;
    const r2 = [0, 1, 2].map((i) => rating(round2, i));
    // 20 synthetic round-1 responses.
    for (let k = 0; k < 20; k++) {
      const pid = Number(db.prepare("insert into participants (consultation_id, resume_token_hash) values (?, ?)").run(consultationId, hashTokenHex(randomToken())).lastInsertRowid);
      db.prepare("insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?)").run(pid, k < 10 ? "citizen" : "carer", now);
      const rid = Number(db.prepare("insert into responses (round_id, participant_id, reference, locale, submitted_at) values (?, ?, ?, 'en', ?)").run(round1, pid, `TEST-${k}`, now).lastInsertRowid);
      r1.forEach((qid, i) => db.prepare("insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, 0)").run(rid, qid, 1 + ((k + i * 3) % 9)));
    }
    const memberOf = (group: string) => (db.prepare("select id from advisory_group_members where group_id = ? and stakeholder_group = ? order by id desc limit 1").get(groupId, group) as { id: number }).id;
    return { consultationId, round1, round2, q: { r1, r2, rank, pair, multi, why, idea, group }, members: { carer: memberOf("carer"), professional: memberOf("professional") } };
  });
  const fixture = tx();
  db.close();
  return fixture;
}

/** An invitation for a member to a round, as the panel's sending would create it; returns the link's token. */
export function invite(dbPath: string, f: Fixture, memberId: number, roundId: number): string {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const token = randomToken();
  db.prepare("insert into invitations (consultation_id, member_id, round_id, token_hash, sent_at) values (?, ?, ?, ?, ?)").run(f.consultationId, memberId, roundId, hashTokenHex(token), Date.now());
  db.close();
  return token;
}

export function sql<T = unknown>(dbPath: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  try {
    const stmt = db.prepare(query);
    return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
  } finally {
    db.close();
  }
}
