/**
 * Setting up round 2 and later from the previous round's result (methods §2):
 * outcomes without consensus are carried forward by default, outcomes reached
 * by consensus (in or out) are not, and active outcomes that were not in the
 * previous round (accepted proposals) are added by default. The officer may
 * override every default.
 */
import type { OutcomeStatus } from "../outcome-form";

export type Consensus = "in" | "out" | "none";

export interface OutcomeForNextRound {
  id: number;
  code: string;
  status: OutcomeStatus;
  /** Was it rated in the previous round? */
  inPreviousRound: boolean;
  /** Consensus in the previous round's latest result, when rated and computed. */
  consensus: Consensus | null;
}

export type Reason = "no-consensus" | "consensus-in" | "consensus-out" | "no-result" | "new-outcome" | "not-active";

export interface NextRoundDefault {
  id: number;
  code: string;
  include: boolean;
  reason: Reason;
}

export function defaultNextRoundOutcomes(outcomes: readonly OutcomeForNextRound[]): NextRoundDefault[] {
  return outcomes.map((o) => {
    if (o.status !== "active") return { id: o.id, code: o.code, include: false, reason: "not-active" };
    if (!o.inPreviousRound) return { id: o.id, code: o.code, include: true, reason: "new-outcome" };
    if (o.consensus === null) return { id: o.id, code: o.code, include: true, reason: "no-result" };
    if (o.consensus === "none") return { id: o.id, code: o.code, include: true, reason: "no-consensus" };
    return { id: o.id, code: o.code, include: false, reason: o.consensus === "in" ? "consensus-in" : "consensus-out" };
  });
}

/**
 * The outcome ids to rate in the next round: the officer's selection, limited to
 * active outcomes, in library order. Refuses an empty selection.
 */
export function selectNextRoundOutcomes(
  outcomes: readonly OutcomeForNextRound[],
  selectedIds: readonly number[],
): { ok: true; ids: number[] } | { ok: false; reason: "none-selected" | "unknown-outcome" } {
  const active = new Map(outcomes.filter((o) => o.status === "active").map((o) => [o.id, o]));
  if (selectedIds.some((id) => !active.has(id))) return { ok: false, reason: "unknown-outcome" };
  const chosen = new Set(selectedIds);
  const ids = outcomes.filter((o) => chosen.has(o.id)).map((o) => o.id);
  if (ids.length === 0) return { ok: false, reason: "none-selected" };
  return { ok: true, ids };
}
