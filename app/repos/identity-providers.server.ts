import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { identityProviders, memberships, partnerships, ssoAttempts, userIdentities, userInvitations, users } from "../../db/tables";
import { changedRows, type DB } from "../db.server";

export type IdentityProvider = typeof identityProviders.$inferSelect;

export async function findIdentityProvider(db: DB, partnershipId: number): Promise<IdentityProvider | undefined> {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.partnershipId, partnershipId));
  return row;
}

/** Partnerships whose staff can sign in with their own identity provider (for the sign-in page). */
export async function listSsoPartnerships(db: DB) {
  return await db
    .select({ slug: partnerships.slug, name: partnerships.name })
    .from(identityProviders)
    .innerJoin(partnerships, eq(partnerships.id, identityProviders.partnershipId))
    .orderBy(partnerships.name);
}

export async function saveIdentityProvider(db: DB, values: Omit<IdentityProvider, "clientSecret"> & { clientSecret: string | null }): Promise<void> {
  const { clientSecret, ...rest } = values;
  const existing = await findIdentityProvider(db, values.partnershipId);
  if (existing) {
    await db
      .update(identityProviders)
      .set({ ...rest, ...(clientSecret ? { clientSecret } : {}) })
      .where(eq(identityProviders.partnershipId, values.partnershipId));
  } else {
    await db.insert(identityProviders).values({ ...rest, clientSecret: clientSecret ?? "" });
  }
}

export async function deleteIdentityProvider(db: DB, partnershipId: number): Promise<boolean> {
  return changedRows(await db.delete(identityProviders).where(eq(identityProviders.partnershipId, partnershipId))) > 0;
}

/** Whether every partnership the user belongs to requires single sign-on (then a password is refused). */
export async function ssoRequiredFor(db: DB, userId: number): Promise<boolean> {
  const rows = await db
    .select({ role: memberships.role, requireSso: identityProviders.requireSso })
    .from(memberships)
    .leftJoin(identityProviders, eq(identityProviders.partnershipId, memberships.partnershipId))
    .where(eq(memberships.userId, userId));
  // Administrators keep their password, so a broken provider can still be fixed.
  return rows.length > 0 && rows.every((r) => r.requireSso === true && r.role !== "administrator");
}

export async function insertSsoAttempt(db: DB, values: typeof ssoAttempts.$inferInsert, now: Date): Promise<void> {
  await db.delete(ssoAttempts).where(lte(ssoAttempts.expiresAt, now));
  await db.insert(ssoAttempts).values(values);
}

/** Takes the attempt with this state (it can be used once), if it has not expired. */
export async function takeSsoAttempt(db: DB, stateHash: string, now: Date) {
  const [row] = await db
    .delete(ssoAttempts)
    .where(and(eq(ssoAttempts.stateHash, stateHash), gt(ssoAttempts.expiresAt, now)))
    .returning();
  return row;
}

export async function findLinkedUser(db: DB, issuer: string, subject: string) {
  const [row] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row;
}

export async function linkIdentity(db: DB, issuer: string, subject: string, userId: number): Promise<void> {
  await db.insert(userIdentities).values({ issuer, subject, userId }).onConflictDoNothing();
}

/** A user with this email who belongs to the partnership (any role). */
export async function findMemberByEmail(db: DB, email: string, partnershipId: number) {
  const [row] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email.toLowerCase()), eq(memberships.partnershipId, partnershipId)))
    .limit(1);
  return row;
}

/** The open invitations for this email to the partnership (an administrator chose their roles). */
export async function findOpenInvitationsByEmail(db: DB, email: string, partnershipId: number, now: Date) {
  return await db
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
    );
}

export async function markInvitationsAccepted(db: DB, ids: number[], now: Date): Promise<void> {
  if (ids.length) await db.update(userInvitations).set({ acceptedAt: now }).where(inArray(userInvitations.id, ids));
}
