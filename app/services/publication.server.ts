/**
 * The officer's publishing workflow (draft → preview → publish → unpublish /
 * republish with a change note) and the public reads of published versions.
 */
import { publishedProvenance } from "./themes.server";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { type DB, dialect, inTransaction } from "../db.server";
import type { Actor } from "../domain/actor";
import type { AggregateResult } from "../domain/aggregation";
import { allow, allowed, refuse, type Decision } from "../domain/decision";
import { CONSULTATION_STATUSES, CONSULTATION_TRANSITIONS, type ConsultationStatus } from "../domain/consultation/lifecycle";
import {
  buildSummary,
  EASY_READ_POINTS,
  NARRATIVE_FIELDS,
  populationShares,
  type Licence,
  type Narrative,
  type OutcomeSetInput,
  type ThemeInput,
  type PublishedSummary,
  type StudyInput,
  type SummaryInput,
} from "../domain/publication/summary";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../i18n/config";
import { formatDate } from "../i18n/format.server";
import { appendAudit } from "../repos/audit.server";
import {
  consultationTitles,
  contactEmailOf,
  currentImages,
  findDraft,
  findImage,
  findVersion,
  insertImage,
  insertVersion,
  latestPublishedVersions,
  listTexts,
  listVersions,
  participationCountsAcrossRounds,
  replaceImages,
  setConsultationStatus,
  upsertDraft,
  upsertText,
  withdrawVersion,
} from "../repos/publication.server";
import { findLatestAgreedOutcomeSet } from "../repos/outcome-sets.server";
import { listPublishedThemes } from "../repos/moderation.server";
import { findMargins, findResult, listMargins, listResultVersions, listRounds, outcomeStatements } from "../repos/results.server";
import { invalidatePublished } from "./published-cache.server";
import { publicReports } from "./study-report.server";
import { loadStudy } from "./study.server";

export interface ConsultationRef {
  id: number;
  slug: string;
  status: string;
  partnershipId: number;
  partnershipName: string;
}

export interface DraftState {
  roundNumber: number | null;
  resultVersion: number | null;
  marginsId: number | null;
  licence: Licence;
  texts: Record<string, Narrative & { easyReadAlt: Record<string, string> }>;
  images: Record<string, number>;
  updatedAt: Date | null;
}

export async function loadDraft(db: DB, consultationId: number): Promise<DraftState> {
  const draft = await findDraft(db, consultationId);
  const rows = await listTexts(db, consultationId);
  const texts: DraftState["texts"] = {};
  for (const r of rows)
    texts[r.locale] = { whatWeAsked: r.whatWeAsked, whatWeDid: r.whatWeDid, method: r.method, contact: r.contact, easyReadAlt: r.easyReadAlt };
  return {
    roundNumber: draft?.roundNumber ?? null,
    resultVersion: draft?.resultVersion ?? null,
    marginsId: draft?.marginsId ?? null,
    licence: draft?.licence ?? "OGL-3.0",
    texts,
    images: await currentImages(db, consultationId),
    updatedAt: draft?.updatedAt ?? null,
  };
}

/** The rounds with at least one stored result, and each one's versions, for the draft form. */
export async function resultChoices(db: DB, consultationId: number) {
  const choices = [];
  for (const r of await listRounds(db, consultationId))
    choices.push({
      number: r.number,
      versions: (await listResultVersions(db, r.id)).map((v) => ({ version: v.version, responseCount: v.responseCount, createdAt: v.createdAt })),
    });
  return choices.filter((r) => r.versions.length > 0);
}

export async function marginChoices(db: DB, consultationId: number) {
  return (await listMargins(db, consultationId)).map((m) => ({ id: m.id, name: m.name }));
}

