import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { pageLocale } from "../i18n/i18n.server";
import { actorOf } from "../domain/actor";
import { findConsultationBySlug } from "../repos/consultations.server";
import { requireRole } from "./guards.server";

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

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
