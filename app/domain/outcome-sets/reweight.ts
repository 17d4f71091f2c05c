/**
 * Sharing the weights out again by priority: when commissioners include an outcome
 * that has no weight yet (citizens left it out by consensus, or it had no consensus), they may
 * set every included outcome's final weight to its citizen-derived weight, i.e. proportional to
 * priority over the outcomes now included, exactly 100.00 in total (largest remainder, the
 * engine's `largestRemainder`). Setting weights by hand stays the other way. Pure.
 */
import { citizenWeights, type Edit } from "./rules";
import { ordered, type OutcomeSetContent } from "./content";

/** Included outcomes with no final weight yet, in schedule order. */
export function outcomesWithoutWeight(content: OutcomeSetContent): string[] {
  return ordered(content.outcomes)
    .filter((o) => o.included && o.finalWeight === null)
    .map((o) => o.code);
}

/** Each included outcome's weight now and by priority, for the choice page. */
export function weightsByPriority(content: OutcomeSetContent): Array<{ code: string; priority: number | null; current: number | null; byPriority: number }> {
  const shares = citizenWeights(content);
  return ordered(content.outcomes)
    .filter((o) => o.included)
    .map((o) => ({ code: o.code, priority: o.evidence.priority, current: o.finalWeight, byPriority: shares.get(o.code) ?? 0 }));
}

/**
 * Sets every included outcome's final weight to its share by priority. A weight reason
 * explained a departure from the citizen-derived weight; with none left, it is cleared.
 * The incentive pot and margin stay as they were.
 */
export function shareWeightsByPriority(content: OutcomeSetContent): Edit {
  if (!content.outcomes.some((o) => o.included)) return { ok: false, errors: { choice: "noneIncluded" } };
  const shares = citizenWeights(content);
  // Nobody rated any included outcome as critical: there is no priority to share by.
  if (Math.round([...shares.values()].reduce((a, b) => a + b, 0) * 100) !== 10000) return { ok: false, errors: { choice: "noPriority" } };
  return {
    ok: true,
    content: {
      ...content,
      outcomes: content.outcomes.map((o) => (o.included ? { ...o, finalWeight: shares.get(o.code)!, weightReason: "" } : o)),
    },
  };
}
