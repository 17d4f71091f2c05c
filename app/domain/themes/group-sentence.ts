/**
 * The plain-English reading of one theme's row of themes by group: which group mentions it most
 * against the whole (its lift), and whether the difference could be chance (p < 0.05 or not).
 * Pure: returns a key and values; the page translates them.
 */
import type { ThemeByGroup } from "./independence";

export const SIGNIFICANCE = 0.05;

export type GroupSentence =
  { key: "none" } | { key: "even"; chance: boolean; p: number } | { key: "more"; group: string; lift: number; chance: boolean; p: number };

export function groupSentence(r: ThemeByGroup): GroupSentence {
  const withTheme = r.groups.reduce((s, g) => s + g.withTheme, 0);
  if (withTheme === 0 || r.groups.length < 2) return { key: "none" };
  const top = [...r.groups].filter((g) => g.answers > 0).sort((a, b) => b.lift - a.lift || a.group.localeCompare(b.group))[0];
  const chance = !(r.test.p < SIGNIFICANCE);
  if (!top || !(top.lift > 1.05)) return { key: "even", chance, p: r.test.p };
  return { key: "more", group: top.group, lift: Math.round(top.lift * 10) / 10, chance, p: r.test.p };
}

/** A p-value as people write it: "< 0.001", else two significant decimals. */
export function formatP(p: number, locale: string): string {
  if (p < 0.001) return `< ${new Intl.NumberFormat(locale, { minimumFractionDigits: 3 }).format(0.001)}`;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: p < 0.01 ? 3 : 2, minimumFractionDigits: 2 }).format(p);
}
