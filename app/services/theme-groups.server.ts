/**
 * Themes by stakeholder group (methods §7) for one free-text question: which answers are counted
 * (the basis), each answer's themes, and the engine's `themesByGroup` over them. Officers and
 * commissioners see exact figures; nothing here is published.
 */
import type { DB } from "../db.server";
import { themesByGroup, type ThemeByGroup } from "../domain/themes";
import { listThemes } from "../repos/moderation.server";
import { machineCodingsFor, personCodingsFor, themableAnswers, themableQuestions, type ThemableQuestion } from "../repos/themes.server";

export const GROUP_BASES = ["person", "machine"] as const;
export type GroupBasis = (typeof GROUP_BASES)[number];

/** Stakeholder groups in the order pages show them; "not-stated" last. */
export const GROUP_ORDER = ["citizen", "carer", "service-user", "professional", "not-stated"] as const;

export interface ThemeGroupsView {
  question: ThemableQuestion;
  basis: GroupBasis;
  /** Answers each basis counts: reviewed by a person; reviewed plus those the machine coded. */
  counts: Record<GroupBasis, number>;
  /** The groups present among the counted answers, in GROUP_ORDER. */
  groups: string[];
  themes: Array<{ id: number; name: string; result: ThemeByGroup; withTheme: number }>;
}

/** The answers counted on a basis, each with its themes (theme ids as strings, as the engine takes them). */
export async function codedAnswers(db: DB, consultationId: number, questionId: number) {
  const answers = await themableAnswers(db, consultationId, questionId);
  const ids = answers.map((a) => a.answerId);
  const person = await personCodingsFor(db, ids);
  const machine = await machineCodingsFor(db, ids);
  const byBasis: Record<GroupBasis, { group: string; themes: string[] }[]> = { person: [], machine: [] };
  for (const a of answers) {
    const p = person.get(a.answerId);
    if (p) {
      const coded = { group: a.group, themes: p.themeIds.map(String) };
      byBasis.person.push(coded);
      byBasis.machine.push(coded);
    } else {
      const m = machine.get(a.answerId);
      if (m) byBasis.machine.push({ group: a.group, themes: m.map((c) => String(c.themeId)) });
    }
  }
  return byBasis;
}

/** Null when the question is not one of the consultation's free-text questions. */
export async function themeGroups(db: DB, consultationId: number, questionId: number, basis: GroupBasis, locale: string): Promise<ThemeGroupsView | null> {
  const question = (await themableQuestions(db, consultationId, locale)).find((q) => q.id === questionId);
  if (!question) return null;
  const byBasis = await codedAnswers(db, consultationId, questionId);
  const answers = byBasis[basis];
  const codebook = await listThemes(db, consultationId);
  const results = themesByGroup(
    answers,
    codebook.map((t) => String(t.id)),
  );
  const present = new Set(answers.map((a) => a.group));
  const groups = [...GROUP_ORDER.filter((g) => present.has(g)), ...[...present].filter((g) => !(GROUP_ORDER as readonly string[]).includes(g)).sort()];
  return {
    question,
    basis,
    counts: { person: byBasis.person.length, machine: byBasis.machine.length },
    groups,
    themes: codebook.map((t, i) => ({ id: t.id, name: t.name, result: results[i], withTheme: results[i].groups.reduce((s, g) => s + g.withTheme, 0) })),
  };
}
