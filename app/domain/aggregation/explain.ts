/**
 * Why an overall % is not the mean of the groups' % beside it. With stakeholder
 * groups counted equally, each group's weights are scaled to the same total over
 * the people who answered the round. An outcome's overall % critical is then the
 * groups' % averaged with each group's weight of people who scored that outcome:
 * when "unable to score" answers (or outcomes left unanswered) fall unevenly
 * across groups, a group with fewer scores for the outcome counts for less on it,
 * and the overall figure moves away from the plain mean of the groups' figures.
 */
import type { AggregateResult } from "./aggregate";

export interface EqualGroupsGap {
  code: string;
  round: number;
  overall: number;
  meanOfGroups: number;
  /** Groups in which some people who answered the round did not score this outcome. */
  groups: Array<{ group: string; scored: number; answered: number; unable: number }>;
}

/** Outcomes whose overall % critical differs from the mean of the groups' by more than `tolerance` points. */
export function equalGroupsGaps(result: Pick<AggregateResult, "method" | "items">, tolerance = 0.05): EqualGroupsGap[] {
  if (result.method.parameters.groupWeighting !== "equal") return [];
  // People in each group and round: the most responses any outcome had from the group.
  const answered = new Map<string, number>();
  for (const item of result.items) {
    for (const [g, s] of Object.entries(item.byGroup)) {
      const key = `${item.round}\u0000${g}`;
      answered.set(key, Math.max(answered.get(key) ?? 0, s.n));
    }
  }
  const gaps: EqualGroupsGap[] = [];
  for (const item of result.items) {
    const groups = Object.entries(item.byGroup).filter(([, s]) => s.weightedPercentCritical !== null);
    if (groups.length < 2 || item.weightedPercentCritical === null) continue;
    const mean = groups.reduce((a, [, s]) => a + s.weightedPercentCritical!, 0) / groups.length;
    if (Math.abs(mean - item.weightedPercentCritical) <= tolerance) continue;
    gaps.push({
      code: item.code,
      round: item.round,
      overall: item.weightedPercentCritical,
      meanOfGroups: mean,
      groups: Object.entries(item.byGroup)
        .map(([group, s]) => ({ group, scored: s.n - s.nUnable, answered: answered.get(`${item.round}\u0000${group}`) ?? s.n, unable: s.nUnable }))
        .filter((g) => g.scored < g.answered)
        .sort((a, b) => a.group.localeCompare(b.group)),
    });
  }
  return gaps;
}
