import Database from "better-sqlite3";

/**
 * Submits `count` responses to a round directly in the database, as the citizen
 * journey would store them: a participant per advisory group member (or anonymous
 * when the consultation has no group), a profile, and a rating answer for every
 * rating question (`score(outcomeCode, k)`, or "U" for unable to score).
 */
export function insertResponses(dbPath: string, roundId: number, count: number, score: (code: string, k: number) => number | "U"): void {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  try {
    db.transaction(() => {
      const { consultation_id: consultationId, advisory_group_id: groupId } = db
        .prepare("select c.id as consultation_id, c.advisory_group_id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where r.id = ?")
        .get(roundId) as { consultation_id: number; advisory_group_id: number | null };
      const members = groupId ? (db.prepare("select id, stakeholder_group from advisory_group_members where group_id = ? order by id").all(groupId) as Array<{ id: number; stakeholder_group: string }>) : [];
      const questions = db.prepare("select q.id, c.code from questions q join candidate_outcomes c on c.id = q.outcome_id where q.round_id = ? and q.type = 'rating'").all(roundId) as Array<{ id: number; code: string }>;
      for (let k = 0; k < count; k++) {
        const member = members[k];
        const existing = member ? (db.prepare("select id from participants where consultation_id = ? and member_id = ?").get(consultationId, member.id) as { id: number } | undefined) : undefined;
        const participantId = existing?.id ?? Number(db.prepare("insert into participants (consultation_id, member_id) values (?, ?)").run(consultationId, member?.id ?? null).lastInsertRowid);
        if (!existing) {
          db.prepare("insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?)").run(participantId, member?.stakeholder_group ?? "citizen", Date.now());
        }
        const responseId = Number(db.prepare("insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)").run(roundId, participantId, `T${roundId}-${k}-${Date.now()}`, Date.now()).lastInsertRowid);
        for (const q of questions) {
          const s = score(q.code, k);
          db.prepare("insert into answers (response_id, question_id, numeric_value, unable) values (?, ?, ?, ?)").run(responseId, q.id, s === "U" ? null : s, s === "U" ? 1 : 0);
        }
      }
    })();
  } finally {
    db.close();
  }
}
