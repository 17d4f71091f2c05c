import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { OUTCOME_CODE } from "../domain/outcome-import";
import { outcomeForEditing } from "../services/outcomes.server";
import { requireConsultationRole } from "./consultation-access.server";

const codeParam = z.object({ code: z.string().regex(OUTCOME_CODE) });

/** The candidate outcome named by :slug and :code, for an officer of the consultation's partnership (404 when either is unknown). */
export async function requireOutcomeOfficer(args: { request: Request; context: AppLoadContext; params: unknown }) {
  const access = await requireConsultationRole(args, ["officer"]);
  const p = codeParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const editing = await outcomeForEditing(args.context.db, access.consultation.id, p.data.code, access.locale);
  if (!editing) throw new Response("Not Found", { status: 404 });
  return { ...access, ...editing };
}
