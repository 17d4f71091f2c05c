/**
 * What a simulated participant was told (their ledger) checked against the database afterwards (SQLite or PostgreSQL, through openTestDb): every
 * acknowledged start, answer, proposal and submission stored exactly once, drafts intact for
 * those who did not submit. Shared by the load benchmark and the SIGKILL fault scenario.
 */
import type { TestDb } from "./test-database";
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

export async function checkLedgers(db: TestDb, roundId: number, proposeId: number, ledgers: readonly Ledger[]): Promise<LedgerCheck> {
  const byToken = { get: (hash: string) => db.get<{ id: number }>("select id from participants where resume_token_hash = ?", hash) };
  const responsesOf = { all: (p: number, r: number) => db.all<{ id: number }>("select id from responses where participant_id = ? and round_id = ?", p, r) };
  const answersOf = {
    all: (r: number) =>
      db.all<{ q: number; v: number | null; t: string | null }>(
        "select question_id as q, numeric_value as v, text_value as t from answers where response_id = ?",
        r,
      ),
  };
  const draftOf = {
    get: (p: number, r: number) => db.get<{ answers: string }>("select answers from response_drafts where participant_id = ? and round_id = ?", p, r),
  };
  const problems: string[] = [];
  const out = { participants: 0, acknowledgedAnswers: 0, acknowledgedSubmissions: 0, leftAsDrafts: 0 };
  for (const [k, ledger] of ledgers.entries()) {
    if (!ledger.token) continue; // never started
    out.participants++;
    out.acknowledgedAnswers += ledger.acked.size + (ledger.proposal ? 1 : 0);
    const participant = await byToken.get(hashTokenHex(ledger.token));
    if (!participant) {
      problems.push(`participant ${k}: an acknowledged start is not stored`);
      continue;
    }
    const responses = await responsesOf.all(participant.id, roundId);
    if (ledger.submitted) {
      out.acknowledgedSubmissions++;
      if (responses.length !== 1) {
        problems.push(`participant ${k}: ${responses.length} responses`);
        continue;
      }
      const stored = new Map((await answersOf.all(responses[0].id)).map((a) => [a.q, a]));
      for (const [q, v] of ledger.acked)
        if (stored.get(q)?.v !== v) problems.push(`participant ${k} question ${q}: stored ${stored.get(q)?.v}, acknowledged ${v}`);
      if (ledger.proposal && stored.get(proposeId)?.t !== ledger.proposal) problems.push(`participant ${k}: proposal lost`);
    } else {
      out.leftAsDrafts++;
      if (responses.length) problems.push(`participant ${k}: a response that was never acknowledged`);
      const draft = await draftOf.get(participant.id, roundId);
      const saved = draft ? (JSON.parse(draft.answers) as Record<string, { score?: number; text?: string }>) : {};
      for (const [q, v] of ledger.acked) if (saved[String(q)]?.score !== v) problems.push(`participant ${k} draft question ${q}`);
      if (ledger.proposal && saved[String(proposeId)]?.text !== ledger.proposal) problems.push(`participant ${k}: draft proposal lost`);
    }
  }
  const duplicates = (await db.get<{ n: number }>(
    "select count(*) as n from (select participant_id from responses where round_id = ? group by participant_id having count(*) > 1) as d",
    roundId,
  ))!;
  if (duplicates.n) problems.push(`${duplicates.n} participants with more than one response`);
  return { ...out, problems };
}
