/**
 * A blind second coding of a random sample of one question's answers, and the agreement it
 * measures (methods §7): between the two people (Cohen's κ, Krippendorff's α, each with a 95%
 * bootstrap interval) and of the machine against the second coder (per-theme precision, recall,
 * F1 and macro-F1 with intervals). Each answer's code is the set of themes given to it ("none"
 * when a coder said it had no real content), as in the `agreement` command.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { agreementSampleItems, agreementSamples, users } from "../../db/tables";
import { changedRows, type DB, inTransaction } from "../db.server";
import { allowed, refuse, type Decision } from "../domain/decision";
import { agreementDocument } from "../domain/themes/agreement-report";
import { alphaWithInterval, kappaWithInterval, seededSample } from "../domain/themes/agreement-intervals";
import { appendAudit } from "../repos/audit.server";
import { listThemes } from "../repos/moderation.server";
import { machineCodingsFor, personCodingsFor, themableAnswers } from "../repos/themes.server";
import type { ConsultationActor } from "../domain/actor";

export type Sample = typeof agreementSamples.$inferSelect & { coderName: string | null; items: Array<typeof agreementSampleItems.$inferSelect> };

export async function latestSample(db: DB, consultationId: number, questionId: number): Promise<Sample | null> {
  const [row] = await db
    .select({ s: agreementSamples, coderName: users.displayName })
    .from(agreementSamples)
    .leftJoin(users, eq(users.id, agreementSamples.coderId))
    .where(and(eq(agreementSamples.consultationId, consultationId), eq(agreementSamples.questionId, questionId)))
    .orderBy(desc(agreementSamples.id))
    .limit(1);
  if (!row) return null;
  const items = await db.select().from(agreementSampleItems).where(eq(agreementSampleItems.sampleId, row.s.id)).orderBy(asc(agreementSampleItems.position));
  return { ...row.s, coderName: row.coderName, items };
}

/** Draws a sample of the question's answers with the stated seed; the officer who starts it is its blind coder. */
export async function startSample(db: DB, a: ConsultationActor & { questionId: number; size: number; seed: number }, now: Date): Promise<number> {
  return await inTransaction(db, async (tx) => {
    const ids = (await themableAnswers(tx, a.consultationId, a.questionId)).map((x) => x.answerId);
    const chosen = seededSample(ids, a.size, a.seed);
    const [inserted] = await tx
      .insert(agreementSamples)
      .values({
        consultationId: a.consultationId,
        questionId: a.questionId,
        coderId: a.actor.userId,
        seed: a.seed,
        size: chosen.length,
        createdBy: a.actor.userId,
        createdAt: now,
      })
      .returning({ id: agreementSamples.id });
    const id = inserted!.id;
    for (const [position, answerId] of chosen.entries()) await tx.insert(agreementSampleItems).values({ sampleId: id, answerId, position });
    await appendAudit(tx, {
      at: now,
      actorUserId: a.actor.userId,
      partnershipId: a.actor.partnershipId,
      action: "themes.second-coding-started",
      entityType: "agreement-sample",
      entityId: String(id),
      details: { consultationId: a.consultationId, questionId: a.questionId, size: chosen.length, seed: a.seed },
    });
    return id;
  });
}

/** The next answer the second coder has not coded (its text only: blind to everyone else's codes). */
export async function nextBlindItem(db: DB, consultationId: number, sample: Sample): Promise<{ answerId: number; text: string } | null> {
  const next = sample.items.find((i) => i.codedAt === null);
  if (!next) return null;
  const answer = (await themableAnswers(db, consultationId, sample.questionId, [next.answerId]))[0];
  return answer ? { answerId: answer.answerId, text: answer.text } : null;
}

