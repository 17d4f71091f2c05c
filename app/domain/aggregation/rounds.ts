/**
 * Between-round reporting (methods §2): attrition per stakeholder group, change
 * in % critical, how many changed their score, stability (fewer than 15%
 * changed score band), and whether those who left differed from those who stayed.
 */
import type { ResponseRow } from "./aggregate";
import type { Rating } from "./ratings";

const band = (r: Rating): 0 | 1 | 2 | null => (typeof r === "number" ? (r <= 3 ? 0 : r <= 6 ? 1 : 2) : null);
const pctCritical = (scores: number[]) => (scores.length ? (100 * scores.filter((s) => s >= 7).length) / scores.length : null);
const scoresOf = (rows: ResponseRow[], code: string) => rows.map((r) => r.ratings[code]).filter((r): r is number => typeof r === "number");

export interface RoundComparison {
  code: string;
  fromRound: number;
  toRound: number;
  /** Per group: how many answered each round and the share of the earlier round's participants who answered again (0–100). */
  responseByGroup: Record<string, { from: number; to: number; retained: number; retentionRate: number | null }>;
  percentCriticalFrom: number | null;
  percentCriticalTo: number | null;
  changeInPercentCritical: number | null;
  /** Participants who scored the item in both rounds. */
  pairedN: number;
  /** Share of them (0–100) whose score changed, and whose band (1–3, 4–6, 7–9) changed. */
  percentChangedScore: number | null;
  percentChangedBand: number | null;
  /** Stable when fewer than `stabilityThreshold`% changed band. */
  stable: boolean | null;
  /** Earlier-round % critical of those who did not answer the later round, and of those who did. */
  leaversPercentCritical: number | null;
  stayersPercentCritical: number | null;
}

export function compareRounds(rows: readonly ResponseRow[], code: string, fromRound: number, toRound: number, stabilityThreshold = 15): RoundComparison {
  const from = rows.filter((r) => r.round === fromRound);
  const to = rows.filter((r) => r.round === toRound);
  const laterById = new Map(to.map((r) => [r.respondentId, r]));
  const groups = [...new Set([...from, ...to].map((r) => r.group))].sort();
  const responseByGroup: RoundComparison["responseByGroup"] = {};
  for (const g of groups) {
    const f = from.filter((r) => r.group === g);
    const retained = f.filter((r) => laterById.has(r.respondentId)).length;
    responseByGroup[g] = { from: f.length, to: to.filter((r) => r.group === g).length, retained, retentionRate: f.length ? (100 * retained) / f.length : null };
  }
  let pairedN = 0;
  let changedScore = 0;
  let changedBand = 0;
  for (const r of from) {
    const later = laterById.get(r.respondentId);
    const a = r.ratings[code];
    const b = later?.ratings[code];
    if (typeof a !== "number" || typeof b !== "number") continue;
    pairedN++;
    if (a !== b) changedScore++;
    if (band(a) !== band(b)) changedBand++;
  }
  const pFrom = pctCritical(scoresOf(from, code));
  const pTo = pctCritical(scoresOf(to, code));
  const percentChangedBand = pairedN ? (100 * changedBand) / pairedN : null;
  return {
    code,
    fromRound,
    toRound,
    responseByGroup,
    percentCriticalFrom: pFrom,
    percentCriticalTo: pTo,
    changeInPercentCritical: pFrom !== null && pTo !== null ? pTo - pFrom : null,
    pairedN,
    percentChangedScore: pairedN ? (100 * changedScore) / pairedN : null,
    percentChangedBand,
    // Compared on counts, so exactly 15% is not "fewer than 15%".
    stable: pairedN ? 100 * changedBand < stabilityThreshold * pairedN : null,
    leaversPercentCritical: pctCritical(
      scoresOf(
        from.filter((r) => !laterById.has(r.respondentId)),
        code,
      ),
    ),
    stayersPercentCritical: pctCritical(
      scoresOf(
        from.filter((r) => laterById.has(r.respondentId)),
        code,
      ),
    ),
  };
}
