import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { advisoryGroupMembers, advisoryGroups } from "../../db/tables";
import { changedRows, type DB } from "../db.server";
import type { MemberInput } from "../domain/advisory-groups/members";

export async function listGroups(db: DB, partnershipId: number) {
  return await db
    .select({
      id: advisoryGroups.id,
      name: advisoryGroups.name,
      description: advisoryGroups.description,
      // Named in full: drizzle writes a one-table select's columns unqualified ("id"), which inside
      // this subquery would be the member's id.
      members: sql<number>`(select count(*) from advisory_group_members m where m.group_id = advisory_groups.id and m.left_at is null)`,
    })
    .from(advisoryGroups)
    .where(eq(advisoryGroups.partnershipId, partnershipId))
    .orderBy(asc(advisoryGroups.name));
}

export async function findGroup(db: DB, partnershipId: number, groupId: number) {
  const [row] = await db
    .select({ id: advisoryGroups.id, name: advisoryGroups.name, description: advisoryGroups.description, partnershipId: advisoryGroups.partnershipId })
    .from(advisoryGroups)
    .where(and(eq(advisoryGroups.id, groupId), eq(advisoryGroups.partnershipId, partnershipId)));
  return row;
}

export async function groupNameTaken(db: DB, partnershipId: number, name: string): Promise<boolean> {
  const [row] = await db
    .select({ id: advisoryGroups.id })
    .from(advisoryGroups)
    .where(and(eq(advisoryGroups.partnershipId, partnershipId), sql`lower(${advisoryGroups.name}) = lower(${name})`))
    .limit(1);
  return !!row;
}

export async function insertGroup(db: DB, partnershipId: number, name: string, description: string): Promise<number> {
  const [row] = await db.insert(advisoryGroups).values({ partnershipId, name, description }).returning({ id: advisoryGroups.id });
  return row.id;
}

const memberColumns = {
  id: advisoryGroupMembers.id,
  displayName: advisoryGroupMembers.displayName,
  email: advisoryGroupMembers.email,
  stakeholderGroup: advisoryGroupMembers.stakeholderGroup,
  preferredLocale: advisoryGroupMembers.preferredLocale,
  ageBand: advisoryGroupMembers.ageBand,
  sex: advisoryGroupMembers.sex,
  locality: advisoryGroupMembers.locality,
  ethnicity: advisoryGroupMembers.ethnicity,
  profileConsentAt: advisoryGroupMembers.profileConsentAt,
  joinedAt: advisoryGroupMembers.joinedAt,
  leftAt: advisoryGroupMembers.leftAt,
};

/** Current members (not left), by name. */
export async function listMembers(db: DB, groupId: number) {
  return await db
    .select(memberColumns)
    .from(advisoryGroupMembers)
    .where(and(eq(advisoryGroupMembers.groupId, groupId), isNull(advisoryGroupMembers.leftAt)))
    .orderBy(asc(advisoryGroupMembers.displayName), asc(advisoryGroupMembers.id));
}

export async function countMembersWhoLeft(db: DB, groupId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(advisoryGroupMembers)
    .where(and(eq(advisoryGroupMembers.groupId, groupId), sql`${advisoryGroupMembers.leftAt} is not null`));
  return row!.n;
}

export async function findMember(db: DB, groupId: number, memberId: number) {
  const [row] = await db
    .select(memberColumns)
    .from(advisoryGroupMembers)
    .where(and(eq(advisoryGroupMembers.id, memberId), eq(advisoryGroupMembers.groupId, groupId)));
  return row;
}

/** Lower-cased emails of current members (for duplicates), optionally leaving one member out. */
export async function currentMemberEmails(db: DB, groupId: number, exceptMemberId?: number): Promise<Set<string>> {
  const rows = await db
    .select({ id: advisoryGroupMembers.id, email: advisoryGroupMembers.email })
    .from(advisoryGroupMembers)
    .where(and(eq(advisoryGroupMembers.groupId, groupId), isNull(advisoryGroupMembers.leftAt)));
  return new Set(rows.filter((r) => r.id !== exceptMemberId && r.email).map((r) => r.email!.toLowerCase()));
}

function memberValues(m: MemberInput, now: Date, keepConsentAt: Date | null) {
  return {
    displayName: m.displayName,
    email: m.email,
    stakeholderGroup: m.stakeholderGroup,
    preferredLocale: m.preferredLocale,
    ageBand: m.profileConsent ? m.ageBand : null,
    sex: m.profileConsent ? m.sex : null,
    locality: m.profileConsent ? m.locality : null,
    ethnicity: m.profileConsent ? m.ethnicity : null,
    profileConsentAt: m.profileConsent ? (keepConsentAt ?? now) : null,
  };
}

export async function insertMember(db: DB, groupId: number, m: MemberInput, now: Date): Promise<number> {
  const [row] = await db
    .insert(advisoryGroupMembers)
    .values({ groupId, ...memberValues(m, now, null), joinedAt: now })
    .returning({ id: advisoryGroupMembers.id });
  return row.id;
}

export async function updateMember(db: DB, groupId: number, memberId: number, m: MemberInput, previousConsentAt: Date | null, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(advisoryGroupMembers)
        .set(memberValues(m, now, previousConsentAt))
        .where(and(eq(advisoryGroupMembers.id, memberId), eq(advisoryGroupMembers.groupId, groupId), isNull(advisoryGroupMembers.leftAt))),
    ) > 0
  );
}

export async function markMemberLeft(db: DB, groupId: number, memberId: number, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(advisoryGroupMembers)
        .set({ leftAt: now })
        .where(and(eq(advisoryGroupMembers.id, memberId), eq(advisoryGroupMembers.groupId, groupId), isNull(advisoryGroupMembers.leftAt))),
    ) > 0
  );
}
