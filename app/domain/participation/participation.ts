/**
 * Participation in a round against the advisory group's make-up, by stakeholder group or
 * locality. Pure.
 */
export interface ParticipationMember {
  key: string | null;
  invited: boolean;
  completed: boolean;
}

export interface ParticipationRow {
  /** null: not recorded (e.g. no locality, or no consent to keep it). */
  key: string | null;
  members: number;
  /** Share of the group's members, 0–100 (one decimal). */
  shareOfGroup: number;
  invited: number;
  completed: number;
  /** completed / invited, 0–100 (one decimal); null when nobody was invited. */
  responseRate: number | null;
  /** Share of everyone who completed, 0–100 (one decimal); null when nobody completed. */
  shareOfCompleted: number | null;
  /** shareOfCompleted − shareOfGroup in percentage points: how over- or under-represented. */
  difference: number | null;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

export function participationBreakdown(
  members: readonly ParticipationMember[],
  order: readonly string[] = [],
): { rows: ParticipationRow[]; total: Omit<ParticipationRow, "key" | "difference"> } {
  const groups = new Map<string | null, { members: number; invited: number; completed: number }>();
  for (const m of members) {
    const g = groups.get(m.key) ?? { members: 0, invited: 0, completed: 0 };
    g.members++;
    if (m.invited) g.invited++;
    if (m.completed) g.completed++;
    groups.set(m.key, g);
  }
  const total = members.length;
  const completed = members.filter((m) => m.completed).length;
  const invited = members.filter((m) => m.invited).length;
  const rank = (k: string | null) => (k == null ? Number.MAX_SAFE_INTEGER : order.includes(k) ? order.indexOf(k) : order.length);
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
  const rows = keys.map((key) => {
    const g = groups.get(key)!;
    const shareOfGroup = pct(g.members, total) ?? 0;
    const shareOfCompleted = pct(g.completed, completed);
    return {
      key,
      members: g.members,
      shareOfGroup,
      invited: g.invited,
      completed: g.completed,
      responseRate: pct(g.completed, g.invited),
      shareOfCompleted,
      difference: shareOfCompleted == null ? null : Math.round((shareOfCompleted - shareOfGroup) * 10) / 10,
    };
  });
  return {
    rows,
    total: {
      members: total,
      shareOfGroup: total > 0 ? 100 : 0,
      invited,
      completed,
      responseRate: pct(completed, invited),
      shareOfCompleted: completed > 0 ? 100 : null,
    },
  };
}
