/**
 * The study-level result (methods §4, "Across rounds"): a Delphi study asks
 * again only what is unresolved, so the candidate framework is built over the
 * latest result of every round, not over the last round alone.
 *
 * For each outcome its deciding round is the last round in which it was rated
 * (at least one response, a score or "unable to score"); its figures are that
 * round's. An outcome that reached consensus and was not asked again keeps that
 * status and those figures; an outcome first rated in a later round starts
 * there. Priority, inclusion and proposed weights are computed over all
 * outcomes so defined, and each carries its history across rounds.
 */
import type { AggregateResult, ItemResult } from "./aggregate";
import type { ConsensusStatus } from "./consensus";
import { buildFramework, type FrameworkEntry } from "./framework";

/** One round's latest calculated result, as the study reads it. */
export interface StudyRoundInput {
  round: number;
  /** The round's items; an item with n = 0 was not rated in the round. */
  items: readonly ItemResult[];
  method?: AggregateResult["method"];
  /** Responses to the round (participants who submitted), when known. */
  responseCount?: number;
  /** Which stored calculation this is, when known. */
  resultVersion?: number;
  computedAt?: string;
}

export interface StudyHistoryEntry {
  round: number;
  n: number;
  nUnable: number;
  /** Weighted % scoring 7–9: the figure consensus and priority are decided on. */
  percentCritical: number | null;
  ci95: { lower: number; upper: number } | null;
  median: number | null;
  consensus: ConsensusStatus;
  /** Percentage points since the previous round the outcome was rated in; null in its first. */
  change: number | null;
}

export interface StudyOutcome {
  code: string;
  /** The deciding round: the last round the outcome was rated in. */
  round: number;
  /** The first round the outcome was rated in (later than 1 for an accepted proposal). */
  firstRound: number;
  /** The deciding round's figures, by group included. */
  item: ItemResult;
  history: StudyHistoryEntry[];
  framework: Omit<FrameworkEntry, "code">;
}

export interface StudyRound {
  round: number;
  responseCount: number | null;
  resultVersion: number | null;
  computedAt: string | null;
  method: AggregateResult["method"] | null;
  /** Outcomes rated in the round. */
  rated: string[];
  /** Rated in the round and reached consensus in / out there. */
  consensusIn: string[];
  consensusOut: string[];
  /** Rated in the round without consensus. */
  noConsensus: string[];
  /** Outcomes first rated in this round (after round one: accepted proposals and additions). */
  added: string[];
  /** Decided in an earlier round and not asked again in this one. */
  carried: string[];
}

export interface StudyResult {
  rounds: StudyRound[];
  /** Every outcome rated in any round, in framework order (priority, then code). */
  outcomes: StudyOutcome[];
}

const byCode = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
const rated = (item: ItemResult) => item.n > 0;

/** The study-level result over the latest result of each round (rounds in any order; one input per round). */
export function studyResult(inputs: readonly StudyRoundInput[]): StudyResult {
  const sorted = [...inputs].sort((a, b) => a.round - b.round);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].round === sorted[k - 1].round) throw new Error(`round ${sorted[k].round} given twice`);
  }
  const history = new Map<string, { entries: StudyHistoryEntry[]; last: ItemResult; first: number }>();
  const rounds: StudyRound[] = [];
  for (const input of sorted) {
    const seenBefore = new Set(history.keys());
    const ratedHere = input.items.filter(rated);
    const codesHere = new Set(ratedHere.map((i) => i.code));
    for (const item of [...ratedHere].sort((a, b) => byCode(a.code, b.code))) {
      const h = history.get(item.code) ?? { entries: [], last: item, first: input.round };
      const previous = h.entries.at(-1);
      h.entries.push({
        round: input.round,
        n: item.n,
        nUnable: item.nUnable,
        percentCritical: item.weightedPercentCritical,
        ci95: item.ci95,
        median: item.median,
        consensus: item.consensus,
        change:
          previous && previous.percentCritical !== null && item.weightedPercentCritical !== null
            ? item.weightedPercentCritical - previous.percentCritical
            : null,
      });
      h.last = { ...item, round: input.round };
      history.set(item.code, h);
    }
    const codes = [...codesHere].sort(byCode);
    const status = (s: ConsensusStatus) => codes.filter((c) => history.get(c)!.last.consensus === s);
    rounds.push({
      round: input.round,
      responseCount: input.responseCount ?? null,
      resultVersion: input.resultVersion ?? null,
      computedAt: input.computedAt ?? null,
      method: input.method ?? null,
      rated: codes,
      consensusIn: status("in"),
      consensusOut: status("out"),
      noConsensus: status("none"),
      added: codes.filter((c) => !seenBefore.has(c) && rounds.length > 0),
      carried: [...seenBefore].filter((c) => !codesHere.has(c) && history.get(c)!.last.consensus !== "none").sort(byCode),
    });
  }
  const framework = buildFramework(
    [...history.entries()].map(([code, h]) => ({ code, priority: h.last.weightedPercentCritical, consensus: h.last.consensus })),
  );
  const outcomes = framework.map(({ code, ...entry }) => {
    const h = history.get(code)!;
    return { code, round: h.last.round, firstRound: h.first, item: h.last, history: h.entries, framework: entry };
  });
  return { rounds, outcomes };
}

/** Splits one multi-round aggregate result (as the command line computes it) into per-round inputs. */
export function roundsOf(result: AggregateResult): StudyRoundInput[] {
  const byRound = new Map<number, ItemResult[]>();
  for (const item of result.items) byRound.set(item.round, [...(byRound.get(item.round) ?? []), item]);
  return [...byRound.entries()].map(([round, items]) => ({ round, items, method: result.method }));
}

/** The command line's top-level `framework`: one entry per outcome over the whole study. */
export interface StudyFrameworkEntry {
  code: string;
  round: number;
  consensus: ConsensusStatus;
  priority: number | null;
  included: boolean;
  proposedWeight: number;
  rank: number;
  n: number;
  percentCritical: number | null;
  ci95: { lower: number; upper: number } | null;
  median: number | null;
  history: Array<{ round: number; n: number; percentCritical: number | null; consensus: ConsensusStatus }>;
}

export function studyFramework(study: StudyResult): StudyFrameworkEntry[] {
  return study.outcomes.map((o) => ({
    code: o.code,
    round: o.round,
    consensus: o.item.consensus,
    priority: o.framework.priority,
    included: o.framework.included,
    proposedWeight: o.framework.proposedWeight,
    rank: o.framework.rank,
    n: o.item.n,
    percentCritical: o.item.weightedPercentCritical,
    ci95: o.item.ci95,
    median: o.item.median,
    history: o.history.map((h) => ({ round: h.round, n: h.n, percentCritical: h.percentCritical, consensus: h.consensus })),
  }));
}