/** The officer's publication page: the draft, what it may choose from, and the versions published so far. */
export async function publicationPage(db: DB, consultation: { id: number; slug: string; title: string; status: string }, locale: string) {
  const draft = await loadDraft(db, consultation.id);
  const versions = await listVersions(db, consultation.id);
  return {
    consultation: { slug: consultation.slug, title: consultation.title, status: consultation.status },
    locales: SUPPORTED_LOCALES.map((l) => ({ code: l, name: LOCALE_NAMES[l] })),
    draft: { ...draft, updatedAt: draft.updatedAt ? formatDate(draft.updatedAt.toISOString(), locale) : null },
    results: (await resultChoices(db, consultation.id)).map((r) => ({
      number: r.number,
      versions: r.versions.map((v) => ({ version: v.version, responseCount: v.responseCount, createdAt: formatDate(v.createdAt.toISOString(), locale) })),
    })),
    margins: await marginChoices(db, consultation.id),
    versions: versions.map((v) => ({
      version: v.version,
      changeNote: v.changeNote,
      publishedAt: formatDate(v.publishedAt.toISOString(), locale),
      withdrawn: Boolean(v.withdrawnAt),
    })),
    canPublish: canPublish(consultation.status),
  };
}

export type PublicationPage = Awaited<ReturnType<typeof publicationPage>>;

export type AssembleOutcome = Decision<"no-result", SummaryInput>;

/** Gathers everything a summary is built from, as the draft says. */
export async function assembleSummaryInput(db: DB, consultation: ConsultationRef, draft: DraftState): Promise<AssembleOutcome> {
  const rounds = await listRounds(db, consultation.id);
  const withResults = [];
  for (const r of rounds) if (await findResult(db, r.id)) withResults.push(r);
  const round = draft.roundNumber === null ? withResults.at(-1) : withResults.find((r) => r.number === draft.roundNumber);
  if (!round) return refuse("no-result");
  const stored = await findResult(db, round.id, draft.resultVersion ?? undefined);
  if (!stored) return refuse("no-result");
  const result = stored.result as unknown as AggregateResult;
  const resultMargins = stored.marginsId ? await findMargins(db, stored.marginsId, consultation.id) : null;
  const populationMargins = draft.marginsId ? await findMargins(db, draft.marginsId, consultation.id) : resultMargins;
  const statements: Record<string, Record<string, string>> = {};
  for (const l of SUPPORTED_LOCALES) statements[l] = await outcomeStatements(db, consultation.id, l);
  // The whole study up to the chosen round (methods §4, "Across rounds"): every round's latest
  // calculation, the chosen version for the chosen round.
  const loaded = await loadStudy(db, consultation.id, { upToRound: round.number, version: { round: round.number, version: stored.version } });
  const calculated = loaded.rounds.filter((r) => r.calculation);
  const decided = new Map(loaded.study.rounds.map((r) => [r.round, r]));
  const study: StudyInput = {
    rounds: calculated.map((r) => {
      const d = decided.get(r.number)!;
      return {
        round: r.number,
        participants: r.calculation!.responseCount,
        consensusIn: d.consensusIn,
        consensusOut: d.consensusOut,
        noConsensus: d.noConsensus,
        added: d.added,
        carried: d.carried,
      };
    }),
    outcomes: loaded.study.outcomes.map((o) => ({
      code: o.code,
      rank: o.framework.rank,
      round: o.round,
      consensus: o.item.consensus,
      scored: o.item.n - o.item.nUnable,
      percentCritical: o.item.weightedPercentCritical,
      history: o.history.map((h) => ({ round: h.round, scored: h.n - h.nUnable, percentCritical: h.percentCritical, consensus: h.consensus })),
    })),
  };
  const narrative: Record<string, Narrative> = {};
  for (const [locale, t] of Object.entries(draft.texts)) {
    narrative[locale] = Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, t[f]])) as Narrative;
  }
  const p = result.method.parameters;
  return allow({
    slug: consultation.slug,
    partnershipName: consultation.partnershipName,
    contactEmail: await contactEmailOf(db, consultation.id),
    licence: draft.licence,
    titles: await consultationTitles(db, consultation.id),
    narrative,
    round: round.number,
    participation: await participationCountsAcrossRounds(
      db,
      calculated.map((r) => r.roundId),
    ),
    population: populationMargins ? { name: populationMargins.name, locality: populationShares(populationMargins.rows, "locality") } : null,
    result: {
      parameters: {
        rule: p.rule,
        thresholdIn: p.thresholdIn,
        thresholdOut: p.thresholdOut,
        bound: p.bound,
        groups: p.groups,
        groupWeighting: p.groupWeighting,
      },
      weighting: result.weighting
        ? {
            deff: result.weighting.deff,
            nEff: result.weighting.nEff,
            variables: [...new Set((resultMargins?.rows ?? []).map((r) => r.variable))],
            marginsName: resultMargins?.name ?? null,
          }
        : null,
      items: result.items,
    },
    statements,
    study,
    howDone: await publicReports(db, consultation.id, SUPPORTED_LOCALES),
    themes: await publishedThemes(db, consultation.id),
    provenance: await publishedProvenance(db, consultation.id),
    outcomeSet: await agreedOutcomeSet(db, consultation.id),
    easyRead: Object.fromEntries(
      EASY_READ_POINTS.map((point) => [
        point,
        { imageId: draft.images[point] ?? null, alt: Object.fromEntries(Object.entries(draft.texts).map(([l, t]) => [l, t.easyReadAlt?.[point] ?? ""])) },
      ]),
    ) as SummaryInput["easyRead"],
  } satisfies SummaryInput);
}

