/**
 * The "you said, we did" summary of a consultation, assembled from the data
 * (participation, the aggregation result, moderated themes, the agreed outcome
 * set) and the officer's narrative per locale. Every number goes through
 * disclosure control (./disclosure). The model is plain JSON: a published
 * version stores it as a frozen snapshot, built without exact figures.
 *
 * Pure: no Remix, React, drizzle, i18next or node built-ins.
 */
import {
  discloseCount,
  discloseShares,
  discloseStatistic,
  discloseTable,
  rulesApplied,
  type DisclosedCount,
  type DisclosedStatistic,
  type DisclosureOptions,
  type DisclosureRule,
} from "./disclosure";
import type { CosStarItem } from "./cos-star";

export const LICENCES = ["OGL-3.0", "CC-BY-4.0", "CC0-1.0"] as const;
export type Licence = (typeof LICENCES)[number];
export const LICENCE_URLS: Record<Licence, string> = {
  "OGL-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
  "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
  "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
};

/** The points of the Easy Read version, in order; each may have a picture. */
export const EASY_READ_POINTS = ["asked", "who", "said", "did", "contact"] as const;
export type EasyReadPoint = (typeof EASY_READ_POINTS)[number];

export const NARRATIVE_FIELDS = ["whatWeAsked", "whatWeDid", "method", "contact"] as const;
export type Narrative = Record<(typeof NARRATIVE_FIELDS)[number], string>;

export const NOT_STATED = "not-stated";

/** How many of the most frequent free-text themes a summary shows. */
export const MAIN_THEMES = 8;

/** What the engine stored for one outcome (a subset of ItemResult). */
export interface ResultItemInput {
  code: string;
  n: number;
  nUnable: number;
  consensus: "in" | "out" | "none";
  percentCritical: number | null;
  weightedPercentCritical: number | null;
  framework: { rank: number; included: boolean };
}

/**
 * The whole study (methods §4, "Across rounds"): what each round decided, and every outcome
 * with the round that decided it and its path across rounds.
 */
export interface StudyInput {
  rounds: Array<{
    round: number;
    participants: number;
    consensusIn: string[];
    consensusOut: string[];
    noConsensus: string[];
    added: string[];
    carried: string[];
  }>;
  outcomes: Array<{
    code: string;
    rank: number;
    round: number;
    consensus: "in" | "out" | "none";
    /** People who scored it (not "unable to score") in its deciding round. */
    scored: number;
    percentCritical: number | null;
    history: Array<{ round: number; scored: number; percentCritical: number | null; consensus: "in" | "out" | "none" }>;
  }>;
}

export interface ThemeInput {
  key: string;
  labels: Record<string, string>;
  count: number;
  /** Answers carrying the theme per stakeholder group (exact; disclosed when built). */
  byGroup?: Record<string, number>;
  quotes: Array<{ text: string; lang: string }>;
}

export interface OutcomeSetInput {
  version: number;
  /** ISO date (YYYY-MM-DD). */
  agreedOn: string;
  /** Organisations that signed the agreement. */
  agreedBy: string[];
  outcomes: Array<{ statements: Record<string, string>; domain: Record<string, string>; weight: number; indicators: string[] }>;
}

export interface SummaryInput {
  slug: string;
  partnershipName: string;
  contactEmail: string | null;
  licence: Licence;
  titles: Record<string, string>;
  narrative: Record<string, Narrative>;
  round: number;
  /** Submitted responses of the round, counted by stakeholder group and by locality. */
  participation: { byGroup: Record<string, number>; byLocality: Record<string, number> };
  /** Population the officer supplied (margins): share per locality, 0–1; null when none. */
  population: { name: string; locality: Record<string, number> | null } | null;
  result: {
    parameters: { rule: string; thresholdIn: number; thresholdOut: number; bound: string; groups: string; groupWeighting: "equal" | "pooled" };
    weighting: { deff: number; nEff: number; variables: string[]; marginsName: string | null } | null;
    items: ResultItemInput[];
  } | null;
  statements: Record<string, Record<string, string>>;
  /** Every round with a result; when given, "What you said" covers the whole study. */
  study?: StudyInput;
  /** "How this was done": the COS-STAR items for the public, per locale (no counts of people). */
  howDone?: Record<string, CosStarItem[]>;
  themes: ThemeInput[];
  /** Outcomes officers wrote from a theme of citizens' answers: the theme, how many answers carried it, the quotes chosen. */
  provenance?: Array<{ code: string; themeName: string; answers: number; quotes: Array<{ text: string; lang: string }> }>;
  outcomeSet: OutcomeSetInput | null;
  easyRead: Record<EasyReadPoint, { imageId: number | null; alt: Record<string, string> }>;
}

