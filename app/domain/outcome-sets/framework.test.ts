import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INDICATOR_ENTRY } from "../../../test/helpers/indicator";
import { aggregate, type ResponseRow } from "../aggregation";
import { parseCsv } from "../csv";
import {
  amountsPence,
  assertCanStartVersion,
  assertEditable,
  canPropose,
  citizenWeights,
  csvChunks,
  diffContents,
  exportDocument,
  indicatorInput,
  initialContent,
  jsonChunks,
  move,
  OutcomeSetError,
  ordered,
  proposalProblems,
  putIndicator,
  removeIndicator,
  reword,
  setInclusion,
  setWeights,
  sign,
  toIndigo,
  type ExportContext,
  type OutcomeSetContent,
} from "./index";

// Five outcomes in two domains: A and B reach consensus in, C none, D out, E in.
function rows(): ResponseRow[] {
  const out: ResponseRow[] = [];
  for (let r = 0; r < 20; r++) {
    out.push({
      respondentId: `p${r}`,
      round: 1,
      group: "citizen",
      profile: {},
      ratings: { A: 9, B: r < 16 ? 8 : 5, C: r < 10 ? 8 : 4, D: r < 18 ? 2 : 5, E: r < 15 ? 7 : 6 },
    });
  }
  return out;
}

const catalogue = [
  { id: 1, code: "A", statement: "I only have to tell my story once", domainCode: "d1", domainName: "Joined-up care", domainPosition: 0 },
  { id: 2, code: "B", statement: "My care is well co-ordinated", domainCode: "d1", domainName: "Joined-up care", domainPosition: 0 },
  { id: 3, code: "C", statement: "I know who to call", domainCode: "d1", domainName: "Joined-up care", domainPosition: 0 },
  { id: 4, code: "D", statement: "I get a leaflet", domainCode: "d2", domainName: "Independence", domainPosition: 1 },
  { id: 5, code: "E", statement: "I am supported to live at home", domainCode: "d2", domainName: "Independence", domainPosition: 1 },
];

function start(): OutcomeSetContent {
  const result = aggregate(rows());
  return initialContent(
    result,
    {
      roundId: 1,
      roundNumber: 1,
      resultVersion: 1,
      responseCount: 20,
      computedAt: "2026-11-25T09:00:00.000Z",
      method: { ...result.method, parameters: { ...result.method.parameters } },
      weighting: null,
      marginsName: null,
    },
    catalogue,
  );
}

const indicator = INDICATOR_ENTRY;

function ok<T extends { ok: boolean }>(edit: T): Extract<T, { ok: true }> {
  if (!edit.ok) throw new Error(`edit failed: ${JSON.stringify(edit)}`);
  return edit as Extract<T, { ok: true }>;
}

function ready(): OutcomeSetContent {
  let c = start();
  for (const o of c.outcomes.filter((x) => x.included)) c = ok(putIndicator(c, o.code, null, indicator)).content;
  return c;
}

describe("starting from an aggregated result", () => {
  it("includes consensus-in outcomes, keeps evidence, orders by priority within domains, weights = citizen-derived", () => {
    const c = start();
    expect(c.outcomes.map((o) => [o.code, o.evidence.consensus, o.included])).toEqual([
      ["A", "in", true],
      ["B", "in", true],
      ["E", "in", true],
      ["C", "none", false],
      ["D", "out", false],
    ]);
    expect(ordered(c.outcomes).map((o) => o.code)).toEqual(["A", "B", "C", "E", "D"]);
    const total = c.outcomes.reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0);
    expect(total).toBe(10000);
    expect(c.outcomes.find((o) => o.code === "A")!.evidence.percentCritical).toBe(100);
    expect(c.outcomes.find((o) => o.code === "A")!.evidence.ci95).not.toBeNull();
    expect(c.weightMargin).toBe(5);
    expect([...citizenWeights(c).values()].reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });
});

describe("including and excluding", () => {
  it("needs a reason to exclude a consensus-in outcome or include a consensus-out one, not otherwise", () => {
    const c = start();
    expect(setInclusion(c, "A", false, " ")).toEqual({ ok: false, errors: { inclusionReason: "reasonToExclude" } });
    expect(setInclusion(c, "D", true, "")).toEqual({ ok: false, errors: { inclusionReason: "reasonToInclude" } });
    const included = ok(setInclusion(c, "C", true, "")).content;
    expect(included.outcomes.find((o) => o.code === "C")!.included).toBe(true);
    const excluded = ok(setInclusion(c, "A", false, "Already paid for under the home care contract")).content;
    const a = excluded.outcomes.find((o) => o.code === "A")!;
    expect([a.included, a.finalWeight, a.inclusionReason]).toEqual([false, null, "Already paid for under the home care contract"]);
    // Putting it back is no departure: the reason is cleared.
    expect(ok(setInclusion(excluded, "A", true, "")).content.outcomes.find((o) => o.code === "A")!.inclusionReason).toBe("");
    expect(setInclusion(c, "Z", true, "x").ok).toBe(false);
  });

  it("recomputes citizen-derived weights over the included outcomes", () => {
    const c = ok(setInclusion(start(), "C", true, "")).content;
    const w = citizenWeights(c);
    expect([...w.keys()].sort()).toEqual(["A", "B", "C", "E"]);
    expect([...w.values()].reduce((a, b) => a + Math.round(b * 100), 0)).toBe(10000);
  });
});

