import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { listRoundOverviews } from "../repos/consultation-admin.server";
import { requireConsultationRole } from "./consultation-access.server";

const roundParams = z.object({
  number: z
    .string()
    .regex(/^[1-9]\d{0,3}$/)
    .transform(Number),
});

/** The consultation and round named by :slug and :number, for someone with one of `roles` in its partnership (404 when either is unknown). */
export async function requireRoundRole(args: { request: Request; context: AppLoadContext; params: unknown }, roles: readonly Role[]) {
  const access = await requireConsultationRole(args, roles);
  const p = roundParams.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const round = (await listRoundOverviews(getDb(), [access.consultation.id])).find((r) => r.number === p.data.number);
  if (!round) throw new Response("Not Found", { status: 404 });
  return { ...access, round };
}

export function isOfficerOf(user: { memberships: Array<{ partnershipId: number; role: string }> }, partnershipId: number): boolean {
  return user.memberships.some((m) => m.partnershipId === partnershipId && m.role === "officer");
}
