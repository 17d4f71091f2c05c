import { eq } from "drizzle-orm";
import { organisations, partnershipOrganisations, partnerships } from "../../db/schema";
import type { DB } from "../db.server";

export function findPartnershipBySlug(db: DB, slug: string) {
  return db
    .select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.slug, slug))
    .get();
}

export function listPartnershipOrganisations(db: DB, partnershipId: number) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(partnershipOrganisations)
    .innerJoin(organisations, eq(organisations.id, partnershipOrganisations.organisationId))
    .where(eq(partnershipOrganisations.partnershipId, partnershipId))
    .orderBy(organisations.kind, organisations.name)
    .all();
}