describe("rewording and ordering", () => {
  it("keeps the citizens' wording alongside", () => {
    const c = ok(reword(start(), "A", "  People tell their story once  ")).content;
    const a = c.outcomes.find((o) => o.code === "A")!;
    expect([a.statement, a.citizenStatement]).toEqual(["People tell their story once", "I only have to tell my story once"]);
    expect(reword(start(), "A", "   ").ok).toBe(false);
    expect(reword(start(), "A", "x".repeat(501)).ok).toBe(false);
  });

  it("moves within a domain only, and not past either end", () => {
    let c = start();
    c = ok(move(c, "C", "up")).content;
    expect(ordered(c.outcomes).map((o) => o.code)).toEqual(["A", "C", "B", "E", "D"]);
    c = ok(move(c, "A", "up")).content;
    expect(ordered(c.outcomes).map((o) => o.code)).toEqual(["A", "C", "B", "E", "D"]);
    c = ok(move(c, "D", "down")).content;
    expect(ordered(c.outcomes).map((o) => o.code)).toEqual(["A", "C", "B", "E", "D"]);
    c = ok(move(c, "E", "down")).content;
    expect(ordered(c.outcomes).map((o) => o.code)).toEqual(["A", "C", "B", "D", "E"]);
  });
});

describe("indicators", () => {
  const form = { ...Object.fromEntries(Object.entries(indicator).map(([k, v]) => [k, String(v)])) };
  it("validates every field with clear error keys", () => {
    expect(indicatorInput.safeParse(form).success).toBe(true);
    const bad = indicatorInput.safeParse({ ...form, name: " ", baselineValue: "lots", targetDate: "2026-02-30", frequency: "weekly" });
    expect(bad.success).toBe(false);
    const keys = bad.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "name:indicator.name",
        "baselineValue:indicator.baselineValue",
        "targetDate:indicator.targetDate",
        "frequency:indicator.frequency",
      ]),
    );
    const before = indicatorInput.safeParse({ ...form, targetDate: "2025-01-01" });
    expect(before.error!.issues.map((i) => i.message)).toEqual(["indicator.targetAfterBaseline"]);
    expect(indicatorInput.safeParse({ ...form, definition: "a\u0000b" }).success).toBe(false);
  });

  it("adds, replaces and removes indicators on included outcomes only", () => {
    let c = start();
    expect(putIndicator(c, "D", null, indicator)).toEqual({ ok: false, errors: { name: "indicatorOnExcluded" } });
    c = ok(putIndicator(c, "A", null, indicator)).content;
    c = ok(putIndicator(c, "A", 0, { ...indicator, targetValue: 95 })).content;
    expect(c.outcomes.find((o) => o.code === "A")!.indicators.map((i) => i.targetValue)).toEqual([95]);
    expect(putIndicator(c, "A", 3, indicator).ok).toBe(false);
    c = ok(removeIndicator(c, "A", 0)).content;
    expect(c.outcomes.find((o) => o.code === "A")!.indicators).toEqual([]);
  });
});

