/**
 * Disclosure control for everything published about a consultation (methods §6,
 * NHS Digital's small-number rule, 2018), with the rule that produced each
 * figure so that pages and downloads can say which rule applied:
 *
 * - a count of 0 is shown as 0 ("zero");
 * - a count of 1–7 is shown as "fewer than 8" ("small");
 * - any other count is rounded to the nearest 5 ("rounded");
 * - a percentage, mean or median based on fewer than 8 people is withheld ("withheld");
 * - in a table with a published total, when exactly one cell is suppressed it could be
 *   worked out by subtraction, so the smallest other non-zero cell is hidden too
 *   ("secondary"); totals are computed from the unrounded cells, then rounded.
 *
 * Pure: the exact figure is only kept (`exact`) when the caller asks for an
 * officer's preview; published snapshots are built without it.
 */
import { publishCount } from "../aggregation/disclosure";

export const SMALL_NUMBER_LIMIT = 8;

export type CountRule = "zero" | "small" | "rounded" | "secondary";
export type StatisticRule = "shown" | "withheld" | "none";
export type DisclosureRule = "small" | "rounded" | "withheld" | "secondary";

/** A published count: `value` is what may be shown (null when hidden). */
export interface DisclosedCount {
  value: number | null;
  rule: CountRule;
  exact?: number;
}

/** A published percentage (0–100, rounded to a whole number) or mean. */
export interface DisclosedStatistic {
  value: number | null;
  rule: StatisticRule;
  exact?: number | null;
}

export interface DisclosureOptions {
  /** Keep the exact figure beside the published one (officers' preview only). */
  includeExact?: boolean;
}

function checkCount(n: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a non-negative integer, not ${n}`);
}

export function discloseCount(n: number, options: DisclosureOptions = {}): DisclosedCount {
  checkCount(n);
  const shown = publishCount(n);
  const out: DisclosedCount = shown === "*" ? { value: null, rule: "small" } : { value: shown, rule: n === 0 ? "zero" : "rounded" };
  if (options.includeExact) out.exact = n;
  return out;
}

/**
 * A percentage, mean or median based on `basedOn` people: withheld under 8,
 * "none" when nobody answered or there is no value. Percentages are rounded to
 * whole numbers (`decimals`), so they do not give away the exact count.
 */
export function discloseStatistic(value: number | null, basedOn: number, options: DisclosureOptions & { decimals?: number } = {}): DisclosedStatistic {
  checkCount(basedOn);
  const factor = 10 ** (options.decimals ?? 0);
  const out: DisclosedStatistic =
    value === null || !Number.isFinite(value) || basedOn === 0
      ? { value: null, rule: "none" }
      : basedOn < SMALL_NUMBER_LIMIT
        ? { value: null, rule: "withheld" }
        : { value: Math.round(value * factor) / factor, rule: "shown" };
  if (options.includeExact) out.exact = value;
  return out;
}

/**
 * Cells of a table that add up to a published total. Primary suppression of
 * 1–7, then secondary suppression when a single suppressed cell could be
 * recovered from the total and the other cells.
 */
export function discloseTable(cells: readonly number[], options: DisclosureOptions = {}): { cells: DisclosedCount[]; total: DisclosedCount } {
  cells.forEach(checkCount);
  const out = cells.map((c) => discloseCount(c, options));
  const suppressed = out.filter((c) => c.rule === "small").length;
  if (suppressed === 1 && cells.length > 1) {
    let pick = -1;
    cells.forEach((c, i) => {
      if (out[i].rule !== "small" && c > 0 && (pick < 0 || c < cells[pick])) pick = i;
    });
    if (pick >= 0) out[pick] = { value: null, rule: "secondary", ...(options.includeExact ? { exact: cells[pick] } : {}) };
  }
  return {
    cells: out,
    total: discloseCount(
      cells.reduce((a, b) => a + b, 0),
      options,
    ),
  };
}

/**
 * Each cell's share of the total, computed from the published (rounded) values
 * so that a share never reveals more than the count beside it; hidden where the
 * cell is hidden or the total is under 8.
 */
export function discloseShares(table: { cells: DisclosedCount[]; total: DisclosedCount }, options: DisclosureOptions = {}): DisclosedStatistic[] {
  return table.cells.map((cell) => {
    const exact = options.includeExact && cell.exact !== undefined && table.total.exact ? (100 * cell.exact) / table.total.exact : null;
    const base: DisclosedStatistic =
      table.total.value === null || table.total.value === 0
        ? { value: null, rule: table.total.value === 0 ? "none" : "withheld" }
        : cell.value === null
          ? { value: null, rule: "withheld" }
          : { value: Math.round((100 * cell.value) / table.total.value), rule: "shown" };
    return options.includeExact ? { ...base, exact } : base;
  });
}

/** The rules that changed at least one figure, for the page's "about these numbers". */
export function rulesApplied(figures: Iterable<DisclosedCount | DisclosedStatistic>): DisclosureRule[] {
  const found = new Set<DisclosureRule>();
  for (const f of figures) {
    if (f.rule === "small" || f.rule === "rounded" || f.rule === "secondary" || f.rule === "withheld") found.add(f.rule);
  }
  return (["small", "rounded", "withheld", "secondary"] as const).filter((r) => found.has(r));
}

/** Removes exact figures (deeply) so a model can be published. */
export function withoutExact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "exact" ? undefined : v))) as T;
}
