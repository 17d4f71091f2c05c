import Database from "better-sqlite3";

/**
 * Adds round 2 to the demo consultation with the same rating questions: the
 * first 20 round-1 participants answer again with the same scores, except that
 * everyone now scores O1 as 9. Returns the two round ids.
 */
export function addSecondRound(dbPath: string): { r1: number; r2: number } {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const r1 = db.prepare("select id, survey_id from rounds where number = 1").get() as { id: number; survey_id: number };
  const r2 = Number(db.prepare("insert into rounds (survey_id, number, status) values (?, 2, 'open')").run(r1.survey_id).lastInsertRowid);
  const questions = db.prepare("select id, outcome_id, position from questions where round_id = ? and type = 'rating'").all(r1.id) as Array<{ id: number; outcome_id: number; position: number }>;
  const copyOf = new Map<number, number>();
  for (const q of questions) {
    copyOf.set(q.id, Number(db.prepare("insert into questions (round_id, position, type, required, outcome_id, config) values (?, ?, 'rating', 1, ?, '{}')").run(r2, q.position, q.outcome_id).lastInsertRowid));
  }
  const o1 = (db.prepare("select q.id from questions q join candidate_outcomes c on c.id = q.outcome_id where q.round_id = ? and c.code = 'O1'").get(r1.id) as { id: number }).id;
  const first = db.prepare("select id, participant_id from responses where round_id = ? order by participant_id").all(r1.id) as Array<{ id: number; participant_id: number }>;
  first.slice(0, 20).forEach((resp, k) => {
    const id = Number(db.prepare("insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)").run(r2, resp.participant_id, `R2-${k}`, Date.now()).lastInsertRowid);
    const answers = db.prepare("select question_id, numeric_value, unable from answers where response_id = ?").all(resp.id) as Array<{ question_id: number; numeric_value: number | null; unable: number }>;
    for (const a of answers) {
      const isO1 = a.question_id === o1;
      db.prepare("insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, ?)").run(id, copyOf.get(a.question_id), isO1 ? 9 : a.numeric_value, isO1 ? 0 : a.unable);
    }
  });
  db.close();
  return { r1: r1.id, r2 };
}