describe("final weights", () => {
  it("must total exactly 100, with a reason beyond the margin", () => {
    const c = start();
    const citizen = citizenWeights(c);
    const weights = Object.fromEntries(citizen);
    expect(setWeights(c, { weights: { ...weights, A: weights.A + 0.01 }, reasons: {}, incentivePotPence: null, weightMargin: 5 })).toEqual({
      ok: false,
      errors: { total: "weightTotal" },
    });
    const shifted = { ...weights, A: weights.A + 6, B: weights.B - 6 };
    const r = setWeights(c, { weights: shifted, reasons: { A: "Provider capacity" }, incentivePotPence: null, weightMargin: 5 });
    expect(r).toEqual({ ok: false, errors: { "reason-B": "weightReason" } });
    // Exactly at the margin needs no reason.
    expect(setWeights(c, { weights: { ...weights, A: weights.A + 5, B: weights.B - 5 }, reasons: {}, incentivePotPence: null, weightMargin: 5 }).ok).toBe(true);
    // A wider margin means no reasons needed.
    expect(setWeights(c, { weights: shifted, reasons: {}, incentivePotPence: null, weightMargin: 10 }).ok).toBe(true);
    expect(setWeights(c, { weights: { ...weights, A: 1.005 }, reasons: {}, incentivePotPence: null, weightMargin: 5 }).ok).toBe(false);
    expect(setWeights(c, { weights: { B: 50, E: 50 }, reasons: {}, incentivePotPence: null, weightMargin: 50 })).toEqual({
      ok: false,
      errors: { "weight-A": "weight" },
    });
  });

  it("splits the incentive pot to the penny", () => {
    const c = ok(
      setWeights(start(), {
        weights: { A: 33.33, B: 33.33, E: 33.34 },
        reasons: { A: "Equal shares agreed", B: "Equal shares agreed", E: "Equal shares agreed" },
        incentivePotPence: 100_000_01,
        weightMargin: 5,
      }),
    ).content;
    const amounts = amountsPence(c);
    expect([...amounts.values()].reduce((a, b) => a + b, 0)).toBe(100_000_01);
    expect(amounts.get("E")).toBeGreaterThan(amounts.get("A")!);
  });
});

describe("proposal and agreement", () => {
  it("lists what stops a proposal", () => {
    const c = start();
    expect(proposalProblems(c).map((p) => `${p.key}:${p.code}`)).toEqual(["noIndicators:A", "noIndicators:B", "noIndicators:E"]);
    const excludedNoReason = { ...ready(), outcomes: ready().outcomes.map((o) => (o.code === "A" ? { ...o, included: false, finalWeight: null } : o)) };
    expect(proposalProblems(excludedNoReason).map((p) => p.key)).toEqual(expect.arrayContaining(["departureReason", "weightTotal"]));
    expect(proposalProblems(ready())).toEqual([]);
    const none = { ...c, outcomes: c.outcomes.map((o) => ({ ...o, included: false })) };
    expect(proposalProblems(none)).toEqual([{ key: "noneIncluded" }]);
    expect(canPropose("draft", ready(), 0)).toEqual({ ok: false, reason: "no-signatories" });
    expect(canPropose("draft", c, 2)).toEqual({ ok: false, reason: "not-ready" });
    expect(canPropose("proposed", ready(), 2)).toEqual({ ok: false, reason: "not-draft" });
    expect(canPropose("draft", ready(), 2)).toEqual({ ok: true });
  });

  it("agrees only when every named organisation has signed, each for itself, once", () => {
    const sigs = [
      { organisationId: 1, signedAt: null },
      { organisationId: 2, signedAt: null },
    ];
    expect(() => sign("draft", sigs, 1)).toThrow(new OutcomeSetError("not-proposed"));
    expect(() => sign("proposed", sigs, 3)).toThrow(new OutcomeSetError("not-signatory"));
    expect(() => sign("proposed", sigs, null)).toThrow(new OutcomeSetError("not-signatory"));
    expect(sign("proposed", sigs, 1)).toEqual({ agreed: false });
    const one = [{ organisationId: 1, signedAt: new Date() }, sigs[1]];
    expect(() => sign("proposed", one, 1)).toThrow(new OutcomeSetError("already-signed"));
    expect(sign("proposed", one, 2)).toEqual({ agreed: true });
    expect(() => sign("agreed", one, 2)).toThrow(new OutcomeSetError("immutable"));
  });

  it("never edits an agreed or proposed version, and starts a new one only from agreed versions", () => {
    expect(() => assertEditable("agreed")).toThrow(new OutcomeSetError("immutable"));
    expect(() => assertEditable("proposed")).toThrow(new OutcomeSetError("not-draft"));
    expect(() => assertEditable("draft")).not.toThrow();
    expect(() => assertCanStartVersion([{ status: "agreed" }, { status: "draft" }])).toThrow(new OutcomeSetError("working-version-exists"));
    expect(() => assertCanStartVersion([{ status: "agreed" }])).not.toThrow();
  });
});

describe("comparing versions", () => {
  it("reports what changed, with the reasons recorded", () => {
    const a = ready();
    let b = ok(setInclusion(a, "E", false, "Measured by another contract")).content;
    b = ok(reword(b, "A", "People tell their story once")).content;
    b = ok(
      setWeights(b, { weights: { A: 60, B: 40 }, reasons: { A: "Commissioners' priority", B: "Balance" }, incentivePotPence: 50_000_00, weightMargin: 5 }),
    ).content;
    b = ok(putIndicator(b, "B", null, { ...indicator, name: "Care plan shared" })).content;
    const changes = diffContents(a, b);
    const fields = changes.map((c) => `${c.code ?? "set"}:${c.field}`);
    expect(fields).toEqual(expect.arrayContaining(["set:incentivePot", "A:statement", "A:finalWeight", "B:indicatorAdded", "E:included", "E:finalWeight"]));
    expect(changes.find((c) => c.code === "E" && c.field === "included")!.reason).toBe("Measured by another contract");
    expect(changes.find((c) => c.code === "A" && c.field === "finalWeight")!.reason).toBe("Commissioners' priority");
    expect(diffContents(a, a)).toEqual([]);
  });
});

