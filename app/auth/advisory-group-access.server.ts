import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../db.server";
import { findGroup, findMember } from "../repos/advisory-groups.server";
import { actorOf } from "../domain/actor";
import { findPartnershipBySlug } from "../repos/partnerships.server";
import { requireRole } from "./guards.server";
import { SLUG_PATTERN } from "../domain/consultation/slug";

const slugParam = z.object({ slug: z.string().regex(SLUG_PATTERN) });
const params = z.object({
  slug: z.string().regex(SLUG_PATTERN),
  groupId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .optional(),
  memberId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .optional(),
});

type Args = { request: Request; context: AppLoadContext; params: unknown };

/** The partnership named by :slug, for one of its officers (advisory groups hold personal data: officers only). */
export async function requirePartnershipOfficer(args: Args) {
  const p = params.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const partnership = await findPartnershipBySlug(getDb(), p.data.slug);
  if (!partnership) throw new Response("Not Found", { status: 404 });
  const user = await requireRole(args, partnership.id, ["officer"]);
  return {
    partnership,
    user,
    actor: actorOf(user, partnership.id),
    groupId: p.data.groupId ? Number(p.data.groupId) : null,
    memberId: p.data.memberId ? Number(p.data.memberId) : null,
  };
}

/** The partnership a /partnerships/:slug route names, for one of its administrators (404 for an unknown slug, before anyone is asked to sign in). */
export async function requirePartnershipAdministrator(args: Args) {
  const p = slugParam.safeParse(args.params);
  const partnership = p.success ? await findPartnershipBySlug(getDb(), p.data.slug) : undefined;
  if (!partnership) throw new Response("Not Found", { status: 404 });
  const user = await requireRole(args, partnership.id, "administrator");
  return { partnership, user, actor: actorOf(user, partnership.id) };
}

/** The advisory group named by :groupId within the partnership named by :slug, for one of its officers; 404 when it is another partnership's. */
export async function requireGroupOfficer(args: Args) {
  const access = await requirePartnershipOfficer(args);
  if (access.groupId == null) throw new Response("Not Found", { status: 404 });
  const group = await findGroup(getDb(), access.partnership.id, access.groupId);
  if (!group) throw new Response("Not Found", { status: 404 });
  return { ...access, group };
}

/** The member named by :memberId in the advisory group named by :groupId, for one of the partnership's officers; 404 when not in that group (or, with `current`, when they have left it). */
export async function requireGroupMember(args: Args, { current = false } = {}) {
  const access = await requireGroupOfficer(args);
  const member = access.memberId == null ? undefined : await findMember(getDb(), access.group.id, access.memberId);
  if (!member || (current && member.leftAt)) throw new Response("Not Found", { status: 404 });
  return { ...access, member };
}
