/**
 * What a simulated participant was told (their ledger) checked against SQLite afterwards: every
 * acknowledged start, answer, proposal and submission stored exactly once, drafts intact for
 * those who did not submit. Shared by the load benchmark and the SIGKILL fault scenario.
 */
import type Database from "better-sqlite3";
import { hashTokenHex } from "../../app/auth/tokens.server";

export interface Ledger {
  /** The participant cookie's token (null: the start was never acknowledged). */
  token: string | null;
  acked: Map<number, number>;
  proposal: string | null;
  submitted: boolean;
}

export interface LedgerCheck {
  participants: number;
  acknowledgedAnswers: number;
  acknowledgedSubmissions: number;
  leftAsDrafts: number;
  problems: string[];
}

/** The participant cookie's token in a client's cookie jar. */
export function participantToken(cookies: Map<string, string>): string | null {
  return [...cookies].find(([name]) => name.startsWith("ocd_p"))?.[1] ?? null;
}

export function checkLedgers(db: Database.Database, roundId: number, proposeId: number, ledgers: readonly Ledger[]): LedgerCheck {
  const byToken = db.prepare("select id from participants where resume_token_hash = ?");
  const responsesOf = db.prepare("select id from responses where participant_id = ? and round_id = ?");
  const answersOf = db.prepare("select question_id as q, numeric_value as v, text_value as t from answers where response_id = ?");
  const draftOf = db.prepare("select answers from response_drafts where participant_id = ? and round_id = ?");
  const problems: string[] = [];
  const out = { participants: 0, acknowledgedAnswers: 0, acknowledgedSubmissions: 0, leftAsDrafts: 0 };
  for (const [k, ledger] of ledgers.entries()) {
    if (!ledger.token) continue; // never started
    out.participants++;
    out.acknowledgedAnswers += ledger.acked.size + (ledger.proposal ? 1 : 0);
    const participant = byToken.get(hashTokenHex(ledger.token)) as { id: number } | undefined;
    if (!participant) {
      problems.push(`participant ${k}: an acknowledged start is not stored`);
      continue;
    }
    const responses = responsesOf.all(participant.id, roundId) as Array<{ id: number }>;
    if (ledger.submitted) {
      out.acknowledgedSubmissions++;
      if (responses.length !== 1) {
        problems.push(`participant ${k}: ${responses.length} responses`);
        continue;
      }
      const stored = new Map((answersOf.all(responses[0].id) as Array<{ q: number; v: number | null; t: string | null }>).map((a) => [a.q, a]));
      for (const [q, v] of ledger.acked) if (stored.get(q)?.v !== v) problems.push(`participant ${k} question ${q}: stored ${stored.get(q)?.v}, acknowledged ${v}`);
      if (ledger.proposal && stored.get(proposeId)?.t !== ledger.proposal) problems.push(`participant ${k}: proposal lost`);
    } else {
      out.leftAsDrafts++;
      if (responses.length) problems.push(`participant ${k}: a response that was never acknowledged`);
      const draft = draftOf.get(participant.id, roundId) as { answers: string } | undefined;
      const saved = draft ? (JSON.parse(draft.answers) as Record<string, { score?: number; text?: string }>) : {};
      for (const [q, v] of ledger.acked) if (saved[String(q)]?.score !== v) problems.push(`participant ${k} draft question ${q}`);
      if (ledger.proposal && saved[String(proposeId)]?.text !== ledger.proposal) problems.push(`participant ${k}: draft proposal lost`);
    }
  }
  const duplicates = db.prepare("select count(*) as n from (select participant_id from responses where round_id = ? group by participant_id having count(*) > 1)").get(roundId) as { n: number };
  if (duplicates.n) problems.push(`${duplicates.n} participants with more than one response`);
  return { ...out, problems };
}
