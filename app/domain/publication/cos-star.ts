/**
 * Reporting a study as core outcome set studies are reported: the COS-STAR
 * checklist (Kirkham et al., "Core Outcome Set-STAndards for Reporting: the
 * COS-STAR Statement", PLoS Med 2016;13(10):e1002148, Table 1; 18 items, 25 with
 * their parts). Each item is answered from the study's data where the data can
 * answer it, and otherwise by what the officer wrote (protocol, ethics, funding,
 * conflicts, limitations…). Answers are sentence keys with parameters, so every
 * page renders them in its own language; lists of outcomes are codes, shown with
 * their statements. Pure: no framework, database or i18n imports.
 */
import type { ConsensusRule as AggregationRule } from "../aggregation/consensus";

export type CosStarSection = "title" | "introduction" | "methods" | "results" | "discussion" | "other";

export interface CosStarItemDefinition {
  /** The checklist number, as the statement prints it (1a, 1b, 2a … 18). */
  id: string;
  section: CosStarSection;
  /** "data": answered from the study; "officer": only a person can write it. */
  answer: "data" | "officer";
}

export const COS_STAR_ITEMS: readonly CosStarItemDefinition[] = [
  { id: "1a", section: "title", answer: "data" },
  { id: "1b", section: "title", answer: "data" },
  { id: "2a", section: "introduction", answer: "data" },
  { id: "2b", section: "introduction", answer: "data" },
  { id: "3a", section: "introduction", answer: "data" },
  { id: "3b", section: "introduction", answer: "data" },
  { id: "3c", section: "introduction", answer: "data" },
  { id: "4", section: "methods", answer: "officer" },
  { id: "5", section: "methods", answer: "data" },
  { id: "6a", section: "methods", answer: "data" },
  { id: "6b", section: "methods", answer: "data" },
  { id: "7", section: "methods", answer: "data" },
  { id: "8", section: "methods", answer: "data" },
  { id: "9a", section: "methods", answer: "data" },
  { id: "9b", section: "methods", answer: "data" },
  { id: "10", section: "methods", answer: "officer" },
  { id: "11", section: "results", answer: "officer" },
  { id: "12", section: "results", answer: "data" },
  { id: "13a", section: "results", answer: "data" },
  { id: "13b", section: "results", answer: "data" },
  { id: "14", section: "results", answer: "data" },
  { id: "15", section: "discussion", answer: "officer" },
  { id: "16", section: "discussion", answer: "officer" },
  { id: "17", section: "other", answer: "officer" },
  { id: "18", section: "other", answer: "officer" },
];

export const OFFICER_ITEMS = COS_STAR_ITEMS.filter((i) => i.answer === "officer").map((i) => i.id);

export interface ConsensusRule {
  rule: string;
  thresholdIn: number;
  thresholdOut: number;
  bound: string;
  groups: string;
  groupWeighting: string;
  weighted: boolean;
  marginsName: string | null;
}

/** What the data says about a study, gathered by the application. */
export interface StudyFacts {
  title: string;
  partnership: string;
  /** The consultation's summary as the officer wrote it, and its language. */
  summary: { text: string; lang: string } | null;
  /** Who the consultation was for (`AUDIENCES`): "group" is its advisory group only, with no public link. */
  audience: "group" | "public" | "both";
  advisoryGroup: { name: string; members: number; byGroup: Record<string, number> } | null;
  localities: string[];
  rounds: Array<{
    round: number;
    /** People whose answers the round's latest result counts; null when not calculated. */
    responses: number | null;
    byGroup: Record<string, number>;
    showFeedback: boolean;
    feedbackBy: "overall" | "stakeholder-group";
    /** Responses by how they came in (online, paper, phone, event, email, other). */
    channels?: Record<string, number>;
    allowNewParticipants: boolean;
    method: ConsensusRule | null;
    rated: string[];
    consensusIn: string[];
    consensusOut: string[];
    noConsensus: string[];
    added: string[];
    carried: string[];
  }>;
  /** Between consecutive rounds: who came back, per group. */
  retention: Array<{ from: number; to: number; before: number; retained: number }>;
  sources: Array<{ source: string; outcomes: number }>;
  proposalsAccepted: number;
  themes: number;
  retired: string[];
  finalSet: { status: "agreed" | "proposed" | "draft"; version: number; included: string[] } | null;
  /** Outcomes in the candidate framework over the whole study (consensus in). */
  framework: string[];
}