/**
 * The codebook's themes with the quotes officers approved in moderation. A quote
 * tagged with several themes is shown once, under the first of them that is published. Theme
 * names are the officer's (one language); a quote's language is not recorded, so it is marked
 * as unknown (lang="").
 */
async function publishedThemes(db: DB, consultationId: number): Promise<ThemeInput[]> {
  const { themes, quotes } = await listPublishedThemes(db, consultationId);
  const shown = new Set<number>();
  const ordered = [...themes].filter((t) => t.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return ordered.map((t) => ({
    key: String(t.id),
    labels: { en: t.name },
    count: t.count,
    byGroup: t.byGroup,
    quotes: quotes.filter((q) => q.themeIds.includes(t.id) && !shown.has(q.id) && shown.add(q.id)).map((q) => ({ text: q.text, lang: "" })),
  }));
}

/** The latest outcome set the commissioners agreed and signed, as the summary shows it. */
async function agreedOutcomeSet(db: DB, consultationId: number): Promise<OutcomeSetInput | null> {
  const agreed = await findLatestAgreedOutcomeSet(db, consultationId);
  if (!agreed) return null;
  return {
    version: agreed.version,
    agreedOn: agreed.agreedAt.toISOString().slice(0, 10),
    agreedBy: [...new Set(agreed.signatures.map((s) => s.organisation))],
    outcomes: agreed.outcomes.map((o) => ({
      statements: { en: o.statement },
      domain: { en: o.domain },
      weight: o.finalWeight,
      indicators: o.indicators.map((i) => i.name),
    })),
  };
}

/** The officer's preview: the summary as it would be published, with the exact figures kept beside. */
export async function previewSummary(db: DB, consultation: ConsultationRef): Promise<Decision<"no-result", PublishedSummary>> {
  const assembled = await assembleSummaryInput(db, consultation, await loadDraft(db, consultation.id));
  if (!assembled.ok) return assembled;
  return allow(buildSummary(assembled.value, { includeExact: true }));
}

export interface DraftInput {
  roundNumber: number | null;
  resultVersion: number | null;
  marginsId: number | null;
  licence: Licence;
  texts: Record<string, Narrative & { easyReadAlt: Record<string, string> }>;
}

/** Saves the draft, refusing a result version or margins the consultation does not have. */
export async function saveDraft(db: DB, consultation: ConsultationRef, input: DraftInput, actor: Actor, now: Date): Promise<Decision<"result" | "margins">> {
  const { roundNumber, resultVersion, marginsId } = input;
  if (
    roundNumber !== null &&
    !(await resultChoices(db, consultation.id)).some((r) => r.number === roundNumber && r.versions.some((v) => v.version === resultVersion))
  )
    return refuse("result");
  if (marginsId !== null && !(await marginChoices(db, consultation.id)).some((m) => m.id === marginsId)) return refuse("margins");
  await inTransaction(db, async (tx) => {
    await upsertDraft(tx, {
      consultationId: consultation.id,
      roundNumber: input.roundNumber,
      resultVersion: input.resultVersion,
      marginsId: input.marginsId,
      licence: input.licence,
      updatedBy: actor.userId,
      updatedAt: now,
    });
    for (const [locale, text] of Object.entries(input.texts)) await upsertText(tx, { consultationId: consultation.id, locale, ...text });
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: consultation.partnershipId,
      action: "publication.draft-saved",
      entityType: "consultation",
      entityId: consultation.id,
      details: { licence: input.licence, roundNumber: input.roundNumber, resultVersion: input.resultVersion, marginsId: input.marginsId },
    });
  });
  return allowed;
}

