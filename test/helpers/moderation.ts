import Database from "better-sqlite3";

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
 */
export function submitTextAnswers(dbPath: string, items: SubmittedText[], consultationSlug = "joined-up-care"): number[] {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  try {
    const c = db.prepare("select id from consultations where slug = ?").get(consultationSlug) as { id: number };
    const round = db.prepare("select r.id from rounds r join surveys s on s.id = r.survey_id where s.consultation_id = ? and r.number = 1").get(c.id) as { id: number };
    const questionOf = (type: string): number => {
      const found = db.prepare("select id from questions where round_id = ? and type = ? order by position limit 1").get(round.id, type) as { id: number } | undefined;
      if (found) return found.id;
      const position = (db.prepare("select coalesce(max(position), 0) + 1 as p from questions where round_id = ?").get(round.id) as { p: number }).p;
      const id = Number(db.prepare("insert into questions (round_id, position, type, required, config) values (?, ?, ?, 0, '{\"maxLength\":1000}')").run(round.id, position, type).lastInsertRowid);
      db.prepare("insert into question_translations (question_id, locale, text) values (?, 'en', ?)").run(id, type === "free-text" ? "Is there anything else you want to tell us about joined-up care?" : "Is there an outcome we missed?");
      return id;
    };
    const ids: number[] = [];
    const tx = db.transaction(() => {
      items.forEach((item, k) => {
        const participant = Number(db.prepare("insert into participants (consultation_id) values (?)").run(c.id).lastInsertRowid);
        if (item.group) db.prepare("insert into participant_profiles (participant_id, stakeholder_group, consented_at) values (?, ?, ?)").run(participant, item.group, Date.now());
        const response = Number(db.prepare("insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)").run(round.id, participant, `MOD-${participant}-${k}`, Date.now() + k).lastInsertRowid);
        ids.push(Number(db.prepare("insert into answers (response_id, question_id, text_value) values (?, ?, ?)").run(response, questionOf(item.kind), item.text).lastInsertRowid));
      });
    });
    tx();
    return ids;
  } finally {
    db.close();
  }
}