describe("exports", () => {
  const context: ExportContext = {
    consultation: { slug: "joined-up-care", title: "What matters to you?" },
    partnership: "South Nottinghamshire Transformation Partnership",
    version: 1,
    status: "draft",
    createdAt: "2026-11-25T09:00:00.000Z",
    createdBy: "Claire Boateng",
    changeReason: "",
    proposedAt: null,
    agreedAt: null,
    signatures: [],
    rounds: [1],
    generatedAt: "2026-11-25T10:00:00.000Z",
  };
  const hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", 'Quote "and, comma\nnewline'];

  it("JSON chunks join to the same document; drafts are watermarked, agreed ones not", () => {
    const c = ok(
      setWeights(ready(), { ...{ weights: Object.fromEntries(citizenWeights(ready())) }, reasons: {}, incentivePotPence: 1_000_000, weightMargin: 5 }),
    ).content;
    const doc = exportDocument(c, context);
    expect(JSON.parse([...jsonChunks(doc)].join(""))).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(doc.watermark).toMatch(/DRAFT/);
    expect(exportDocument(c, { ...context, status: "agreed" }).watermark).toBeNull();
    expect(doc.outcomes.filter((o) => o.amount !== null).reduce((a, o) => a + Math.round(o.amount! * 100), 0)).toBe(1_000_000);
  });

  it("CSV has a BOM, RFC 4180 quoting, and neutralises formulas in hostile wording", () => {
    let c = ready();
    hostile.forEach((h, k) => {
      c = ok(reword(c, ["A", "B", "E"][k % 3], h)).content;
    });
    c = ok(reword(c, "A", hostile[0])).content;
    c = ok(putIndicator(c, "B", null, { ...indicator, name: "@cmd", dataSource: "-10", definition: hostile[6] })).content;
    const text = [...csvChunks(exportDocument(c, context))].join("");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toMatch(/\r\n$/);
    const table = parseCsv(text);
    for (const row of table.rows) {
      // Plain numbers (e.g. a data source of "-10") stay numbers; everything else starting a formula is guarded.
      for (const field of row.fields) if (!/^-?\d+(\.\d+)?$/.test(field)) expect(field, field).not.toMatch(/^[=+\-@\t\r]/);
      expect(row.values.watermark).toMatch(/DRAFT/);
    }
    const a = table.rows.find((r) => r.values.code === "A")!;
    expect(a.values.statement).toBe(`'${hostile[0]}`);
    const b = table.rows.filter((r) => r.values.code === "B");
    expect(b.map((r) => r.values.indicator_name)).toEqual(["Told their story once", "'@cmd"]);
    expect(b[1].values.definition).toBe(hostile[6]);
    expect(table.rows.filter((r) => r.values.code === "D")).toHaveLength(1);
  });

  it("maps to INDIGO outcome_metrics with the pot as the estimated maximum payment and each share in the notes", () => {
    const base = ready();
    const c = ok(setWeights(base, { weights: Object.fromEntries(citizenWeights(base)), reasons: {}, incentivePotPence: 250_000_00, weightMargin: 5 })).content;
    const doc = exportDocument(c, { ...context, status: "agreed" });
    const indigo = toIndigo(doc);
    const included = doc.outcomes.filter((o) => o.included);
    expect(indigo.outcome_metrics!.map((m) => m.id)).toEqual(included.map((o) => o.code));
    expect(indigo.overall_project_finance).toEqual({ maximum_potential_outcome_payment_v2: { currency: { value: "GBP" }, amount: { value: 250000 } } });
    const shares = indigo.outcome_metrics!.map((m) => Math.round(Number(/GBP (\d+\.\d{2})\./.exec(m.notes)![1]) * 100));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(250_000_00);
    expect(indigo.outcome_metrics![0].outcome_validation_method.value).toBe("Pre-Post analysis");
    expect(indigo.outcome_metrics![0].notes).toContain("ASCOF 3D");
  });
});

describe("purity", () => {
  it("imports only zod, the engine and ../csv", () => {
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const text = readFileSync(path.join(__dirname, file), "utf8");
      const imports = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+$|^\.\.\/csv$|^\.\.\/aggregation$|^zod$/);
      expect(text).not.toMatch(/\brequire\(|process\.|Date\.now|new Date\(\)|Math\.random/);
    }
  });
});
