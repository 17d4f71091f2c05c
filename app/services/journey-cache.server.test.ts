// The journey's content cache: shared while nothing changes, rebuilt by the very next read after
// any change to what it is built from (whoever makes it), never shared between databases.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/tables";
import { seedDemo } from "../../db/seed";
import { openDatabase, type DB } from "../db.server";
import { journeyContent } from "./journey-cache.server";

const SLUG = "joined-up-care";
let db: DB;
let sqlite: ReturnType<typeof openDatabase>["sqlite"];

beforeAll(async () => {
  ({ db, sqlite } = openDatabase(":memory:", "db/migrations"));
  await seedDemo(db, new Date());
});

function firstRound(content: NonNullable<Awaited<ReturnType<typeof journeyContent>>>) {
  return content.rounds.find((r) => r.number === 1)!;
}

describe("journey content cache", () => {
  it("is shared (and frozen) while nothing changes", async () => {
    const a = (await journeyContent(db, SLUG, "en"))!;
    const b = (await journeyContent(db, SLUG, "en"))!;
    expect(b).toBe(a);
    const round = firstRound(a);
    expect(await a.questionsOf(round.id)).toBe(await b.questionsOf(round.id));
    expect(Object.isFrozen(a.consultation)).toBe(true);
    const questions = (await a.questionsOf(round.id)).questions;
    expect(() => {
      (questions as unknown as unknown[]).push({});
    }).toThrow();
    expect(await journeyContent(db, SLUG, "cy")).not.toBe(a);
    expect(await journeyContent(db, "no-such-consultation", "en")).toBeNull();
  });

  it("sees a question's new text, a closed round and a new title at the next read", async () => {
    const before = (await journeyContent(db, SLUG, "en"))!;
    const round = firstRound(before);
    const q = (await before.questionsOf(round.id)).questions.find((x) => x.type === "rating")!;
    // Changed behind the service's back, as another process or the command line would.
    sqlite.prepare("update question_translations set text = 'Changed text' where question_id = ? and locale = 'en'").run(q.id);
    const after = (await journeyContent(db, SLUG, "en"))!;
    expect(after).not.toBe(before);
    expect((await after.questionsOf(round.id)).questions.find((x) => x.id === q.id)!.text).toBe("Changed text");

    await db.update(s.rounds).set({ status: "closed" }).where(eq(s.rounds.id, round.id));
    expect(firstRound((await journeyContent(db, SLUG, "en"))!).status).toBe("closed");
    await db.update(s.rounds).set({ status: "open" }).where(eq(s.rounds.id, round.id));

    sqlite.prepare("update consultation_translations set title = 'New title' where locale = 'en'").run();
    expect((await journeyContent(db, SLUG, "en"))!.consultation.title.value).toBe("New title");
    sqlite.prepare("update partnerships set name = 'Renamed partnership'").run();
    expect((await journeyContent(db, SLUG, "en"))!.consultation.partnershipName).toBe("Renamed partnership");
    sqlite.prepare("update candidate_outcome_translations set statement = 'Reworded outcome' where outcome_id = ? and locale = 'en'").run(q.outcomeId);
    expect((await (await journeyContent(db, SLUG, "en"))!.questionsOf(round.id)).questions.find((x) => x.id === q.id)!.outcomeStatement).toBe(
      "Reworded outcome",
    );
  });

  it("a rolled-back change leaves the version, and the content, as they were", async () => {
    const before = (await journeyContent(db, SLUG, "en"))!;
    const version = () => sqlite.prepare("select version from content_version").pluck().get();
    const v = version();
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("update consultation_translations set title = 'Never' where locale = 'en'").run();
        throw new Error("rolled back");
      })(),
    ).toThrow("rolled back");
    expect(version()).toBe(v);
    expect(await journeyContent(db, SLUG, "en")).toBe(before);
  });

  it("reads every time if the version row is missing (nothing could tell an entry is stale)", async () => {
    sqlite.prepare("delete from content_version").run();
    const a = (await journeyContent(db, SLUG, "en"))!;
    expect(await journeyContent(db, SLUG, "en")).not.toBe(a);
    sqlite.prepare("update consultation_translations set title = 'Without a version' where locale = 'en'").run();
    expect((await journeyContent(db, SLUG, "en"))!.consultation.title.value).toBe("Without a version");
    sqlite.prepare("insert into content_version (id, version) values (1, 1000)").run();
  });

  it("never shares entries between two databases", async () => {
    const other = openDatabase(":memory:", "db/migrations");
    await seedDemo(other.db, new Date());
    other.sqlite.prepare("update consultation_translations set title = 'Other database' where locale = 'en'").run();
    other.sqlite.prepare("update content_version set version = ?").run(sqlite.prepare("select version from content_version").pluck().get());
    expect((await journeyContent(other.db, SLUG, "en"))!.consultation.title.value).toBe("Other database");
    expect((await journeyContent(db, SLUG, "en"))!.consultation.title.value).not.toBe("Other database");
    other.sqlite.close();
  });
});