export interface PublishedOutcome {
  code: string;
  rank: number;
  /** The round that decided it (the last it was rated in). */
  round: number;
  consensus: "in" | "out" | "none";
  statements: Record<string, string>;
  answered: DisclosedCount;
  percentCritical: DisclosedStatistic;
  history: Array<{ round: number; consensus: "in" | "out" | "none"; percentCritical: DisclosedStatistic }>;
}

export interface PublishedRound {
  round: number;
  participants: DisclosedCount;
  consensusIn: string[];
  consensusOut: string[];
  noConsensus: string[];
  added: string[];
  carried: string[];
}

export interface PublishedSummary {
  /** 1: one round; 2: adds `rounds` and `outcomes` (the whole study). Older snapshots stay readable. */
  schemaVersion: 1 | 2;
  slug: string;
  partnershipName: string;
  contactEmail: string | null;
  licence: Licence;
  titles: Record<string, string>;
  narrative: Record<string, Narrative>;
  round: number;
  participation: {
    total: DisclosedCount;
    byGroup: Array<{ key: string; count: DisclosedCount; share: DisclosedStatistic }>;
    byLocality: Array<{ key: string; count: DisclosedCount; share: DisclosedStatistic; population: number | null }>;
    populationName: string | null;
  };
  method: NonNullable<SummaryInput["result"]>["parameters"] | null;
  weighting: { weighted: boolean; marginsName: string | null; variables: string[]; deff: number | null; effectiveSize: DisclosedCount | null };
  outcomesRated: number;
  consensus: Array<{
    code: string;
    rank: number;
    round?: number;
    statements: Record<string, string>;
    answered: DisclosedCount;
    percentCritical: DisclosedStatistic;
  }>;
  /** Each round: people who answered it and what it decided (schema 2). */
  rounds?: PublishedRound[];
  /** Every outcome rated in the study, in priority order, with the round that decided it (schema 2). */
  outcomes?: PublishedOutcome[];
  /** "How this was done" against the COS-STAR checklist, per locale (schema 2). */
  howDone?: Record<string, CosStarItem[]>;
  /** `byGroup`: answers with the theme per stakeholder group, small-number rule and secondary suppression applied (absent in older snapshots). */
  themes: Array<{
    key: string;
    labels: Record<string, string>;
    count: DisclosedCount;
    byGroup?: Array<{ key: string; count: DisclosedCount }>;
    quotes: Array<{ text: string; lang: string }>;
  }>;
  /** Outcomes that came from citizens' own words (absent in older snapshots); the theme's name is in English. */
  provenance?: Array<{
    code: string;
    statements: Record<string, string>;
    theme: string;
    answers: DisclosedCount;
    quotes: Array<{ text: string; lang: string }>;
  }>;
  outcomeSet: OutcomeSetInput | null;
  easyRead: SummaryInput["easyRead"];
  rules: DisclosureRule[];
}

/** Categories in a stable order: named ones alphabetically, "not stated" last. */
function orderedKeys(counts: Record<string, number>, known: readonly string[] = []): string[] {
  const keys = Object.keys(counts).filter((k) => counts[k] > 0 || known.includes(k));
  return keys.sort((a, b) =>
    a === NOT_STATED ? 1 : b === NOT_STATED ? -1 : known.length ? known.indexOf(a) - known.indexOf(b) || a.localeCompare(b) : a.localeCompare(b),
  );
}

function table(counts: Record<string, number>, keys: string[], options: DisclosureOptions) {
  const t = discloseTable(
    keys.map((k) => counts[k] ?? 0),
    options,
  );
  return { ...t, shares: discloseShares(t, options) };
}

/**
 * A theme's answers per stakeholder group as published: groups with no answers left out, each
 * count through the small-number rule, and a second cell hidden when one suppressed cell could
 * be worked out from the theme's published total.
 */
export function themeGroups(byGroup: Record<string, number>, options: DisclosureOptions = {}): Array<{ key: string; count: DisclosedCount }> {
  const keys = orderedKeys(byGroup, ["citizen", "carer", "service-user", "professional"]);
  const t = discloseTable(
    keys.map((k) => byGroup[k] ?? 0),
    options,
  );
  return keys.map((key, k) => ({ key, count: t.cells[k] }));
}

