import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineCodings, themeRuns, themeSuggestions, codebookThemes } from "../../db/tables";
import { openDatabase, type DB } from "../db.server";
import { parseCsv } from "../domain/csv";
import { makeSeededDatabase } from "../../test/helpers/server";
import { submitTextAnswers } from "../../test/helpers/moderation";
import { enqueueThemeRun } from "../repos/themes.server";
import { startThemeRunner, type ThemeRunner } from "./theme-runs.server";

/** The reference sample's texts. */
function sample(): string[] {
  return parseCsv(readFileSync(path.resolve("test/fixtures/reference/themes_sample.csv"), "utf8")).rows.map((r) => r.values.text);
}

describe("theme runner (worker thread)", () => {
  let db: DB;
  let runner: ThemeRunner;
  let consultationId: number;
  let questionId: number;
  let answerIds: number[];
  beforeAll(async () => {
    const { dbPath } = await makeSeededDatabase();
    answerIds = await submitTextAnswers(
      dbPath,
      sample().map((text) => ({ kind: "free-text" as const, text, group: "citizen" as const })),
    );
    db = openDatabase(dbPath, "db/migrations").db;
    const a = db.$client
      .prepare(
        "select q.id as q, s.consultation_id as c from answers a join questions q on q.id = a.question_id join rounds r on r.id = q.round_id join surveys s on s.id = r.survey_id where a.id = ?",
      )
      .get(answerIds[0]) as { q: number; c: number };
    consultationId = a.c;
    questionId = a.q;
    runner = startThemeRunner(() => db, { intervalMs: 50 });
  });
  afterAll(async () => {
    await runner.stop();
  });

  it("runs a queued suggest run in a worker and stores suggestions without answer texts in the result", async () => {
    const runId = await enqueueThemeRun(db, { consultationId, questionId, kind: "suggest", requestedBy: null, parameters: { seed: 1 } }, new Date());
    for (let i = 0; i < 300; i++) {
      const [r] = await db.select().from(themeRuns).where(eq(themeRuns.id, runId));
      if (r.status === "done" || r.status === "failed") break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const [done] = await db.select().from(themeRuns).where(eq(themeRuns.id, runId));
    expect(done.error ?? "").toBe("");
    expect(done.status).toBe("done");
    expect(done.processed).toBe(answerIds.length);
    const suggestions = await db.select().from(themeSuggestions).where(eq(themeSuggestions.runId, runId));
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.every((s) => s.keywords.length > 0 && s.size > 0)).toBe(true);
    expect(suggestions.reduce((n, s) => n + s.memberAnswerIds.length, 0)).toBe(answerIds.length);
    expect(JSON.stringify(done.result)).not.toContain(sample()[0].slice(0, 30));
  }, 60_000);

  it("an assign run codes every answer against the codebook", async () => {
    await db.insert(codebookThemes).values([
      { consultationId, name: "Waiting times", description: "waiting weeks appointment delay" },
      { consultationId, name: "Communication", description: "told information phone letter explain" },
    ]);
    const runId = await enqueueThemeRun(db, { consultationId, questionId, kind: "assign", requestedBy: null, parameters: { seed: 1 } }, new Date());
    for (let i = 0; i < 300; i++) {
      const [r] = await db.select().from(themeRuns).where(eq(themeRuns.id, runId));
      if (r.status === "done" || r.status === "failed") break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const [done] = await db.select().from(themeRuns).where(eq(themeRuns.id, runId));
    expect(done.status).toBe("done");
    const coded = await db.select().from(machineCodings).where(eq(machineCodings.runId, runId));
    expect(coded.length).toBeGreaterThan(0);
  }, 60_000);
});
