// Online backup while the database is being written to, then restore: every response is there.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, checkIntegrity, restoreDatabase } from "../../app/ops/backup.server";
import { makeSeededDatabase } from "../helpers/server";

/** A separate process that keeps submitting whole responses (response + one answer per question), one transaction each. */
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); db.pragma("busy_timeout = 5000");
const round = db.prepare("select r.id, s.consultation_id from rounds r join surveys s on s.id = r.survey_id where r.number = 1").get();
const qs = db.prepare("select id from questions where round_id = ? and type = 'rating'").all(round.id);
const addParticipant = db.prepare("insert into participants (consultation_id) values (?)");
const addResponse = db.prepare("insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, ?, ?)");
const addAnswer = db.prepare("insert into answers (response_id, question_id, numeric_value) values (?, ?, ?)");
const submit = db.transaction((k) => {
  const p = Number(addParticipant.run(round.consultation_id).lastInsertRowid);
  const r = Number(addResponse.run(round.id, p, "BK-" + k, Date.now()).lastInsertRowid);
  for (const q of qs) addAnswer.run(r, q.id, 1 + (k % 9));
});
let k = 0;
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) submit(k++);
console.log(String(k));
`;

function runWriter(dbPath: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", WRITER, dbPath, String(ms)], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

const responsesWithAnswers = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db
    .prepare(
      "select r.reference, count(a.id) as n, sum(a.numeric_value) as total from responses r left join answers a on a.response_id = r.id group by r.id order by r.reference",
    )
    .all() as Array<{ reference: string; n: number; total: number | null }>;
  const questions = (
    db.prepare("select count(*) as n from questions q join rounds r on r.id = q.round_id where r.number = 1 and q.type = 'rating'").get() as { n: number }
  ).n;
  db.close();
  return { rows, questions };
};

describe("backup and restore", () => {
  const cleanup: string[] = [];
  afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("takes a consistent online backup while responses are being written, and restores every response", async () => {
    const { dir, dbPath } = await makeSeededDatabase();
    cleanup.push(dir);
    const before = responsesWithAnswers(dbPath).rows.length;

    const writing = runWriter(dbPath, 1500);
    await new Promise((r) => setTimeout(r, 300));
    const during = await backupDatabase(dbPath, path.join(dir, "during.db"));
    const written = await writing;
    expect(written).toBeGreaterThan(10);

    // The backup taken mid-write is one committed state: every response in it is whole.
    const snap = responsesWithAnswers(during.file);
    expect(snap.rows.length).toBeGreaterThanOrEqual(before);
    expect(snap.rows.length).toBeLessThanOrEqual(before + written);
    const bk = snap.rows.filter((r) => r.reference.startsWith("BK-"));
    for (const r of bk) expect(r.n).toBe(snap.questions);
    expect(during.tables.responses).toBe(snap.rows.length);

    // A backup after the writer stopped, restored over a different file, holds every response exactly.
    const after = await backupDatabase(dbPath, path.join(dir, "after.db"));
    const restoredPath = path.join(dir, "restored", "app.db");
    const { tables } = restoreDatabase(after.file, restoredPath, new Date());
    expect(tables.responses).toBe(before + written);
    expect(responsesWithAnswers(restoredPath)).toEqual(responsesWithAnswers(dbPath));
    expect(checkIntegrity(restoredPath).answers).toBe(checkIntegrity(dbPath).answers);
  });

  it("keeps the database it replaces and refuses to overwrite an existing backup", async () => {
    const { dir, dbPath } = await makeSeededDatabase();
    cleanup.push(dir);
    const b = await backupDatabase(dbPath, path.join(dir, "b.db"));
    await expect(backupDatabase(dbPath, b.file)).rejects.toThrow(/exists already/);
    const { kept } = restoreDatabase(b.file, dbPath, new Date("2026-11-25T10:00:00Z"));
    expect(kept).toMatch(/before-restore-2026-11-25T10-00-00-000Z$/);
    expect(checkIntegrity(kept!).responses).toBe(checkIntegrity(dbPath).responses);
  });

  it("refuses to restore a file that is not a sound database", async () => {
    const { dir, dbPath } = await makeSeededDatabase();
    cleanup.push(dir);
    const junk = path.join(dir, "junk.db");
    (await import("node:fs")).writeFileSync(junk, "not a database at all".repeat(100));
    expect(() => restoreDatabase(junk, dbPath, new Date())).toThrow();
    expect(checkIntegrity(dbPath).responses).toBeGreaterThan(0);
  });
});
