/** Ranking and pairwise methods of methods §5. Pure, deterministic. */

/** A ballot: tiers of items in order; items in one tier are tied. */
export interface Ballot {
  count: number;
  tiers: string[][];
}

/** Parses "A>B=C>D" into tiers [[A],[B,C],[D]]. */
export function parseRanking(text: string): string[][] {
  return text
    .split(">")
    .map((tier) =>
      tier
        .split("=")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .filter((tier) => tier.length > 0);
}

export function candidatesOf(ballots: Ballot[]): string[] {
  const seen = new Set<string>();
  for (const b of ballots) for (const tier of b.tiers) for (const c of tier) seen.add(c);
  return [...seen].sort();
}

/**
 * Borda: with n items, rank i (1-based) earns n − i points; tied items share
 * the points of the ranks they span; unranked items get 0.
 */
export function borda(ballots: Ballot[], candidates = candidatesOf(ballots)): Array<{ item: string; points: number }> {
  const n = candidates.length;
  const points = new Map(candidates.map((c) => [c, 0]));
  for (const ballot of ballots) {
    let rank = 1;
    for (const tier of ballot.tiers) {
      let span = 0;
      for (let r = rank; r < rank + tier.length; r++) span += n - r;
      for (const c of tier) points.set(c, (points.get(c) ?? 0) + (ballot.count * span) / tier.length);
      rank += tier.length;
    }
  }
  return [...points].map(([item, p]) => ({ item, points: p })).sort((a, b) => b.points - a.points || a.item.localeCompare(b.item));
}

export interface SchulzeResult {
  candidates: string[];
  /** d[i][j]: voters preferring candidate i to j. */
  d: number[][];
  /** p[i][j]: strength of the strongest path from i to j. */
  p: number[][];
  /** Candidates best first; `rank` ties share a number. */
  ranking: Array<{ item: string; rank: number; wins: number }>;
}

/** Schulze method: pairwise preferences, widest paths, X above Y when p[X,Y] > p[Y,X]. Unranked items tie last. */
export function schulze(ballots: Ballot[], candidates = candidatesOf(ballots)): SchulzeResult {
  const n = candidates.length;
  const at = new Map(candidates.map((c, i) => [c, i]));
  const d = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const ballot of ballots) {
    const level = new Array(n).fill(Number.POSITIVE_INFINITY);
    ballot.tiers.forEach((tier, t) => tier.forEach((c) => (level[at.get(c)!] = t)));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && level[i] < level[j]) d[i][j] += ballot.count;
  }
  const p = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i !== j && d[i][j] > d[j][i] ? d[i][j] : 0)));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) for (let k = 0; k < n; k++) if (i !== k && j !== k) p[j][k] = Math.max(p[j][k], Math.min(p[j][i], p[i][k]));
  const wins = candidates.map((_, i) => candidates.reduce((w, _c, j) => w + (i !== j && p[i][j] > p[j][i] ? 1 : 0), 0));
  const order = candidates.map((item, i) => ({ item, wins: wins[i] })).sort((a, b) => b.wins - a.wins || a.item.localeCompare(b.item));
  const ranking = order.map((o) => ({ ...o, rank: 1 + order.filter((x) => x.wins > o.wins).length }));
  return { candidates, d, p, ranking };
}

export interface PairwiseWin {
  winner: string;
  loser: string;
  wins: number;
}

export interface BradleyTerryResult {
  items: string[];
  /** Strengths normalised to geometric mean 1. */
  strengths: Record<string, number>;
  iterations: number;
  converged: boolean;
  /** True when the win graph was not strongly connected and pseudo-wins were added. */
  pseudoWinsAdded: boolean;
}

function stronglyConnected(n: number, w: number[][]): boolean {
  const reach = (forward: boolean) => {
    const seen = new Array(n).fill(false);
    const stack = [0];
    seen[0] = true;
    while (stack.length) {
      const i = stack.pop()!;
      for (let j = 0; j < n; j++) if (!seen[j] && (forward ? w[i][j] : w[j][i]) > 0) ((seen[j] = true), stack.push(j));
    }
    return seen.every(Boolean);
  };
  return n <= 1 || (reach(true) && reach(false));
}

/**
 * Bradley–Terry strengths by the MM (Zermelo) iteration. When the win graph is
 * not strongly connected the maximum-likelihood estimate does not exist, so one
 * pseudo-win per pair is added (half to each side) and the result says so.
 */
export function bradleyTerry(results: PairwiseWin[], options: { tolerance?: number; maxIterations?: number } = {}): BradleyTerryResult {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100_000;
  const items = [...new Set(results.flatMap((r) => [r.winner, r.loser]))].sort();
  const n = items.length;
  const at = new Map(items.map((c, i) => [c, i]));
  const w = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const r of results) if (r.winner !== r.loser) w[at.get(r.winner)!][at.get(r.loser)!] += r.wins;
  const pseudoWinsAdded = !stronglyConnected(n, w);
  if (pseudoWinsAdded) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) w[i][j] += 0.5;
  let s = new Array(n).fill(1);
  let iterations = 0;
  let converged = n <= 1;
  while (!converged && iterations < maxIterations) {
    const next = new Array(n);
    for (let i = 0; i < n; i++) {
      let won = 0;
      let denom = 0;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        won += w[i][j];
        const games = w[i][j] + w[j][i];
        if (games > 0) denom += games / (s[i] + s[j]);
      }
      next[i] = denom > 0 ? won / denom : s[i];
    }
    const logMean = next.reduce((a, x) => a + Math.log(x), 0) / n;
    const scale = Math.exp(logMean);
    for (let i = 0; i < n; i++) next[i] /= scale;
    converged = next.every((x, i) => Math.abs(x - s[i]) <= tolerance * Math.max(1, Math.abs(x)));
    s = next;
    iterations++;
  }
  return { items, strengths: Object.fromEntries(items.map((c, i) => [c, s[i]])), iterations, converged, pseudoWinsAdded };
}
