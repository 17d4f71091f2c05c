/**
 * NHS Digital's small-number rule (2018) for published outputs (methods §6):
 * 0 stays 0, 1–7 become "*", other counts are rounded to the nearest 5.
 */
export type PublishedCount = number | "*";

export function publishCount(n: number): PublishedCount {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count must be a non-negative integer, not ${n}`);
  if (n === 0) return 0;
  if (n <= 7) return "*";
  return Math.round(n / 5) * 5;
}

/** A percentage, mean or median based on 1–7 people is suppressed. */
export function publishStatistic(value: number | null, basedOn: number): number | "*" | null {
  if (value === null) return null;
  return basedOn >= 1 && basedOn <= 7 ? "*" : value;
}

/**
 * Cells that sum to a published total: when exactly one cell is suppressed it
 * could be recovered by subtraction, so the smallest other non-zero cell is
 * suppressed too (secondary suppression). The total is rounded from the
 * unrounded sum.
 */
export function publishTable(cells: number[]): { cells: PublishedCount[]; total: PublishedCount } {
  const out: PublishedCount[] = cells.map(publishCount);
  const suppressed = out.filter((c) => c === "*").length;
  if (suppressed === 1 && cells.length > 1) {
    let pick = -1;
    cells.forEach((c, i) => {
      if (out[i] !== "*" && c > 0 && (pick < 0 || c < cells[pick])) pick = i;
    });
    if (pick >= 0) out[pick] = "*";
  }
  return { cells: out, total: publishCount(cells.reduce((a, b) => a + b, 0)) };
}
