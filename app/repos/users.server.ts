import { and, eq, sql } from "drizzle-orm";
import { memberships, partnerships, users, type Role } from "../../db/schema";
import type { DB } from "../db.server";

export function findUserForSignIn(db: DB, email: string) {
  return db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .get();
}

export function findUserIdByEmail(db: DB, email: string): number | undefined {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase())).get()?.id;
}

export function insertUser(
  db: DB,
  values: { email: string; displayName: string; passwordHash: string | null; organisationId?: number | null },
): number {
  return db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: users.id })
    .get().id;
}

export interface MembershipView {
  partnershipId: number;
  partnershipSlug: string;
  partnershipName: string;
  role: Role;
}

export function listMembershipsOfUser(db: DB, userId: number): MembershipView[] {
  return db
    .select({
      partnershipId: partnerships.id,
      partnershipSlug: partnerships.slug,
      partnershipName: partnerships.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
    .where(eq(memberships.userId, userId))
    .orderBy(partnerships.name, memberships.role)
    .all();
}

export function hasRole(db: DB, userId: number, partnershipId: number, roles: readonly Role[]): boolean {
  const rows = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.partnershipId, partnershipId)))
    .all();
  return rows.some((r) => roles.includes(r.role));
}

export function listPartnershipPeople(db: DB, partnershipId: number) {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: memberships.role,
      membershipId: memberships.id,
      activated: sql<number>`${users.passwordHash} IS NOT NULL`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.partnershipId, partnershipId))
    .orderBy(users.displayName, memberships.role)
    .all();
}

export function addMembership(db: DB, userId: number, partnershipId: number, role: Role): boolean {
  return (
    db.insert(memberships).values({ userId, partnershipId, role }).onConflictDoNothing().run().changes > 0
  );
}

export function removeMembership(db: DB, membershipId: number, partnershipId: number) {
  return db
    .delete(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.partnershipId, partnershipId)))
    .returning({ userId: memberships.userId, role: memberships.role })
    .get();
}

export function countAdministrators(db: DB, partnershipId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, "administrator")))
      .get()?.n ?? 0
  );
}
