import { openTestDb } from "./test-database";

// `returning <key>` on inserts into tables without an `id` column: openTestDb adds `returning id` to other inserts on PostgreSQL.

export interface SubmittedText {
  kind: "free-text" | "propose-outcome";
  text: string;
  /** Stakeholder group in the participant's profile (omit for "not stated"). */
  group?: "citizen" | "carer" | "service-user" | "professional";
}

/**
 * Stands in for the citizen journey: submits one round-1 response per item with a free-text
 * or "propose an outcome" answer, from a new anonymous participant with a profile. Adds a
 * free-text question to round 1 when there is none. Returns the answer ids, in order.
 * Works on either database (`dbPath` is a SQLite file or a postgres:// URL).
 */
export async function submitTextAnswers(dbPath: string, items: SubmittedText[], consultationSlug = "joined-up-care"): Promise<number[]> {
  const db = openTestDb(dbPath);
  try {
    const c = (await db.get<{ id: number }>("select id from consultations where slug = ?", consultationSlug))!;
    const round = (await db.get<{ id: number }>(
      "select r.id from rounds r join surveys s on s.id = r.survey_id where s.consultation_id = ? and r.number = 1",
      c.id,
    ))!;
    const questionOf = async (type: string): Promise<number> => {
      const found = await db.get<{ id: number }>("select id from questions where round_id = ? and type = ? order by position limit 1", round.id, type);
      if (found) return found.id;
      const position = (await db.get<{ p: number }>("select coalesce(max(position), 0) + 1 as p from questions where round_id = ?", round.id))!.p;
      const id = (
        await db.run(
          "insert into questions (round_id, position, type, required, config) values (?, ?, ?, ?, '{\"maxLength\":1000}')",
          round.id,
          position,
          type,
          false,
        )
      ).lastInsertRowid;
      await db.run(
        "insert into question_translations (question_id, locale, text) values (?, 'en', ?) returning question_id",
        id,
        type === "free-text" ? "Is there anything else you want to tell us about joined-up care?" : "Is there an outcome we missed?",
      );
      return id;
    };
    const ids: number[] = [];
    // One transaction on SQLite, as before (openTestDb's single connection); PostgreSQL's pool has no such guarantee.
    if (db.dialect === "sqlite") await db.run("begin");
    for (const [k, item] of items.entries()) {
      const participant = (await db.run("insert into participants (consultation_id) values (?)", c.id)).lastInsertRowid;
      if (item.group)
        await db.run(
          "insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?) returning participant_id",
          participant,
          item.group,
          new Date(),
        );
      const response = (
        await db.run(
          "insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)",
          round.id,
          participant,
          `MOD-${participant}-${k}`,
          new Date(Date.now() + k),
        )
      ).lastInsertRowid;
      ids.push(
        (await db.run("insert into answers (response_id, question_id, text_value) values (?, ?, ?)", response, await questionOf(item.kind), item.text))
          .lastInsertRowid,
      );
    }
    if (db.dialect === "sqlite") await db.run("commit");
    return ids;
  } finally {
    await db.close();
  }
}