export const IMAGE_TYPES = { "image/png": [0x89, 0x50, 0x4e, 0x47], "image/jpeg": [0xff, 0xd8, 0xff], "image/webp": [0x52, 0x49, 0x46, 0x46] } as const;
export const MAX_IMAGE_BYTES = 1_000_000;

/** The picture's type from its first bytes (never from the name or the browser's claim). */
export function sniffImage(bytes: Uint8Array): keyof typeof IMAGE_TYPES | null {
  for (const [mime, magic] of Object.entries(IMAGE_TYPES)) {
    if (magic.every((b, i) => bytes[i] === b)) {
      if (mime === "image/webp" && String.fromCharCode(...bytes.slice(8, 12)) !== "WEBP") continue;
      return mime as keyof typeof IMAGE_TYPES;
    }
  }
  return null;
}

export async function storeImage(
  db: DB,
  consultation: ConsultationRef,
  point: string,
  bytes: Uint8Array,
  mime: keyof typeof IMAGE_TYPES,
  actor: Actor,
  now: Date,
): Promise<number> {
  return await inTransaction(db, async (tx) => {
    await replaceImages(tx, consultation.id, point, now);
    const id = await insertImage(tx, {
      consultationId: consultation.id,
      point,
      mime,
      data: Buffer.from(bytes),
      sha256: encodeHexLowerCase(sha256(bytes)),
      uploadedBy: actor.userId,
      createdAt: now,
    });
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: consultation.partnershipId,
      action: "publication.image-uploaded",
      entityType: "publication_image",
      entityId: id,
      details: { point, mime, bytes: bytes.length },
    });
    return id;
  });
}

export async function removeImage(db: DB, consultation: ConsultationRef, point: string, actor: Actor, now: Date) {
  await inTransaction(db, async (tx) => {
    await replaceImages(tx, consultation.id, point, now);
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: consultation.partnershipId,
      action: "publication.image-removed",
      entityType: "consultation",
      entityId: consultation.id,
      details: { point },
    });
  });
}

/**
 * Who may publish when: the lifecycle rules (domain/consultation/lifecycle)
 * allow closed → published; a published summary may get a new version.
 */
export function canPublish(status: string): boolean {
  if (status === "published") return true; // a new version of a published summary
  return (CONSULTATION_STATUSES as readonly string[]).includes(status) && CONSULTATION_TRANSITIONS[status as ConsultationStatus].includes("published");
}

export type PublishOutcome = Decision<"not-closed" | "no-result" | "change-note-needed", number>;

export async function publish(
  db: DB,
  consultation: ConsultationRef,
  input: { changeNote: string; changeNoteLang: string },
  actor: Actor,
  now: Date,
): Promise<PublishOutcome> {
  if (!canPublish(consultation.status)) return refuse("not-closed");
  const assembled = await assembleSummaryInput(db, consultation, await loadDraft(db, consultation.id));
  if (!assembled.ok) return assembled;
  const previous = await listVersions(db, consultation.id);
  if (previous.length > 0 && input.changeNote.trim() === "") return refuse("change-note-needed");
  // Built without exact figures: the snapshot holds only what may be published.
  const snapshot = buildSummary(assembled.value);
  const version = await inTransaction(db, async (tx) => {
    const v = await insertVersion(tx, {
      consultationId: consultation.id,
      snapshot: snapshot as unknown as Record<string, unknown>,
      changeNote: input.changeNote.trim(),
      changeNoteLang: input.changeNoteLang,
      publishedBy: actor.userId,
      publishedAt: now,
    });
    await setConsultationStatus(tx, consultation.id, "published", now);
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: consultation.partnershipId,
      action: "publication.published",
      entityType: "consultation",
      entityId: consultation.id,
      details: { version: v, round: snapshot.round, licence: snapshot.licence },
    });
    return v;
  });
  invalidatePublished(consultation.slug);
  return allow(version);
}

