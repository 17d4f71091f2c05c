import { openTestDb } from "./test-database";

// `returning <key>` on inserts into tables without an `id` column: openTestDb adds `returning id` to other inserts on PostgreSQL.

/**
 * Submits `count` responses to a round directly in the database, as the citizen
 * journey would store them: a participant per advisory group member (or anonymous
 * when the consultation has no group), a profile, and a rating answer for every
 * rating question (`score(outcomeCode, k)`, or "U" for unable to score).
 * Works on either database (`dbPath` is a SQLite file or a postgres:// URL).
 */
export async function insertResponses(dbPath: string, roundId: number, count: number, score: (code: string, k: number) => number | "U"): Promise<void> {
  const db = openTestDb(dbPath);
  try {
    // One transaction on SQLite, as before (openTestDb's single connection); PostgreSQL's pool has no such guarantee.
    if (db.dialect === "sqlite") await db.run("begin");
    const { consultation_id: consultationId, advisory_group_id: groupId } = (await db.get<{ consultation_id: number; advisory_group_id: number | null }>(
      "select c.id as consultation_id, c.advisory_group_id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where r.id = ?",
      roundId,
    ))!;
    const members = groupId
      ? await db.all<{ id: number; stakeholder_group: string }>(
          "select id, stakeholder_group from advisory_group_members where group_id = ? order by id",
          groupId,
        )
      : [];
    const questions = await db.all<{ id: number; code: string }>(
      "select q.id, c.code from questions q join candidate_outcomes c on c.id = q.outcome_id where q.round_id = ? and q.type = 'rating'",
      roundId,
    );
    for (let k = 0; k < count; k++) {
      const member = members[k];
      const existing = member
        ? await db.get<{ id: number }>("select id from participants where consultation_id = ? and member_id = ?", consultationId, member.id)
        : undefined;
      const participantId =
        existing?.id ??
        (await db.run("insert into participants (consultation_id, member_id) values (?, ?)", consultationId, member?.id ?? null)).lastInsertRowid;
      if (!existing) {
        await db.run(
          "insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?) returning participant_id",
          participantId,
          member?.stakeholder_group ?? "citizen",
          new Date(),
        );
      }
      const responseId = (
        await db.run(
          "insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)",
          roundId,
          participantId,
          `T${roundId}-${k}-${Date.now()}`,
          new Date(),
        )
      ).lastInsertRowid;
      for (const q of questions) {
        const s = score(q.code, k);
        await db.run(
          "insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, ?)",
          responseId,
          q.id,
          s === "U" ? null : s,
          s === "U",
        );
      }
    }
    if (db.dialect === "sqlite") await db.run("commit");
  } finally {
    await db.close();
  }
}
