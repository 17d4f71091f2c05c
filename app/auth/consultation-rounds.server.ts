import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireConsultationRole } from "./consultation-access.server";
import type { Role } from "../../db/schema";
import { getDb } from "../db.server";
import { env } from "../env.server";
import { findConsultationSettings } from "../repos/consultation-admin.server";
import { listRounds } from "../repos/results.server";
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

const resultsQuery = z.object({
  round: z.coerce.number().int().min(1).max(1000).optional(),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

/**
 * The consultation (for `roles` of its partnership) with its rounds and the round whose results
 * are asked for by ?round=N (the last round when not given), and the ?version= asked for: 400 for
 * a malformed query, 404 for a round that does not exist.
 */
export async function requireResultsRound(args: Args, roles: readonly Role[]) {
  const access = await requireConsultationRole(args, roles);
  const rounds = await listRounds(getDb(), access.consultation.id);
  const q = resultsQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!q.success) throw new Response("Bad Request", { status: 400 });
  const round = rounds.find((r) => r.number === (q.data.round ?? rounds.at(-1)?.number));
  if (!round) throw new Response("Not Found", { status: 404 });
  return { ...access, rounds, round, version: q.data.version };
}
