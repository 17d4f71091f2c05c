import { and, eq, sql } from "drizzle-orm";
import { candidateOutcomes, candidateOutcomeTranslations, outcomeDomains, outcomeDomainTranslations } from "../../db/schema";
import type { DB } from "../db.server";

export interface LibraryOutcome {
  code: string;
  domain: string;
  statement: string;
  description: string;
  source: string;
  status: string;
}

/** The library in `locale`, English where a translation is missing, domains in order. */
export function listLibrary(db: DB, consultationId: number, locale: string): LibraryOutcome[] {
  return db.all<LibraryOutcome>(sql`
    SELECT co.code AS code,
           coalesce(dl.name, de.name, '') AS domain,
           coalesce(ol.statement, oe.statement, '') AS statement,
           coalesce(ol.description, oe.description, '') AS description,
           co.source AS source, co.status AS status
      FROM ${candidateOutcomes} co
      LEFT JOIN ${outcomeDomains} d ON d.id = co.domain_id
      LEFT JOIN ${outcomeDomainTranslations} dl ON dl.domain_id = d.id AND dl.locale = ${locale}
      LEFT JOIN ${outcomeDomainTranslations} de ON de.domain_id = d.id AND de.locale = 'en'
      LEFT JOIN ${candidateOutcomeTranslations} ol ON ol.outcome_id = co.id AND ol.locale = ${locale}
      LEFT JOIN ${candidateOutcomeTranslations} oe ON oe.outcome_id = co.id AND oe.locale = 'en'
     WHERE co.consultation_id = ${consultationId}
     ORDER BY coalesce(d.position, 1e9), co.position, co.code`);
}

/** The domain with this English name, created (at the end) when new. */
export function ensureDomain(db: DB, consultationId: number, name: string, code: string): number {
  const existing = db
    .select({ id: outcomeDomains.id })
    .from(outcomeDomains)
    .innerJoin(outcomeDomainTranslations, and(eq(outcomeDomainTranslations.domainId, outcomeDomains.id), eq(outcomeDomainTranslations.locale, "en")))
    .where(and(eq(outcomeDomains.consultationId, consultationId), sql`lower(${outcomeDomainTranslations.name}) = lower(${name})`))
    .get();
  if (existing) return existing.id;
  const position = db.select({ n: sql<number>`count(*)` }).from(outcomeDomains).where(eq(outcomeDomains.consultationId, consultationId)).get()?.n ?? 0;
  let unique = code;
  for (let k = 2; db.select({ id: outcomeDomains.id }).from(outcomeDomains).where(and(eq(outcomeDomains.consultationId, consultationId), eq(outcomeDomains.code, unique))).get(); k++) unique = `${code}-${k}`;
  const id = db.insert(outcomeDomains).values({ consultationId, code: unique, position }).returning({ id: outcomeDomains.id }).get().id;
  db.insert(outcomeDomainTranslations).values({ domainId: id, locale: "en", name }).run();
  return id;
}

/** Creates the outcome or updates its domain and English text; returns whether it was new. */
export function upsertOutcome(
  db: DB,
  consultationId: number,
  values: { code: string; domainId: number; statement: string; description: string; source: string; position: number },
): "created" | "updated" {
  const existing = db
    .select({ id: candidateOutcomes.id })
    .from(candidateOutcomes)
    .where(and(eq(candidateOutcomes.consultationId, consultationId), eq(candidateOutcomes.code, values.code)))
    .get();
  if (existing) {
    db.update(candidateOutcomes).set({ domainId: values.domainId, ...(values.source ? { source: values.source } : {}) }).where(eq(candidateOutcomes.id, existing.id)).run();
    db.insert(candidateOutcomeTranslations)
      .values({ outcomeId: existing.id, locale: "en", statement: values.statement, description: values.description })
      .onConflictDoUpdate({ target: [candidateOutcomeTranslations.outcomeId, candidateOutcomeTranslations.locale], set: { statement: values.statement, description: values.description } })
      .run();
    return "updated";
  }
  const id = db
    .insert(candidateOutcomes)
    .values({ consultationId, domainId: values.domainId, code: values.code, source: values.source, position: values.position })
    .returning({ id: candidateOutcomes.id })
    .get().id;
  db.insert(candidateOutcomeTranslations).values({ outcomeId: id, locale: "en", statement: values.statement, description: values.description }).run();
  return "created";
}

export function countOutcomes(db: DB, consultationId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(candidateOutcomes).where(eq(candidateOutcomes.consultationId, consultationId)).get()?.n ?? 0;
}

