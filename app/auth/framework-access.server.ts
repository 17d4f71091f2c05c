import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireConsultationRole } from "./consultation-access.server";
import type { Actor, Scope } from "../services/frameworks.server";

/**
 * Every outcome-set page and download: commissioners of the consultation's
 * partnership only (404 for an unknown consultation, sign-in or 403 otherwise).
 */
export async function requireCommissioner(args: { request: Request; context: AppLoadContext; params: unknown }) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["commissioner"]);
  const scope: Scope = { consultationId: consultation.id, partnershipId: consultation.partnershipId };
  const actor: Actor = { id: user.id, displayName: user.displayName };
  return { consultation, user, locale, scope, actor };
}

const versionSchema = z.string().regex(/^[1-9]\d{0,5}$/).transform(Number);

/** A version number from a route parameter or query value; 404 when it is not one. */
export function versionParam(value: unknown): number {
  const parsed = versionSchema.safeParse(value);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return parsed.data;
}

const codeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);
export function codeParam(value: unknown): string {
  const parsed = codeSchema.safeParse(value);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return parsed.data;
}
