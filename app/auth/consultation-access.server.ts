import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { pageLocale } from "../i18n/i18n.server";
import { actorOf } from "../domain/actor";
import { findConsultationBySlug } from "../repos/consultations.server";
import { forbidden, requireRole, requireUser } from "./guards.server";
import { SLUG_PATTERN } from "../domain/consultation/slug";

const slugParams = z.object({ slug: z.string().regex(SLUG_PATTERN) });

/**
 * The consultation named by the route's :slug, for someone with one of `roles`
 * in its partnership: 404 for a bad or unknown slug, sign-in redirect or 403 otherwise. `actor`
 * is who services act for.
 */
export async function requireConsultationRole(args: { request: Request; context: AppLoadContext; params: unknown }, roles: readonly Role[]) {
  const p = slugParams.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const locale = pageLocale(args.request);
  const consultation = await findConsultationBySlug(getDb(), p.data.slug, locale);
  if (!consultation) throw new Response("Not Found", { status: 404 });
  const user = await requireRole(args, consultation.partnershipId, roles);
  return { consultation, user, locale, actor: actorOf(user, consultation.partnershipId) };
}

/** The partnerships where the signed-in person is an officer, where they may create a consultation: 403 when there are none. */
export async function requireOfficerPartnerships(args: { request: Request; context: AppLoadContext }) {
  const user = await requireUser(args);
  const partnerships = user.memberships
    .filter((m) => m.role === "officer")
    .map((m) => ({ id: m.partnershipId, slug: m.partnershipSlug, name: m.partnershipName }));
  if (partnerships.length === 0) forbidden();
  return { user, partnerships };
}

/** An officer of the partnership chosen in a form (sign-in redirect or 403 otherwise), as the actor services act for. */
export async function requirePartnershipActor(args: { request: Request; context: AppLoadContext }, partnershipId: number) {
  const user = await requireRole(args, partnershipId, "officer");
  return { user, actor: actorOf(user, partnershipId) };
}