export async function unpublish(db: DB, consultation: ConsultationRef, actor: Actor, now: Date): Promise<Decision<"not-published", number>> {
  const current = (await listVersions(db, consultation.id)).find((v) => !v.withdrawnAt);
  if (!current || consultation.status !== "published") return refuse("not-published");
  await inTransaction(db, async (tx) => {
    await withdrawVersion(tx, consultation.id, current.version, now);
    await setConsultationStatus(tx, consultation.id, "closed", now);
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      partnershipId: consultation.partnershipId,
      action: "publication.unpublished",
      entityType: "consultation",
      entityId: consultation.id,
      details: { version: current.version },
    });
  });
  invalidatePublished(consultation.slug);
  return allow(current.version);
}

export { listVersions };

export interface PublishedView {
  summary: PublishedSummary;
  version: number;
  latest: number;
  publishedAt: Date;
  changeNote: string;
  changeNoteLang: string;
  history: Array<{ version: number; publishedAt: Date; changeNote: string; changeNoteLang: string; withdrawn: boolean }>;
}

/**
 * A published version of a consultation's summary (the latest when `version`
 * is undefined): null when there is none, "withdrawn" when it was unpublished.
 */
export async function findPublished(db: DB, consultationId: number, status: string, version?: number): Promise<PublishedView | null | "withdrawn"> {
  const history = await listVersions(db, consultationId);
  const live = history.filter((v) => !v.withdrawnAt);
  if (status !== "published" || live.length === 0) {
    // Unpublished: every version of it is withdrawn from public view.
    const existed = version === undefined ? history.length > 0 : history.some((v) => v.version === version);
    return existed ? "withdrawn" : null;
  }
  const wanted = version ?? live[0].version;
  const meta = history.find((v) => v.version === wanted);
  if (!meta) return null;
  if (meta.withdrawnAt) return "withdrawn";
  const row = (await findVersion(db, consultationId, wanted))!;
  const summary = row.snapshot as unknown as PublishedSummary;
  return {
    summary: dialect === "postgres" ? withListsInCodeOrder(summary) : summary,
    version: wanted,
    latest: live[0].version,
    publishedAt: row.publishedAt,
    changeNote: row.changeNote,
    changeNoteLang: row.changeNoteLang,
    history: history.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt,
      changeNote: v.changeNote,
      changeNoteLang: v.changeNoteLang,
      withdrawn: Boolean(v.withdrawnAt),
    })),
  };
}

/**
 * PostgreSQL keeps the snapshot as jsonb, which gives an object's keys back shortest first rather
 * than as written. The published page lists a COS-STAR line's channels and stakeholder groups in
 * key order, and they were written in code order (the queries behind them sort them so), which
 * SQLite's JSON text keeps: put them back in that order.
 */
function withListsInCodeOrder(summary: PublishedSummary): PublishedSummary {
  if (!summary.howDone) return summary;
  const sorted = <T>(o: Record<string, T> | undefined) => o && Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const howDone = Object.fromEntries(
    Object.entries(summary.howDone).map(([locale, items]) => [
      locale,
      items.map((item) => ({
        ...item,
        lines: item.lines.map((line) => ({
          ...line,
          ...(line.channels ? { channels: sorted(line.channels) } : {}),
          ...(line.groups ? { groups: sorted(line.groups) } : {}),
        })),
      })),
    ]),
  );
  return { ...summary, howDone };
}

/** A picture is public when a live published version shows it; staff of the partnership see any of theirs. */
export async function findPublicImage(db: DB, consultationId: number, status: string, imageId: number) {
  const view = await findPublished(db, consultationId, status);
  const liveIds = new Set<number>();
  if (view && view !== "withdrawn") {
    for (const v of view.history.filter((h) => !h.withdrawn)) {
      const snap = (await findVersion(db, consultationId, v.version))?.snapshot as unknown as PublishedSummary | undefined;
      for (const p of Object.values(snap?.easyRead ?? {})) if (p.imageId) liveIds.add(p.imageId);
    }
  }
  return liveIds.has(imageId) ? await findImage(db, imageId, consultationId) : null;
}

export { findImage, latestPublishedVersions };
