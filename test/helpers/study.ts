/**
 * A two-round Delphi study on the demo consultation, set up as officers would run it:
 * the demo's synthetic round-1 answers replaced by 13 people's, results calculated,
 * round 2 created through the next-round page with only the undecided outcomes,
 * answered by 9 of the 13, and calculated. O1 and O2 reach consensus in round 1
 * (not asked again), O4 is agreed out in round 1, O3 reaches consensus in round 2.
 */
import { expect } from "vitest";
import { Client, DEMO } from "./client";
import { insertResponses } from "./responses";
import { openTestDb } from "./test-database";

export const STUDY_SLUG = "joined-up-care";
export const POOLED = {
  intent: "compute",
  rule: "comet",
  thresholdIn: "70",
  thresholdOut: "15",
  bound: "strict",
  groups: "overall",
  groupWeighting: "pooled",
  margins: "none",
};
export const UNDECIDED_AFTER_ROUND_1 = ["O5", "O6", "O7", "O8", "O9", "O10", "O11", "O12", "O13"];

// Round 1, 13 people: O1 all critical (100%, in); O2 11 of 13 (84.6%, in); O3 7 of 13 (53.8%, no consensus);
// O4 all "not important" (out); the rest 5 of 13 (38.5%, no consensus).
export const round1Score = (code: string, k: number) =>
  code === "O1" ? 8 : code === "O2" ? (k < 11 ? 8 : 5) : code === "O3" ? (k < 7 ? 8 : 5) : code === "O4" ? 2 : k < 5 ? 8 : 5;
// Round 2, 9 of them again, asked only what round 1 left open: O3 8 of 9 (88.9%, in); the rest 4 of 9 (44.4%).
export const round2Score = (code: string, k: number) => (code === "O3" ? (k < 8 ? 8 : 5) : k < 4 ? 8 : 5);

/** A query on either database (`dbPath` is a SQLite file or a postgres:// URL): a select's rows, or [] after any other statement. */
export async function studySql<T>(dbPath: string, query: string, ...params: unknown[]): Promise<T[]> {
  const db = openTestDb(dbPath);
  try {
    return /^\s*select/i.test(query) ? await db.all<T>(query, ...params) : (await db.run(query, ...params), []);
  } finally {
    await db.close();
  }
}

const roundId = async (dbPath: string, n: number) =>
  (
    await studySql<{ id: number }>(
      dbPath,
      "select r.id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = ? and r.number = ?",
      STUDY_SLUG,
      n,
    )
  )[0].id;

export async function prepareTwoRoundStudy(url: string, dbPath: string): Promise<void> {
  const officer = new Client(url);
  expect((await officer.signIn(DEMO.officer.email, DEMO.officer.password)).status).toBe(302);
  const C = `/consultations/${STUDY_SLUG}`;
  const r1 = await roundId(dbPath, 1);
  await studySql(dbPath, "delete from responses where round_id = ?", r1);
  await insertResponses(dbPath, r1, 13, round1Score);
  expect((await officer.post(`${C}/results?round=1`, POOLED)).status).toBe(302);
  const codes = ["O3", ...UNDECIDED_AFTER_ROUND_1];
  const ids = (
    await studySql<{ id: number }>(
      dbPath,
      `select id from candidate_outcomes where code in (${codes.map(() => "?").join(",")}) and consultation_id = (select id from consultations where slug = ?)`,
      ...codes,
      STUDY_SLUG,
    )
  ).map((r) => String(r.id));
  const created = await officer.post(`${C}/rounds/new`, {
    outcomeIds: ids,
    showFeedback: "yes",
    feedbackBy: "overall",
    allowNewParticipants: "no",
    copyOtherQuestions: "no",
  });
  expect(created.status).toBe(302);
  const r2 = await roundId(dbPath, 2);
  await studySql(dbPath, "update rounds set status = 'open' where id = ?", r2);
  await insertResponses(dbPath, r2, 9, round2Score);
  expect((await officer.post(`${C}/results?round=2`, POOLED)).status).toBe(302);
}