export async function codeBlindItem(
  db: DB,
  a: ConsultationActor & { sampleId: number; answerId: number; themeIds: number[] },
  now: Date,
): Promise<Decision<"missing" | "not-coder" | "unknown-theme">> {
  return await inTransaction(db, async (tx): Promise<Decision<"missing" | "not-coder" | "unknown-theme">> => {
    const [sample] = await tx
      .select()
      .from(agreementSamples)
      .where(and(eq(agreementSamples.id, a.sampleId), eq(agreementSamples.consultationId, a.consultationId)));
    if (!sample) return refuse("missing");
    if (sample.coderId !== a.actor.userId) return refuse("not-coder");
    const own = new Set((await listThemes(tx, a.consultationId)).map((x) => x.id));
    if (a.themeIds.some((id) => !own.has(id))) return refuse("unknown-theme");
    const changed = changedRows(
      await tx
        .update(agreementSampleItems)
        .set({ themeIds: [...new Set(a.themeIds)].sort((x, y) => x - y), codedAt: now })
        .where(and(eq(agreementSampleItems.sampleId, a.sampleId), eq(agreementSampleItems.answerId, a.answerId), isNull(agreementSampleItems.codedAt))),
    );
    if (!changed) {
      const [exists] = await tx
        .select()
        .from(agreementSampleItems)
        .where(and(eq(agreementSampleItems.sampleId, a.sampleId), eq(agreementSampleItems.answerId, a.answerId)));
      return exists ? allowed : refuse("missing"); // already coded: a repeated submit records nothing new
    }
    return allowed;
  });
}

const NONE = "none";

/** The agreement the sample measures, on the answers the second coder has coded. */
export async function sampleAgreement(db: DB, sample: Sample) {
  const coded = sample.items.filter((i) => i.codedAt !== null);
  const ids = coded.map((i) => i.answerId);
  const person = await personCodingsFor(db, ids);
  const machine = await machineCodingsFor(db, ids);
  const names = new Map((await listThemes(db, sample.consultationId)).map((t) => [String(t.id), t.name]));
  const key = (themes: number[]) => (themes.length ? [...themes].sort((a, b) => a - b).join("+") : NONE);
  const rows: { respondentId: string; coder: string; theme: string }[] = [];
  const kA: string[] = [];
  const kB: string[] = [];
  const alphaUnits: string[][] = [];
  for (const item of coded) {
    const second = item.themeIds ?? [];
    const unit = String(item.answerId);
    for (const th of second.length ? second.map(String) : [NONE]) rows.push({ respondentId: unit, coder: "second", theme: th });
    const p = person.get(item.answerId);
    if (p) for (const th of p.themeIds.length ? p.themeIds.map(String) : [NONE]) rows.push({ respondentId: unit, coder: "person", theme: th });
    const m = machine.get(item.answerId);
    if (m?.length) for (const x of m) rows.push({ respondentId: unit, coder: "machine", theme: String(x.themeId) });
    const codes = [key(second), ...(p ? [key(p.themeIds)] : [])];
    alphaUnits.push(codes);
    if (p) {
      kA.push(key(p.themeIds));
      kB.push(key(second));
    }
  }
  const doc = agreementDocument(rows, { seed: sample.seed, resamples: 1000 });
  const kappa = kA.length ? kappaWithInterval(kA, kB, { seed: sample.seed }) : null;
  const alpha = alphaWithInterval(alphaUnits, { seed: sample.seed });
  const machineVsSecond = doc.f1?.second ?? null;
  const label = (theme: string) => (theme === NONE ? null : (names.get(theme) ?? theme));
  return {
    coded: coded.length,
    bothPeople: kA.length,
    kappa,
    alpha: alpha.pairable ? alpha : null,
    machine: machineVsSecond
      ? {
          units: machineVsSecond.units,
          macro: machineVsSecond.macro,
          ci95: machineVsSecond.ci95,
          byTheme: machineVsSecond.byTheme.map((t) => ({
            theme: label(t.theme),
            precision: t.precision,
            recall: t.recall,
            f1: t.f1,
            support: t.support,
            ci95: t.ci95.f1,
          })),
        }
      : null,
  };
}
