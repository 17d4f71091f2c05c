import { and, eq, sql } from "drizzle-orm";
import { memberships, partnerships, users, type Role } from "../../db/tables";
import { changedRows, type DB } from "../db.server";

export async function findUserForSignIn(db: DB, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserIdByEmail(db: DB, email: string): Promise<number | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()));
  return row?.id;
}

export async function insertUser(
  db: DB,
  values: { email: string; displayName: string; passwordHash: string | null; organisationId?: number | null },
): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: users.id });
  return row.id;
}

export interface MembershipView {
  partnershipId: number;
  partnershipSlug: string;
  partnershipName: string;
  role: Role;
}

export async function listMembershipsOfUser(db: DB, userId: number): Promise<MembershipView[]> {
  return await db
    .select({
      partnershipId: partnerships.id,
      partnershipSlug: partnerships.slug,
      partnershipName: partnerships.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
    .where(eq(memberships.userId, userId))
    .orderBy(partnerships.name, memberships.role);
}

export async function hasRole(db: DB, userId: number, partnershipId: number, roles: readonly Role[]): Promise<boolean> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.partnershipId, partnershipId)));
  return rows.some((r) => roles.includes(r.role));
}

export async function listPartnershipPeople(db: DB, partnershipId: number) {
  return await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: memberships.role,
      membershipId: memberships.id,
      // 1/0 on both databases (PostgreSQL answers a boolean).
      activated: sql<number>`${users.passwordHash} IS NOT NULL`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.partnershipId, partnershipId))
    .orderBy(users.displayName, memberships.role);
}

export async function addMembership(db: DB, userId: number, partnershipId: number, role: Role): Promise<boolean> {
  return changedRows(await db.insert(memberships).values({ userId, partnershipId, role }).onConflictDoNothing()) > 0;
}

export async function removeMembership(db: DB, membershipId: number, partnershipId: number) {
  const [row] = await db
    .delete(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.partnershipId, partnershipId)))
    .returning({ userId: memberships.userId, role: memberships.role });
  return row;
}

export async function countAdministrators(db: DB, partnershipId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, "administrator")));
  return row?.n ?? 0;
}
