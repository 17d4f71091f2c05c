import type { ConsensusStatus } from "./consensus";

/**
 * Shares that sum to exactly `total` after rounding to `decimals` places, by the
 * largest-remainder (Hamilton) method; ties go to the earlier item.
 */
export function largestRemainder(values: number[], total = 100, decimals = 2): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return values.map(() => 0);
  const unit = 10 ** decimals;
  const units = Math.round(total * unit);
  const exact = values.map((v) => (v / sum) * units);
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - floors[i] })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors.map((f) => f / unit);
}

export interface FrameworkInput {
  code: string;
  /** Weighted % scoring 7–9 (0–100); null when nobody scored it. */
  priority: number | null;
  consensus: ConsensusStatus;
}

export interface FrameworkEntry {
  code: string;
  rank: number;
  priority: number | null;
  included: boolean;
  /** Share of the incentive payment proposed from citizens' priorities, %. */
  proposedWeight: number;
}

/**
 * The candidate framework (methods §4): outcomes ordered by priority (weighted
 * % critical), those with consensus "in" included, proposed weights
 * proportional to priority among included outcomes, summing to exactly 100.00.
 */
export function buildFramework(items: FrameworkInput[]): FrameworkEntry[] {
  const ordered = [...items].sort((a, b) => (b.priority ?? -1) - (a.priority ?? -1) || a.code.localeCompare(b.code, "en", { numeric: true }));
  const included = ordered.filter((i) => i.consensus === "in" && (i.priority ?? 0) > 0);
  const weights = largestRemainder(included.map((i) => i.priority!));
  const weightOf = new Map(included.map((i, k) => [i.code, weights[k]]));
  return ordered.map((item, k) => ({
    code: item.code,
    rank: k + 1,
    priority: item.priority,
    included: weightOf.has(item.code),
    proposedWeight: weightOf.get(item.code) ?? 0,
  }));
}
