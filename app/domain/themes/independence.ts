/**
 * Themes by stakeholder group (methods §7): the share of each group's answers carrying a theme,
 * its lift against the whole, and a test of independence: Pearson's χ², or Fisher's exact test
 * (two-sided) when the table is 2×2 and an expected count is under 5.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised upper incomplete gamma function Q(a, x) (series / continued fraction). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    for (let ap = a, i = 0; i < 1000; i++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

export interface ChiSquare {
  statistic: number;
  df: number;
  p: number;
  minExpected: number;
}

/** Pearson's χ² test of independence for an r×c table of counts (rows and columns with no counts are dropped). */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquare {
  const rows = table.filter((r) => r.some((v) => v > 0));
  const cols = rows.length ? rows[0].map((_, j) => j).filter((j) => rows.some((r) => r[j] > 0)) : [];
  const rs = rows.map((r) => cols.reduce((s, j) => s + r[j], 0));
  const cs = cols.map((j) => rows.reduce((s, r) => s + r[j], 0));
  const n = rs.reduce((s, v) => s + v, 0);
  let stat = 0;
  let minExpected = Infinity;
  rows.forEach((r, i) =>
    cols.forEach((j, k) => {
      const e = (rs[i] * cs[k]) / n;
      minExpected = Math.min(minExpected, e);
      stat += ((r[j] - e) * (r[j] - e)) / e;
    }),
  );
  const df = (rows.length - 1) * (cols.length - 1);
  return { statistic: stat, df, p: df > 0 ? gammaQ(df / 2, stat / 2) : 1, minExpected: Number.isFinite(minExpected) ? minExpected : 0 };
}

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * Fisher's exact test for a 2×2 table [[a, b], [c, d]]: the two-sided p-value sums the
 * probabilities of every table with the same margins that is no more likely than the one seen.
 */
export function fisherExact(a: number, b: number, c: number, d: number): { p: number; pLess: number; pGreater: number } {
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, r1 + c1 - n);
  const hi = Math.min(r1, c1);
  const logDenominator = logChoose(n, c1);
  const prob = (x: number) => Math.exp(logChoose(r1, x) + logChoose(n - r1, c1 - x) - logDenominator);
  const observed = prob(a);
  let p = 0;
  let pLess = 0;
  let pGreater = 0;
  for (let x = lo; x <= hi; x++) {
    const q = prob(x);
    if (q <= observed * (1 + 1e-7)) p += q;
    if (x <= a) pLess += q;
    if (x >= a) pGreater += q;
  }
  return { p: Math.min(1, p), pLess: Math.min(1, pLess), pGreater: Math.min(1, pGreater) };
}

export interface ThemeByGroup {
  theme: string;
  overallShare: number;
  groups: { group: string; answers: number; withTheme: number; share: number; lift: number }[];
  test: { method: "chi-square" | "fisher-exact"; statistic?: number; df?: number; p: number; minExpected: number; smallExpected: boolean };
}

/**
 * For each theme, the share of each group's answers carrying it and the lift (group share over
 * the overall share), with a test of independence of theme × group: Fisher's exact test for two
 * groups when an expected count is under 5, Pearson's χ² otherwise (flagged `smallExpected`
 * when more than two groups leave an expected count under 5, where χ² is only approximate).
 */
export function themesByGroup(answers: readonly { group: string; themes: readonly string[] }[], themes: readonly string[]): ThemeByGroup[] {
  const groups = [...new Set(answers.map((a) => a.group))].sort();
  const size = groups.map((g) => answers.filter((a) => a.group === g).length);
  return themes.map((theme) => {
    const withTheme = groups.map((g) => answers.filter((a) => a.group === g && a.themes.includes(theme)).length);
    const total = withTheme.reduce((s, v) => s + v, 0);
    const overallShare = answers.length ? total / answers.length : 0;
    const table = [withTheme, withTheme.map((w, i) => size[i] - w)];
    const chi = chiSquareTest(table);
    const smallExpected = chi.minExpected < 5;
    const test =
      smallExpected && groups.length === 2
        ? { method: "fisher-exact" as const, p: fisherExact(table[0][0], table[0][1], table[1][0], table[1][1]).p, minExpected: chi.minExpected, smallExpected }
        : { method: "chi-square" as const, statistic: chi.statistic, df: chi.df, p: chi.p, minExpected: chi.minExpected, smallExpected };
    return {
      theme,
      overallShare,
      groups: groups.map((group, i) => {
        const share = size[i] ? withTheme[i] / size[i] : 0;
        return { group, answers: size[i], withTheme: withTheme[i], share, lift: overallShare > 0 ? share / overallShare : NaN };
      }),
      test,
    };
  });
}
