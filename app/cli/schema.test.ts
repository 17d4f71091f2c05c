// The published JSON Schema (docs/schemas/aggregate-output.schema.json) against real CLI output,
// without a JSON Schema library: a zod mirror of the schema validates the output, and the mirror
// is checked against the schema file itself (same properties, same required fields, same enums),
// so the two cannot drift apart silently.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { run } from "./main";

const FIX = "test/fixtures/reference";
const schema = JSON.parse(readFileSync(path.resolve("docs/schemas/aggregate-output.schema.json"), "utf8"));

const percent = z.number().min(0).max(100).nullable();
const consensus = z.enum(["in", "out", "none"]);
const statsShape = {
  n: z.number().int().min(0),
  nUnable: z.number().int().min(0),
  distribution: z.array(z.number().int().min(0)).length(9),
  median: z.number().nullable(),
  p25: z.number().nullable(),
  p75: z.number().nullable(),
  percentCritical: percent,
  percentLimited: percent,
  weightedPercentCritical: percent,
  weightedPercentLimited: percent,
  weightedMean: z.number().min(1).max(9).nullable(),
  ci95: z.strictObject({ lower: percent, upper: percent }).nullable(),
  consensus,
};
const stats = z.strictObject(statsShape);
const framework = z.strictObject({ rank: z.number().int().min(1), priority: percent, included: z.boolean(), proposedWeight: z.number().min(0).max(100) });
const itemShape = { code: z.string(), round: z.number().int().min(1), byGroup: z.record(z.string(), stats), framework };
const parameters = z.strictObject({
  rule: z.enum(["comet", "median-iqr", "rand-ucla"]),
  thresholdIn: z.number(),
  thresholdOut: z.number(),
  bound: z.enum(["strict", "inclusive"]),
  groups: z.enum(["overall", "every-group", "any-group"]),
  groupWeighting: z.enum(["equal", "pooled"]),
  weighted: z.boolean(),
  medianIn: z.number().optional(),
  iqrMax: z.number().optional(),
  raking: z.record(z.string(), z.unknown()).optional(),
});
const method = z.strictObject({ name: z.string(), version: z.string(), parameters });
const weighting = z.strictObject({
  deff: z.number().min(1),
  nEff: z.number().min(0),
  iterations: z.number().int().min(0),
  converged: z.boolean(),
  byRound: z.record(z.string(), z.unknown()).optional(),
});
const historyShape = { round: z.number().int().min(1), n: z.number().int().min(0), percentCritical: percent, consensus };
const studyEntryShape = {
  code: z.string(),
  round: z.number().int().min(1),
  consensus,
  priority: percent,
  included: z.boolean(),
  proposedWeight: z.number().min(0).max(100),
  rank: z.number().int().min(1),
  n: z.number().int().min(0),
  percentCritical: percent,
  ci95: z.strictObject({ lower: percent, upper: percent }).nullable(),
  median: z.number().nullable(),
  history: z.array(z.strictObject(historyShape)).min(1),
};
const output = z.strictObject({
  method,
  weighting: weighting.optional(),
  items: z.array(z.strictObject({ ...statsShape, ...itemShape })),
  framework: z.array(z.strictObject(studyEntryShape)),
});

/** Keys a zod object requires (those that do not accept undefined). */
const requiredOf = (shape: Record<string, z.ZodType>) =>
  Object.entries(shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k)
    .sort();
const sorted = (xs: string[]) => [...xs].sort();

describe("zod mirror matches the schema file", () => {
  const d = schema.definitions;
  const item = schema.properties.items.items.allOf[1];
  const pairs: Array<[string, { required: string[]; properties: Record<string, unknown> }, Record<string, z.ZodType>]> = [
    ["root", schema, output.shape],
    ["stats", d.stats, statsShape],
    ["item", item, itemShape],
    ["framework", item.properties.framework, framework.shape],
    ["method", schema.properties.method, method.shape],
    ["parameters", schema.properties.method.properties.parameters, parameters.shape],
    ["weighting", schema.properties.weighting, weighting.shape],
    ["study framework entry", schema.properties.framework.items, studyEntryShape],
    ["study history entry", schema.properties.framework.items.properties.history.items, historyShape],
  ];
  it.each(pairs)("%s: same properties and required fields", (_name, fromSchema, shape) => {
    expect(sorted(Object.keys(shape))).toEqual(sorted(Object.keys(fromSchema.properties)));
    expect(requiredOf(shape)).toEqual(sorted(fromSchema.required));
  });
  it("same enums", () => {
    const p = schema.properties.method.properties.parameters.properties;
    expect(parameters.shape.rule.options).toEqual(p.rule.enum);
    expect(parameters.shape.bound.options).toEqual(p.bound.enum);
    expect(parameters.shape.groups.options).toEqual(p.groups.enum);
    expect(parameters.shape.groupWeighting.options).toEqual(p.groupWeighting.enum);
    expect(consensus.options).toEqual(schema.definitions.consensus.enum);
  });
});

