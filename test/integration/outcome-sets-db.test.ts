// The outcome-set service against a real migrated, seeded database (SQLite, or PostgreSQL under TEST_DATABASE=postgres):
// the whole agreement path, and immutability enforced by the database itself.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db.server";
import { putIndicator } from "../../app/domain/outcome-sets";
import { findLatestAgreedOutcomeSet, findOutcomeSet, listCommissioningOrganisations, replaceSignatories } from "../../app/repos/outcome-sets.server";
import { editDraft, proposeOutcomeSet, signOutcomeSet, startFramework, startNewVersion } from "../../app/services/outcome-sets.server";
import { computeRoundResult } from "../../app/services/results.server";
import { INDICATOR_ENTRY } from "../helpers/indicator";
import { openAppDb } from "../helpers/app-db";
import { makeSeededDatabase } from "../helpers/server";
import { openTestDb, type TestDb } from "../helpers/test-database";

let dir: string;
let db: DB;
let closeDb: () => Promise<void>;
/** Raw SQL beside the service, as the database itself sees it. */
let raw: TestDb;
const now = new Date("2026-11-25T10:00:00Z");

const indicator = INDICATOR_ENTRY;

beforeAll(async () => {
  const made = await makeSeededDatabase();
  dir = made.dir;
  ({ db, close: closeDb } = openAppDb(made.dbPath));
  raw = openTestDb(made.dbPath);
});
afterAll(async () => {
  await raw?.close();
  await closeDb?.();
  rmSync(dir, { recursive: true, force: true });
});

async function userId(email: string) {
  return (await raw.get<{ id: number }>("select id from users where email = ?", email))!.id;
}

describe("outcome sets in the database", () => {
  it("goes from the aggregated result to an agreed set signed by two organisations, then refuses any change", async () => {
    const consultation = (await raw.get<{ id: number; partnership_id: number }>("select id, partnership_id from consultations where slug = 'joined-up-care'"))!;
    const scope = { consultationId: consultation.id, partnershipId: consultation.partnership_id };
    const claire = { userId: await userId("commissioner@south-notts.example"), displayName: "Claire Boateng", partnershipId: scope.partnershipId };
    const david = { userId: await userId("commissioner.ccg@south-notts.example"), displayName: "David Ellis", partnershipId: scope.partnershipId };
    const as = (actor: typeof claire) => ({ actor, consultationId: consultation.id });
    expect(await startFramework(db, as(claire), now)).toEqual({ ok: false, reason: "no-result" });
    const round = (await raw.get<{ id: number }>(
      "select r.id from rounds r join surveys s on s.id = r.survey_id where s.consultation_id = ? and r.number = 1",
      consultation.id,
    ))!;
    const computed = await computeRoundResult(
      db,
      {
        consultationId: consultation.id,
        roundId: round.id,
        actor: claire,
        parameters: { rule: "comet", thresholdIn: 70, thresholdOut: 15, bound: "strict", groups: "overall", groupWeighting: "equal" },
        marginsId: null,
      },
      now,
    );
    expect(computed.ok).toBe(true);
    expect(await startFramework(db, as(claire), now)).toEqual({ ok: true, value: { version: 1 } });
    expect(await startFramework(db, as(claire), now)).toEqual({ ok: false, reason: "exists" });
    const set = (await findOutcomeSet(db, consultation.id))!;
    expect(set.content.basis.responseCount).toBe(24);
    for (const o of set.content.outcomes.filter((x) => x.included)) {
      expect(
        (
          await editDraft(
            db,
            {
              ...as(claire),
              version: 1,
              action: "outcome_set.indicator_added",
              details: { code: o.code },
              edit: (c) => putIndicator(c, o.code, null, indicator),
            },
            now,
          )
        ).ok,
      ).toBe(true);
    }
    expect(await proposeOutcomeSet(db, { ...as(claire), version: 1 }, now)).toEqual({ ok: false, reason: "no-signatories" });
    const orgs = await listCommissioningOrganisations(db, scope.partnershipId);
    const named = orgs.filter((o) => o.name === "Nottinghamshire County Council" || o.name === "Rushcliffe Clinical Commissioning Group").map((o) => o.id);
    expect(named).toHaveLength(2);
    await replaceSignatories(db, consultation.id, named, claire.userId);
    expect(await proposeOutcomeSet(db, { ...as(claire), version: 1 }, now)).toEqual({ ok: true });
    // Proposed content is frozen in the database too.
    await expect(raw.run("update outcome_sets set content = '{}' where consultation_id = ?", consultation.id)).rejects.toThrow(
      /proposed outcome set cannot be edited/,
    );
    await expect(raw.run("update outcome_sets set status = 'agreed' where consultation_id = ?", consultation.id)).rejects.toThrow(
      /every required organisation has signed/,
    );
    expect(await signOutcomeSet(db, { ...as(claire), version: 1 }, now)).toEqual({ ok: true, value: { agreed: false } });
    expect(await signOutcomeSet(db, { ...as(claire), version: 1 }, now)).toEqual({ ok: false, reason: "already-signed" });
    expect(await signOutcomeSet(db, { ...as(david), version: 1 }, now)).toEqual({ ok: true, value: { agreed: true } });
    const agreed = (await findLatestAgreedOutcomeSet(db, consultation.id))!;
    expect(agreed.version).toBe(1);
    expect(agreed.signatures.map((s) => [s.organisation, s.signer])).toEqual([
      ["Nottinghamshire County Council", "Claire Boateng"],
      ["Rushcliffe Clinical Commissioning Group", "David Ellis"],
    ]);
    expect(agreed.outcomes.reduce((a, o) => a + Math.round(o.finalWeight * 100), 0)).toBe(10000);

    // The database refuses every change to the agreed version and its signatures.
    const id = (await raw.get<{ id: number }>("select id from outcome_sets where consultation_id = ? and version = 1", consultation.id))!.id;
    await expect(raw.run("update outcome_sets set content = '{}' where id = ?", id)).rejects.toThrow(/immutable/);
    await expect(raw.run("update outcome_sets set status = 'draft' where id = ?", id)).rejects.toThrow(/immutable/);
    await expect(raw.run("delete from outcome_sets where id = ?", id)).rejects.toThrow(/immutable/);
    await expect(raw.run("update outcome_set_signatures set signer_name = 'Someone else' where set_id = ?", id)).rejects.toThrow(/immutable/);
    await expect(raw.run("delete from outcome_set_signatures where set_id = ?", id)).rejects.toThrow(/immutable/);
    await expect(raw.run("insert into outcome_set_signatures (set_id, organisation_id, organisation_name) values (?, 999, 'x')", id)).rejects.toThrow(
      /proposed/,
    );
    await expect(
      raw.run("insert into outcome_sets (consultation_id, version, status, content) values (?, 99, 'agreed', '{}')", consultation.id),
    ).rejects.toThrow(/sign-off/);
    // The service refuses to edit it as well, and a change makes version 2.
    expect(await editDraft(db, { ...as(claire), version: 1, action: "x", details: {}, edit: (c) => ({ ok: true, content: c }) }, now)).toEqual({
      ok: false,
      reason: "conflict",
    });
    expect(await startNewVersion(db, { ...as(claire), reason: "Add a measure for carers" }, now)).toEqual({ ok: true, value: { version: 2 } });
    expect(await startNewVersion(db, { ...as(claire), reason: "again" }, now)).toEqual({ ok: false, reason: "conflict" });
    expect((await findOutcomeSet(db, consultation.id))!.status).toBe("draft");
    expect((await findLatestAgreedOutcomeSet(db, consultation.id))!.version).toBe(1);
  });
});
