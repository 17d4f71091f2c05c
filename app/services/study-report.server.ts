/**
 * The study report against the COS-STAR checklist (app/domain/publication/cos-star):
 * the facts gathered from the whole study and the officer's texts for the items only
 * a person can write, saved with an audit entry.
 */
import type { Actor } from "../domain/actor";
import { type DB, inTransaction } from "../db.server";
import { cosStarReport, OFFICER_ITEMS, type CosStarItem, type StudyFacts } from "../domain/publication/cos-star";
import { appendAudit } from "../repos/audit.server";
import { findOutcomeSet } from "../repos/outcome-sets.server";
import { outcomeStatements } from "../repos/results.server";
import { consultationWording, listReportTexts, putReportText, studyReportData } from "../repos/study-report.server";
import { responsesByChannel } from "./response-imports.server";
import { loadStudy } from "./study.server";

/** Sources grouped by what comes before a colon ("Seed 002: integrated personal budgets" counts under "Seed 002"). */
function sourceGroups(sources: ReadonlyArray<{ source: string; outcomes: number }>) {
  const groups = new Map<string, number>();
  for (const s of sources) {
    const name = s.source.includes(":") ? s.source.slice(0, s.source.indexOf(":")).trim() : s.source;
    groups.set(name, (groups.get(name) ?? 0) + s.outcomes);
  }
  return [...groups].map(([source, outcomes]) => ({ source, outcomes })).sort((a, b) => b.outcomes - a.outcomes || a.source.localeCompare(b.source));
}

export async function studyFacts(db: DB, consultationId: number, locale: string): Promise<StudyFacts> {
  const data = await studyReportData(db, consultationId, locale);
  const loaded = await loadStudy(db, consultationId);
  const decided = new Map(loaded.study.rounds.map((r) => [r.round, r]));
  const set = await findOutcomeSet(db, consultationId);
  const channels = new Map((await responsesByChannel(db, consultationId)).map((r) => [r.round, r.channels]));
  const retention = [];
  for (const [k, r] of data.rounds.slice(1).entries())
    retention.push({ from: data.rounds[k].number, to: r.number, ...(await data.retained(data.rounds[k].id, r.id)) });
  return {
    title: data.title,
    partnership: data.partnership,
    summary: data.summary,
    audience: data.audience,
    advisoryGroup: data.group
      ? {
          name: data.group.name,
          members: data.group.members.reduce((a, g) => a + g.n, 0),
          byGroup: Object.fromEntries(data.group.members.map((g) => [g.grp, g.n])),
        }
      : null,
    localities: data.group?.localities ?? [],
    rounds: data.rounds.map((r) => {
      const state = loaded.rounds.find((x) => x.roundId === r.id);
      const d = decided.get(r.number);
      const c = state?.calculation ?? null;
      const p = c?.method.parameters;
      return {
        round: r.number,
        responses: c?.responseCount ?? null,
        byGroup: r.byGroup,
        showFeedback: r.showFeedback,
        feedbackBy: r.feedbackBy,
        channels: channels.get(r.number) ?? {},
        allowNewParticipants: r.allowNewParticipants,
        method: p
          ? {
              rule: p.rule,
              thresholdIn: p.thresholdIn,
              thresholdOut: p.thresholdOut,
              bound: p.bound,
              groups: p.groups,
              groupWeighting: p.groupWeighting,
              weighted: p.weighted,
              marginsName: c!.marginsName,
            }
          : null,
        rated: d?.rated ?? [],
        consensusIn: d?.consensusIn ?? [],
        consensusOut: d?.consensusOut ?? [],
        noConsensus: d?.noConsensus ?? [],
        added: d?.added ?? [],
        carried: d?.carried ?? [],
      };
    }),
    retention,
    sources: sourceGroups(data.sources),
    proposalsAccepted: data.proposals,
    themes: data.themes,
    retired: data.dropped,
    finalSet: set ? { status: set.status, version: set.version, included: set.content.outcomes.filter((o) => o.included).map((o) => o.code) } : null,
    framework: loaded.study.outcomes.filter((o) => o.framework.included).map((o) => o.code),
  };
}

export async function studyReport(
  db: DB,
  consultationId: number,
  locale: string,
  audience: "staff" | "public",
): Promise<{ items: CosStarItem[]; statements: Record<string, string>; texts: Record<string, { text: string; lang: string }> }> {
  const texts = await listReportTexts(db, consultationId);
  return {
    items: cosStarReport(await studyFacts(db, consultationId, locale), texts, { audience }),
    statements: await outcomeStatements(db, consultationId, locale),
    texts,
  };
}

/**
 * The public COS-STAR items in each of `locales` (for a published summary): the study's facts
 * are gathered once; only the consultation's title and summary differ between languages.
 */
export async function publicReports(db: DB, consultationId: number, locales: readonly string[]): Promise<Record<string, CosStarItem[]>> {
  const facts = await studyFacts(db, consultationId, "en");
  const texts = await listReportTexts(db, consultationId);
  const reports: Record<string, CosStarItem[]> = {};
  for (const l of locales) reports[l] = cosStarReport({ ...facts, ...(await consultationWording(db, consultationId, l)) }, texts, { audience: "public" });
  return reports;
}

export async function saveReportTexts(
  db: DB,
  input: { consultationId: number; actor: Actor; texts: Record<string, string>; locale: string },
  now: Date,
): Promise<void> {
  const { consultationId, actor, texts, locale } = input;
  await inTransaction(db, async (tx) => {
    const changed: string[] = [];
    const before = await listReportTexts(tx, consultationId);
    for (const item of OFFICER_ITEMS) {
      const text = texts[item] ?? "";
      if ((before[item]?.text ?? "") === text) continue;
      await putReportText(tx, { consultationId, item, text, locale, updatedBy: actor.userId, updatedAt: now });
      changed.push(item);
    }
    if (changed.length)
      await appendAudit(tx, {
        at: now,
        actorUserId: actor.userId,
        partnershipId: actor.partnershipId,
        action: "study_report.texts_saved",
        entityType: "consultation",
        entityId: consultationId,
        details: { items: changed },
      });
  });
}