function cli(args: string[], extra: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = run(args, { readFile: (p) => extra[p] ?? readFileSync(p, "utf8"), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("real aggregate output conforms", () => {
  it.each([
    ["panel A, weighted, pooled", ["--margins", `${FIX}/margins.csv`, "--group-weighting", "pooled"]],
    ["panel A, weighted, equal groups, every-group", ["--margins", `${FIX}/margins.csv`, "--groups", "every-group"]],
    ["panel A, unweighted, RAND/UCLA", ["--rule", "rand-ucla"]],
  ])("%s", (_name, extra) => {
    const r = cli(["aggregate", "--responses", `${FIX}/panel_a.csv`, ...extra]);
    expect(r.code).toBe(0);
    const parsed = output.safeParse(JSON.parse(r.stdout));
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(parsed.data!.items).toHaveLength(5);
  });

  it("two rounds with unable-to-score and blanks (nulls where nobody scored)", () => {
    const csv = "respondent_id,round,group,O1,O2\nA,1,carer,8,U\nB,1,citizen,9,\nA,2,carer,7,3\n";
    const r = cli(["aggregate", "--responses", "r.csv"], { "r.csv": csv });
    const parsed = output.safeParse(JSON.parse(r.stdout));
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    const o2 = parsed.data!.items.find((i) => i.code === "O2" && i.round === 1)!;
    expect([o2.n, o2.nUnable, o2.percentCritical, o2.ci95]).toEqual([1, 1, null, null]);
  });

  it("two rounds: the top-level framework keeps round-1 consensus beside round-2 figures, weights 100.00", () => {
    // H1 decided in round 1 (5 of 5 critical) and not asked again; C1 3/5 → 4/4 critical.
    const csv = ["respondent_id,round,H1,C1", "A,1,9,8", "B,1,8,8", "C,1,9,8", "D,1,7,5", "E,1,8,5", "A,2,,8", "B,2,,9", "C,2,,7", "D,2,,8"].join("\n");
    const out = JSON.parse(cli(["aggregate", "--responses", "r.csv"], { "r.csv": csv }).stdout);
    expect(output.safeParse(out).success).toBe(true);
    const items = out.items as Array<{ code: string; round: number; n: number; framework: { included: boolean } }>;
    expect(items.find((i) => i.code === "H1" && i.round === 2)!.n).toBe(0); // per-round items unchanged
    expect(items.find((i) => i.code === "H1" && i.round === 2)!.framework.included).toBe(false);
    const f = Object.fromEntries((out.framework as Array<{ code: string; proposedWeight: number; history: unknown[] }>).map((e) => [e.code, e]));
    expect(f.H1).toMatchObject({
      round: 1,
      consensus: "in",
      included: true,
      priority: 100,
      n: 5,
      history: [{ round: 1, n: 5, percentCritical: 100, consensus: "in" }],
    });
    expect(f.C1).toMatchObject({ round: 2, consensus: "in", included: true, priority: 100, n: 4 });
    expect(f.C1.history).toEqual([
      { round: 1, n: 5, percentCritical: 60, consensus: "none" },
      { round: 2, n: 4, percentCritical: 100, consensus: "in" },
    ]);
    expect(f.H1.proposedWeight + f.C1.proposedWeight).toBe(100);
    expect([f.H1.proposedWeight, f.C1.proposedWeight]).toEqual([50, 50]);
  });

  it("rejects output that breaks the schema (the mirror is not vacuous)", () => {
    const good = JSON.parse(cli(["aggregate", "--responses", `${FIX}/panel_a.csv`]).stdout);
    const broken = structuredClone(good);
    broken.items[0].percentCritical = 101;
    expect(output.safeParse(broken).success).toBe(false);
    const missing = structuredClone(good);
    delete missing.items[0].framework;
    expect(output.safeParse(missing).success).toBe(false);
    const noRound = structuredClone(good);
    delete noRound.framework[0].round;
    expect(output.safeParse(noRound).success).toBe(false);
  });
});
