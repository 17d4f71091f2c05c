import type { AppLoadContext } from "@remix-run/node";
import { requireConsultationRole } from "./consultation-access.server";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { findConsultationSettings } from "../repos/consultation-admin.server";
import { listRoundsWithDates } from "../repos/round-invitations.server";

type Args = { request: Request; context: AppLoadContext; params: unknown };

/** The consultation (for `roles` of its partnership) with its settings, rounds, and the round chosen by ?round=N (or posted `round`). */
export async function loadConsultationRounds(args: Args, roles: readonly Role[], roundNumber?: string | null) {
  const access = await requireConsultationRole(args, roles);
  const db = getDb();
  const settings = (await findConsultationSettings(db, access.consultation.id))!;
  const rounds = await listRoundsWithDates(db, access.consultation.id);
  const wanted = roundNumber ?? new URL(args.request.url).searchParams.get("round");
  let round = rounds.find((r) => wanted != null && /^[0-9]{1,4}$/.test(wanted) && r.number === Number(wanted));
  if (wanted != null && wanted !== "" && !round) throw new Response("Not Found", { status: 404 });
  round ??= [...rounds].reverse().find((r) => r.status === "open") ?? rounds[rounds.length - 1];
  return { ...access, settings, rounds, round: round ?? null };
}

/** Where links in emails point: APP_ORIGIN when set, else the origin the request came to. */
export function linkOrigin(request: Request): string {
  return env().APP_ORIGIN?.replace(/\/+$/, "") ?? new URL(request.url).origin;
}
