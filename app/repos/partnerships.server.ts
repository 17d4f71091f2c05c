import { eq } from "drizzle-orm";
import { partnerships } from "../../db/schema";
import type { DB } from "../db.server";

export function findPartnershipBySlug(db: DB, slug: string) {
  return db
    .select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.slug, slug))
    .get();
}

export function findPartnershipById(db: DB, id: number) {
  return db.select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name }).from(partnerships).where(eq(partnerships.id, id)).get();
}
