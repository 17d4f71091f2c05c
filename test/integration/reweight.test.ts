// Including an outcome that has no weight offers to share the weights out again by
// priority (exactly 100.00, largest remainder), or to set them by hand; over HTTP, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largestRemainder } from "../../app/domain/aggregation";
import { DEMO, signedInClient } from "../helpers/client";
import { addOtherPartnershipCommissioner, COMET, currentSet, OTHER_COMMISSIONER } from "../helpers/framework";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await addOtherPartnershipCommissioner(server.dbPath);
});
afterAll(async () => {
  await server?.stop();
});

const F = "/consultations/joined-up-care/framework";

const signedIn = (account: { email: string; password: string }) => signedInClient(server.url, account);

type Entry = { code: string; included: boolean; finalWeight: number | null; weightReason: string; evidence: { consensus: string; priority: number | null } };
const entries = async () => (await currentSet(server.dbPath)).content.outcomes as unknown as Entry[];

describe("sharing the weights out again by priority", () => {
  it("offers the choice after an outcome without a weight is included, and shares the weights to exactly 100.00", async () => {
    expect((await (await signedIn(DEMO.officer)).post("/consultations/joined-up-care/results", COMET)).status).toBe(302);
    const claire = await signedIn(DEMO.commissioner);
    expect((await claire.post(F, { intent: "start" })).status).toBe(302);
    const before = await entries();
    const added = before.find((o) => !o.included && o.evidence.priority !== null && o.evidence.priority > 0)!;
    expect(added, "the demo has an outcome without consensus in").toBeTruthy();

    // Setting a hand weight with a reason, to see it replaced later.
    const inCodes = before.filter((o) => o.included).map((o) => o.code);
    const even = (100 / inCodes.length).toFixed(2);
    const hand = Object.fromEntries(inCodes.map((c, k) => [`weight-${c}`, k === 0 ? (100 - Number(even) * (inCodes.length - 1)).toFixed(2) : even]));
    const reasons = Object.fromEntries(inCodes.map((c) => [`reason-${c}`, "Equal shares"]));
    expect((await claire.post(`${F}/weights`, { ...hand, ...reasons, pot: "100000", margin: "5" })).status).toBe(302);

    // Including it leads to the choice.
    const include = await claire.post(`${F}/outcomes/${added.code}`, {
      intent: "inclusion",
      included: "yes",
      inclusionReason: added.evidence.consensus === "out" ? "Statutory duty" : "",
    });
    expect(include.status).toBe(302);
    expect(include.headers.get("location")).toBe(`${F}/reweight`);
    const page = await claire.get(`${F}/reweight`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`No weight yet: ${added.code}.`);
    expect(html).toContain("How do you want to set the weights?");
    expect(html).toContain(`data-testid="now-${added.code}">No weight<`);
    // The weights page says so too and links to the choice.
    const weightsHtml = await (await claire.get(`${F}/weights`)).text();
    expect(weightsHtml).toContain(`No weight yet: ${added.code}.`);
    expect(weightsHtml).toContain(`href="${F}/reweight"`);

    // No choice: a clear error, nothing changed.
    const none = await claire.post(`${F}/reweight`, {});
    expect(none.status).toBe(400);
    const noneHtml = await none.text();
    expect(noneHtml).toContain("Select how you want to set the weights");
    expect(noneHtml).toContain("<title>Error: ");
    expect((await claire.post(`${F}/reweight`, { choice: "evenly" })).status).toBe(400);
    // By hand: back to the weights page, nothing changed.
    const byHand = await claire.post(`${F}/reweight`, { choice: "hand" });
    expect(byHand.headers.get("location")).toBe(`${F}/weights`);
    expect((await entries()).find((o) => o.code === added.code)!.finalWeight).toBeNull();

    // By priority: every included outcome weighted, exactly 100.00, by largest remainder over priority.
    const shared = await claire.post(`${F}/reweight`, { choice: "priority" });
    expect(shared.status).toBe(302);
    expect(shared.headers.get("location")).toBe(`${F}/weights?notice=shared`);
    const after = (await entries()).filter((o) => o.included);
    expect(after.map((o) => o.code).sort()).toEqual([...inCodes, added.code].sort());
    const expected = largestRemainder(after.map((o) => o.evidence.priority ?? 0));
    expect(after.map((o) => o.finalWeight)).toEqual(expected);
    expect(after.reduce((a, o) => a + Math.round(o.finalWeight! * 100), 0)).toBe(10000);
    expect(after.every((o) => o.weightReason === "")).toBe(true);
    expect(await (await claire.get(`${F}/weights?notice=shared`)).text()).toContain("Weights shared out by priority. They add up to exactly 100%.");
    const set = (await currentSet(server.dbPath)) as unknown as { content: { incentivePotPence: number | null } };
    expect(set.content.incentivePotPence).toBe(100_000_00);

    const db = openTestDb(server.dbPath);
    const audit = await db.all<{ details: string }>("select details from audit_log where action = 'outcome_set.weights_shared_by_priority'");
    await db.close();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details).weights[added.code]).toBe(after.find((o) => o.code === added.code)!.finalWeight);

    // Only this partnership's commissioners.
    for (const other of [await signedIn(OTHER_COMMISSIONER), await signedIn(DEMO.officer)]) {
      expect((await other.get(`${F}/reweight`)).status).toBe(403);
      expect((await other.post(`${F}/reweight`, { choice: "priority" })).status).toBe(403);
    }
  });
});