export function buildSummary(input: SummaryInput, options: DisclosureOptions = {}): PublishedSummary {
  const groupKeys = orderedKeys(input.participation.byGroup, ["citizen", "carer", "service-user", "professional"]);
  const populationLocalities = input.population?.locality ? Object.keys(input.population.locality) : [];
  const localityKeys = orderedKeys({ ...Object.fromEntries(populationLocalities.map((k) => [k, 0])), ...input.participation.byLocality }, populationLocalities);
  const groups = table(input.participation.byGroup, groupKeys, options);
  const localities = table(input.participation.byLocality, localityKeys, options);
  const totalPeople = Object.values(input.participation.byGroup).reduce((a, b) => a + b, 0);
  const items = input.result?.items ?? [];
  const statementsOf = (code: string) => Object.fromEntries(Object.entries(input.statements).map(([locale, st]) => [locale, st[code] ?? code]));
  const outcomes: PublishedOutcome[] | undefined = input.study?.outcomes
    .slice()
    .sort((a, b) => a.rank - b.rank)
    .map((o) => ({
      code: o.code,
      rank: o.rank,
      round: o.round,
      consensus: o.consensus,
      statements: statementsOf(o.code),
      answered: discloseCount(o.scored, options),
      percentCritical: discloseStatistic(o.percentCritical, o.scored, options),
      history: o.history.map((h) => ({ round: h.round, consensus: h.consensus, percentCritical: discloseStatistic(h.percentCritical, h.scored, options) })),
    }));
  const consensus = outcomes
    ? outcomes
        .filter((o) => o.consensus === "in")
        .map((o) => ({ code: o.code, rank: o.rank, round: o.round, statements: o.statements, answered: o.answered, percentCritical: o.percentCritical }))
    : items
        .filter((i) => i.consensus === "in")
        .sort((a, b) => a.framework.rank - b.framework.rank)
        .map((i) => {
          const scored = i.n - i.nUnable;
          return {
            code: i.code,
            rank: i.framework.rank,
            statements: statementsOf(i.code),
            answered: discloseCount(scored, options),
            percentCritical: discloseStatistic(i.weightedPercentCritical ?? i.percentCritical, scored, options),
          };
        });
  const rounds: PublishedRound[] | undefined = input.study?.rounds.map((r) => ({
    round: r.round,
    participants: discloseCount(r.participants, options),
    consensusIn: r.consensusIn,
    consensusOut: r.consensusOut,
    noConsensus: r.noConsensus,
    added: r.added,
    carried: r.carried,
  }));
  const themes = input.themes
    .filter((th) => th.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, MAIN_THEMES)
    .map((th) => {
      const byGroup = th.byGroup ? themeGroups(th.byGroup, options) : undefined;
      return { key: th.key, labels: th.labels, count: discloseCount(th.count, options), ...(byGroup ? { byGroup } : {}), quotes: th.quotes };
    });
  const w = input.result?.weighting ?? null;
  const effectiveSize = w ? discloseCount(Math.round(w.nEff), options) : null;
  const summary: PublishedSummary = {
    schemaVersion: input.study ? 2 : 1,
    slug: input.slug,
    partnershipName: input.partnershipName,
    contactEmail: input.contactEmail,
    licence: input.licence,
    titles: input.titles,
    narrative: input.narrative,
    round: input.round,
    participation: {
      total: discloseCount(totalPeople, options),
      byGroup: groupKeys.map((key, k) => ({ key, count: groups.cells[k], share: groups.shares[k] })),
      byLocality: localityKeys.map((key, k) => ({
        key,
        count: localities.cells[k],
        share: localities.shares[k],
        population: input.population?.locality?.[key] !== undefined ? Math.round(1000 * input.population.locality[key]) / 10 : null,
      })),
      populationName: input.population?.name ?? null,
    },
    method: input.result ? input.result.parameters : null,
    weighting: {
      weighted: Boolean(w),
      marginsName: w?.marginsName ?? null,
      variables: w?.variables ?? [],
      deff: w ? Math.round(w.deff * 100) / 100 : null,
      effectiveSize,
    },
    outcomesRated: outcomes ? outcomes.length : items.length,
    consensus,
    ...(rounds ? { rounds } : {}),
    ...(outcomes ? { outcomes } : {}),
    ...(input.howDone ? { howDone: input.howDone } : {}),
    themes,
    ...(input.provenance?.length
      ? {
          provenance: input.provenance.map((p) => ({
            code: p.code,
            statements: statementsOf(p.code),
            theme: p.themeName,
            answers: discloseCount(p.answers, options),
            quotes: p.quotes,
          })),
        }
      : {}),
    outcomeSet: input.outcomeSet,
    easyRead: input.easyRead,
    rules: [],
  };
  summary.rules = rulesApplied(figuresOf(summary));
  return summary;
}