export interface CosStarLine {
  key: string;
  params?: Record<string, string | number>;
  /** Outcome codes the sentence lists (shown with their statements). */
  codes?: string[];
  /** How answers came in (online, paper, phone…), each with its count (null: name only). */
  channels?: Record<string, number | null>;
  /** Stakeholder groups the sentence lists, each with its count of people (null: name only). */
  groups?: Record<string, number | null>;
  /** Text written by a person, and its language (the summary, the officer's answers). */
  text?: { text: string; lang: string };
}

export interface CosStarItem extends CosStarItemDefinition {
  lines: CosStarLine[];
  /** True when an officer-written item has no text yet. */
  missing: boolean;
}

export interface ReportOptions {
  /** "public": no counts of people (the published summary shows them, disclosure-controlled, in "Who took part"). */
  audience: "staff" | "public";
}

/** The report's wording key for each consensus rule (TypeScript asks for one per rule). */
const RULE_KEY: Record<AggregationRule, (m: ConsensusRule) => string> = {
  comet: (m) => (m.bound === "inclusive" ? "ruleCometInclusive" : "ruleComet"),
  "median-iqr": () => "ruleMedianIqr",
  "rand-ucla": () => "ruleRandUcla",
};

function ruleLines(round: number | null, m: ConsensusRule): CosStarLine {
  const params = { round: round ?? "", in: m.thresholdIn, out: m.thresholdOut };
  const key = (RULE_KEY[m.rule as AggregationRule] ?? RULE_KEY["rand-ucla"])(m);
  return { key: round === null ? key : `${key}Round`, params };
}

const sameRule = (a: ConsensusRule, b: ConsensusRule) =>
  a.rule === b.rule && a.thresholdIn === b.thresholdIn && a.thresholdOut === b.thresholdOut && a.bound === b.bound && a.groups === b.groups;

