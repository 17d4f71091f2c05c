import { openTestDb } from "./test-database";

/**
 * Adds round 2 to the demo consultation with the same rating questions: the
 * first 20 round-1 participants answer again with the same scores, except that
 * everyone now scores O1 as 9. Returns the two round ids. Works on either database
 * (`dbPath` is a SQLite file or a postgres:// URL).
 */
export async function addSecondRound(dbPath: string): Promise<{ r1: number; r2: number }> {
  const db = openTestDb(dbPath);
  try {
    const r1 = (await db.get<{ id: number; survey_id: number }>("select id, survey_id from rounds where number = 1"))!;
    const r2 = (await db.run("insert into rounds (survey_id, number, status) values (?, 2, 'open')", r1.survey_id)).lastInsertRowid;
    const questions = await db.all<{ id: number; outcome_id: number; position: number }>(
      "select id, outcome_id, position from questions where round_id = ? and type = 'rating'",
      r1.id,
    );
    const copyOf = new Map<number, number>();
    for (const q of questions) {
      copyOf.set(
        q.id,
        (
          await db.run(
            "insert into questions (round_id, position, type, required, outcome_id, config) values (?, ?, 'rating', ?, ?, '{}')",
            r2,
            q.position,
            true,
            q.outcome_id,
          )
        ).lastInsertRowid,
      );
    }
    const o1 = (await db.get<{ id: number }>(
      "select q.id from questions q join candidate_outcomes c on c.id = q.outcome_id where q.round_id = ? and c.code = 'O1'",
      r1.id,
    ))!.id;
    const first = await db.all<{ id: number; participant_id: number }>(
      "select id, participant_id from responses where round_id = ? order by participant_id",
      r1.id,
    );
    for (const [k, resp] of first.slice(0, 20).entries()) {
      const id = (
        await db.run(
          "insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)",
          r2,
          resp.participant_id,
          `R2-${k}`,
          new Date(),
        )
      ).lastInsertRowid;
      const answers = await db.all<{ question_id: number; numeric_value: number | null; unable: number }>(
        "select question_id, numeric_value, unable from answers where response_id = ?",
        resp.id,
      );
      for (const a of answers) {
        const isO1 = a.question_id === o1;
        await db.run(
          "insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, ?)",
          id,
          copyOf.get(a.question_id),
          isO1 ? 9 : a.numeric_value,
          isO1 ? false : a.unable === 1,
        );
      }
    }
    return { r1: r1.id, r2 };
  } finally {
    await db.close();
  }
}