/** Every disclosed figure in a summary (for the rules applied and for tests). */
export function figuresOf(s: PublishedSummary): Array<DisclosedCount | DisclosedStatistic> {
  return [
    s.participation.total,
    ...s.participation.byGroup.flatMap((g) => [g.count, g.share]),
    ...s.participation.byLocality.flatMap((l) => [l.count, l.share]),
    ...(s.weighting.effectiveSize ? [s.weighting.effectiveSize] : []),
    ...s.consensus.flatMap((c) => [c.answered, c.percentCritical]),
    ...(s.rounds ?? []).map((r) => r.participants),
    ...(s.outcomes ?? []).flatMap((o) => [o.answered, o.percentCritical, ...o.history.map((h) => h.percentCritical)]),
    ...s.themes.flatMap((t) => [t.count, ...(t.byGroup ?? []).map((g) => g.count)]),
    ...(s.provenance ?? []).map((p) => p.answers),
  ];
}

/** Population shares (0–1) per locality from margins rows (variable,category,target). */
export function populationShares(rows: ReadonlyArray<{ variable: string; category: string; target: number }>, variable: string): Record<string, number> | null {
  const own = rows.filter((r) => r.variable === variable);
  const total = own.reduce((a, r) => a + r.target, 0);
  if (own.length === 0 || !(total > 0)) return null;
  return Object.fromEntries(own.map((r) => [r.category, r.target / total]));
}

/** Text in `locale`, else English, else any; with the language it is in. */
export function pickText(texts: Record<string, string> | undefined, locale: string): { text: string; lang: string } {
  if (texts?.[locale]?.trim()) return { text: texts[locale], lang: locale };
  if (texts?.en?.trim()) return { text: texts.en, lang: "en" };
  const any = Object.entries(texts ?? {}).find(([, v]) => v.trim());
  return any ? { text: any[1], lang: any[0] } : { text: "", lang: locale };
}

/** What a published version's data download contains: the disclosed aggregates only. */
export interface OpenDataRow {
  table:
    | "participation-by-group"
    | "participation-by-locality"
    | "participation-total"
    | "participation-by-round"
    | "consensus-outcomes"
    | "outcomes-by-round"
    | "themes";
  category: string;
  measure: string;
  value: number | null;
  rule: string;
}

export function openDataRows(s: PublishedSummary): OpenDataRow[] {
  const rows: OpenDataRow[] = [];
  const count = (table: OpenDataRow["table"], category: string, measure: string, f: DisclosedCount | DisclosedStatistic) =>
    rows.push({ table, category, measure, value: f.value, rule: f.rule });
  count("participation-total", "all", "people", s.participation.total);
  for (const g of s.participation.byGroup) {
    count("participation-by-group", g.key, "people", g.count);
    count("participation-by-group", g.key, "percent-of-people", g.share);
  }
  for (const l of s.participation.byLocality) {
    count("participation-by-locality", l.key, "people", l.count);
    count("participation-by-locality", l.key, "percent-of-people", l.share);
    if (l.population !== null)
      rows.push({ table: "participation-by-locality", category: l.key, measure: "percent-of-population", value: l.population, rule: "population" });
  }
  for (const c of s.consensus) {
    count("consensus-outcomes", c.code, "people-who-scored", c.answered);
    count("consensus-outcomes", c.code, "percent-critical", c.percentCritical);
    rows.push({ table: "consensus-outcomes", category: c.code, measure: "priority", value: c.rank, rule: "rank" });
  }
  for (const r of s.rounds ?? []) count("participation-by-round", `round-${r.round}`, "people", r.participants);
  for (const o of s.outcomes ?? []) {
    // The rule column says what the deciding round decided: consensus-in, consensus-out or consensus-none.
    rows.push({ table: "outcomes-by-round", category: o.code, measure: "deciding-round", value: o.round, rule: `consensus-${o.consensus}` });
    for (const h of o.history) count("outcomes-by-round", o.code, `percent-critical-round-${h.round}`, h.percentCritical);
  }
  for (const t of s.themes) {
    count("themes", t.key, "people", t.count);
    for (const g of t.byGroup ?? []) count("themes", t.key, `people-${g.key}`, g.count);
  }
  return rows;
}