/** Every COS-STAR item, answered from the facts and the officer's texts (keyed by item number). */
export function cosStarReport(facts: StudyFacts, texts: Readonly<Record<string, { text: string; lang: string }>>, options: ReportOptions): CosStarItem[] {
  const staff = options.audience === "staff";
  const calculated = facts.rounds.filter((r) => r.method);
  const first = facts.rounds[0];
  const agreedAll = [...new Set(facts.rounds.flatMap((r) => r.consensusIn))];
  const people = Math.max(0, ...facts.rounds.map((r) => r.responses ?? 0));
  const lines: Record<string, CosStarLine[]> = {
    "1a": [{ key: "title", params: { title: facts.title, partnership: facts.partnership } }],
    "1b": [
      { key: "abstract", params: { rounds: facts.rounds.length, outcomes: new Set(facts.rounds.flatMap((r) => r.rated)).size, agreed: agreedAll.length } },
      ...(staff && people > 0 ? [{ key: "abstractPeople", params: { people } }] : []),
    ],
    "2a": facts.summary?.text.trim()
      ? [{ key: "background", text: facts.summary }]
      : [{ key: "backgroundDefault", params: { partnership: facts.partnership } }],
    "2b": [{ key: "objectives" }],
    "3a": [{ key: "population", params: { partnership: facts.partnership } }],
    "3b": [{ key: "interventions", params: { partnership: facts.partnership } }],
    "3c": [
      facts.localities.length
        ? { key: "settingAreas", params: { partnership: facts.partnership, areas: facts.localities.join(", ") } }
        : { key: "setting", params: { partnership: facts.partnership } },
    ],
    "5": [
      ...(facts.advisoryGroup
        ? [
            {
              key: staff ? "panelStaff" : "panel",
              params: { name: facts.advisoryGroup.name, members: facts.advisoryGroup.members },
              groups: Object.fromEntries(Object.entries(facts.advisoryGroup.byGroup).map(([g, n]) => [g, staff ? n : null])),
            },
          ]
        : []),
      ...(facts.audience !== "group" ? [{ key: "publicLink" }] : []),
      { key: calculated[0]?.method?.groupWeighting === "pooled" ? "groupsPooled" : "groupsEqual" },
    ],
    "6a": [
      ...facts.sources.map((s) => ({ key: "source", params: { source: s.source, count: s.outcomes } })),
      ...(facts.proposalsAccepted ? [{ key: "proposals", params: { count: facts.proposalsAccepted } }] : []),
      ...(facts.themes ? [{ key: "themes", params: { count: facts.themes } }] : []),
    ],
    "6b": [
      ...facts.rounds.filter((r) => r.carried.length).map((r) => ({ key: "carried", params: { round: r.round }, codes: r.carried })),
      ...(facts.retired.length ? [{ key: "retired", codes: facts.retired }] : []),
    ],
    "7": [
      { key: "rounds", params: { count: facts.rounds.length } },
      { key: "anonymity" },
      ...facts.rounds.map((r) => ({
        key: !r.showFeedback ? "feedbackNone" : r.feedbackBy === "stakeholder-group" ? "feedbackGroups" : "feedbackOverall",
        params: { round: r.round },
      })),
      // Said only when some answers came in another way than online (paper, phone, events…).
      ...facts.rounds
        .filter((r) => Object.keys(r.channels ?? {}).some((c) => c !== "online"))
        .map((r) => ({
          key: "channels",
          params: { round: r.round },
          channels: Object.fromEntries(Object.entries(r.channels!).map(([c, n]) => [c, staff ? n : null])),
        })),
    ],
    "8": [
      { key: "scale" },
      { key: "summarised" },
      ...calculated.filter((r) => r.method!.weighted).map((r) => ({ key: "raked", params: { round: r.round, name: r.method!.marginsName ?? "" } })),
    ],
    "9a":
      calculated.length === 0
        ? [{ key: "notCalculated" }]
        : calculated.every((r) => sameRule(r.method!, calculated[0].method!))
          ? [ruleLines(null, calculated[0].method!), { key: "sameRule" }]
          : calculated.map((r) => ruleLines(r.round, r.method!)),
    "9b": [{ key: "inclusion" }],
    "12": staff
      ? [
          ...facts.rounds.map((r) => ({
            key: r.responses === null ? "roundNotCalculated" : "roundPeople",
            params: { round: r.round, people: r.responses ?? 0 },
            groups: r.byGroup,
          })),
          ...facts.retention.map((x) => ({
            key: "retention",
            params: { from: x.from, to: x.to, before: x.before, retained: x.retained, rate: x.before ? Math.round((1000 * x.retained) / x.before) / 10 : 0 },
          })),
        ]
      : [{ key: "seeWhoTookPart" }],
    "13a": first ? [{ key: "start", params: { count: first.rated.length }, codes: first.rated }] : [{ key: "notCalculated" }],
    "13b": [
      ...facts.rounds.filter((r) => r.added.length).map((r) => ({ key: "added", params: { round: r.round }, codes: r.added })),
      ...facts.rounds.filter((r) => r.carried.length).map((r) => ({ key: "carried", params: { round: r.round }, codes: r.carried })),
      ...(facts.retired.length ? [{ key: "retired", codes: facts.retired }] : []),
    ],
    "14": facts.finalSet
      ? [
          {
            key: facts.finalSet.status === "agreed" ? "finalAgreed" : "finalNotAgreed",
            params: { version: facts.finalSet.version },
            codes: facts.finalSet.included,
          },
        ]
      : [{ key: "finalNone" }, ...(facts.framework.length ? [{ key: "framework", codes: facts.framework }] : [])],
  };
  if (lines["6b"].length === 0) lines["6b"] = [{ key: "noneDropped" }];
  if (lines["13b"].length === 0) lines["13b"] = [{ key: "noneChanged" }];
  return COS_STAR_ITEMS.map((item) => {
    if (item.answer === "officer") {
      const written = texts[item.id];
      return written?.text.trim() ? { ...item, lines: [{ key: "written", text: written }], missing: false } : { ...item, lines: [], missing: true };
    }
    return { ...item, lines: lines[item.id] ?? [], missing: false };
  });
}
