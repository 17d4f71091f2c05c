import { eq } from "drizzle-orm";
import { partnerships } from "../../db/tables";
import type { DB } from "../db.server";

export async function findPartnershipBySlug(db: DB, slug: string) {
  const [row] = await db
    .select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.slug, slug));
  return row;
}

export async function findPartnershipById(db: DB, id: number) {
  const [row] = await db.select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name }).from(partnerships).where(eq(partnerships.id, id));
  return row;
}
