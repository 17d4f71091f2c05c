/** What changed between two versions of an outcome set, outcome by outcome. Pure. */
import { ordered, type Indicator, type OutcomeSetContent } from "./content";

export interface Change {
  /** Outcome code, or null for a change to the set as a whole. */
  code: string | null;
  field:
    | "included"
    | "statement"
    | "position"
    | "finalWeight"
    | "indicatorAdded"
    | "indicatorRemoved"
    | "indicatorChanged"
    | "incentivePot"
    | "weightMargin"
    | "outcomeAdded"
    | "outcomeRemoved";
  before: string;
  after: string;
  /** The reason recorded in the later version, where there is one. */
  reason: string;
}

const fmtWeight = (w: number | null) => (w === null ? "" : w.toFixed(2));
const fmtPot = (p: number | null) => (p === null ? "" : (p / 100).toFixed(2));
const indicatorText = (i: Indicator) =>
  `${i.name}: ${i.baselineValue} (${i.baselineDate}) → ${i.targetValue} (${i.targetDate}), ${i.frequency}, ${i.dataSource}`;

export function diffContents(a: OutcomeSetContent, b: OutcomeSetContent): Change[] {
  const changes: Change[] = [];
  if (a.incentivePotPence !== b.incentivePotPence)
    changes.push({ code: null, field: "incentivePot", before: fmtPot(a.incentivePotPence), after: fmtPot(b.incentivePotPence), reason: "" });
  if (a.weightMargin !== b.weightMargin)
    changes.push({ code: null, field: "weightMargin", before: String(a.weightMargin), after: String(b.weightMargin), reason: "" });
  const before = new Map(a.outcomes.map((o) => [o.code, o]));
  const after = new Map(b.outcomes.map((o) => [o.code, o]));
  const orderA = new Map(ordered(a.outcomes).map((o, k) => [o.code, k + 1]));
  const orderB = new Map(ordered(b.outcomes).map((o, k) => [o.code, k + 1]));
  for (const o of ordered(b.outcomes)) {
    const p = before.get(o.code);
    if (!p) {
      changes.push({ code: o.code, field: "outcomeAdded", before: "", after: o.statement, reason: "" });
      continue;
    }
    if (p.included !== o.included)
      changes.push({ code: o.code, field: "included", before: String(p.included), after: String(o.included), reason: o.inclusionReason });
    if (p.statement !== o.statement) changes.push({ code: o.code, field: "statement", before: p.statement, after: o.statement, reason: "" });
    if (orderA.get(o.code) !== orderB.get(o.code) && p.position !== o.position) {
      changes.push({ code: o.code, field: "position", before: String(p.position + 1), after: String(o.position + 1), reason: "" });
    }
    if (p.finalWeight !== o.finalWeight)
      changes.push({ code: o.code, field: "finalWeight", before: fmtWeight(p.finalWeight), after: fmtWeight(o.finalWeight), reason: o.weightReason });
    const n = Math.max(p.indicators.length, o.indicators.length);
    for (let k = 0; k < n; k++) {
      const x = p.indicators[k];
      const y = o.indicators[k];
      if (x && !y) changes.push({ code: o.code, field: "indicatorRemoved", before: indicatorText(x), after: "", reason: "" });
      else if (!x && y) changes.push({ code: o.code, field: "indicatorAdded", before: "", after: indicatorText(y), reason: "" });
      else if (x && y && JSON.stringify(x) !== JSON.stringify(y))
        changes.push({ code: o.code, field: "indicatorChanged", before: indicatorText(x), after: indicatorText(y), reason: "" });
    }
  }
  for (const o of a.outcomes) if (!after.has(o.code)) changes.push({ code: o.code, field: "outcomeRemoved", before: o.statement, after: "", reason: "" });
  return changes;
}
