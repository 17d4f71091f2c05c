// The production server under load, killed with SIGKILL at random moments and restarted:
// every request that got a success answer is stored exactly once, and every draft is intact.
import { describe, expect, it } from "vitest";
import { runFaultScenario } from "../helpers/faults";

const KILLS = 5;

describe("faults", () => {
  it(`keeps every acknowledged answer and submission across ${KILLS} SIGKILLs under load`, { timeout: 240_000 }, async () => {
    const report = await runFaultScenario({ participants: 16, kills: KILLS, seed: Number(process.env.FAULT_SEED ?? 4242) });
    expect(report.problems).toEqual([]);
    expect(report.integrity).toBe("ok");
    expect(report.kills).toBe(KILLS);
    expect(report.acknowledgedSubmissions).toBe(12);
    expect(report.leftAsDrafts).toBe(4);
    expect(report.acknowledgedAnswers).toBeGreaterThan(16 * 13);
  });
});
