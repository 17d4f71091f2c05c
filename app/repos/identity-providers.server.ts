import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { identityProviders, memberships, partnerships, ssoAttempts, userIdentities, userInvitations, users } from "../../db/schema";
import type { DB } from "../db.server";

export type IdentityProvider = typeof identityProviders.$inferSelect;

export function findIdentityProvider(db: DB, partnershipId: number): IdentityProvider | undefined {
  return db.select().from(identityProviders).where(eq(identityProviders.partnershipId, partnershipId)).get();
}

/** Partnerships whose staff can sign in with their own identity provider (for the sign-in page). */
export function listSsoPartnerships(db: DB) {
  return db
    .select({ slug: partnerships.slug, name: partnerships.name })
    .from(identityProviders)
    .innerJoin(partnerships, eq(partnerships.id, identityProviders.partnershipId))
    .orderBy(partnerships.name)
    .all();
}

export function saveIdentityProvider(db: DB, values: Omit<IdentityProvider, "clientSecret"> & { clientSecret: string | null }): void {
  const { clientSecret, ...rest } = values;
  const existing = findIdentityProvider(db, values.partnershipId);
  if (existing) {
    db.update(identityProviders)
      .set({ ...rest, ...(clientSecret ? { clientSecret } : {}) })
      .where(eq(identityProviders.partnershipId, values.partnershipId))
      .run();
  } else {
    db.insert(identityProviders).values({ ...rest, clientSecret: clientSecret ?? "" }).run();
  }
}

export function deleteIdentityProvider(db: DB, partnershipId: number): boolean {
  return db.delete(identityProviders).where(eq(identityProviders.partnershipId, partnershipId)).run().changes > 0;
}

/** Whether every partnership the user belongs to requires single sign-on (then a password is refused). */
export function ssoRequiredFor(db: DB, userId: number): boolean {
  const rows = db
    .select({ role: memberships.role, requireSso: identityProviders.requireSso })
    .from(memberships)
    .leftJoin(identityProviders, eq(identityProviders.partnershipId, memberships.partnershipId))
    .where(eq(memberships.userId, userId))
    .all();
  // Administrators keep their password, so a broken provider can still be fixed.
  return rows.length > 0 && rows.every((r) => r.requireSso === true && r.role !== "administrator");
}

export function insertSsoAttempt(db: DB, values: typeof ssoAttempts.$inferInsert, now: Date): void {
  db.delete(ssoAttempts).where(lte(ssoAttempts.expiresAt, now)).run();
  db.insert(ssoAttempts).values(values).run();
}

/** Takes the attempt with this state (it can be used once), if it has not expired. */
export function takeSsoAttempt(db: DB, stateHash: string, now: Date) {
  return db.delete(ssoAttempts).where(and(eq(ssoAttempts.stateHash, stateHash), gt(ssoAttempts.expiresAt, now))).returning().get();
}

export function findLinkedUser(db: DB, issuer: string, subject: string) {
  return db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .get();
}

export function linkIdentity(db: DB, issuer: string, subject: string, userId: number): void {
  db.insert(userIdentities).values({ issuer, subject, userId }).onConflictDoNothing().run();
}

/** A user with this email who belongs to the partnership (any role). */
export function findMemberByEmail(db: DB, email: string, partnershipId: number) {
  return db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email.toLowerCase()), eq(memberships.partnershipId, partnershipId)))
    .get();
}

/** The open invitations for this email to the partnership (an administrator chose their roles). */
export function findOpenInvitationsByEmail(db: DB, email: string, partnershipId: number, now: Date) {
  return db
    .select({ id: userInvitations.id, displayName: userInvitations.displayName, role: userInvitations.role })
    .from(userInvitations)
    .where(
      and(
        eq(userInvitations.email, email.toLowerCase()),
        eq(userInvitations.partnershipId, partnershipId),
        isNull(userInvitations.acceptedAt),
        isNull(userInvitations.revokedAt),
        gt(userInvitations.expiresAt, now),
      ),
    )
    .all();
}

export function markInvitationsAccepted(db: DB, ids: number[], now: Date): void {
  if (ids.length) db.update(userInvitations).set({ acceptedAt: now }).where(inArray(userInvitations.id, ids)).run();
}
