import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { findOutcomeSet } from "../services/outcome-sets.server";
import { exportFile, exportOutcomeSet, type ExportFile, type ExportFormat } from "../services/outcome-set-export.server";
import { requireConsultationRole } from "./consultation-access.server";

type RouteArgs = { request: Request; context: AppLoadContext; params: unknown };

/**
 * Every outcome-set page and download: commissioners of the consultation's
 * partnership only (404 for an unknown consultation, sign-in or 403 otherwise).
 * `actor` is who the outcome-set services act for.
 */
export async function requireCommissioner(args: RouteArgs) {
  return await requireConsultationRole(args, ["commissioner"]);
}

const versionSchema = z
  .string()
  .regex(/^[1-9]\d{0,5}$/)
  .transform(Number);

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

/** The latest version of the outcome set (the one its edit pages change), for a commissioner; 404 before there is one. */
export async function requireLatestOutcomeSet(args: RouteArgs) {
  const access = await requireCommissioner(args);
  const set = await findOutcomeSet(args.context.db, access.consultation.id);
  if (!set) throw new Response("Not Found", { status: 404 });
  return { ...access, set, base: `/consultations/${access.consultation.slug}/framework` };
}

/** The latest version and its outcome named by :code; 404 when either is missing. */
export async function requireLatestOutcome(args: RouteArgs) {
  const access = await requireLatestOutcomeSet(args);
  const code = codeParam((args.params as { code?: string }).code);
  const outcome = access.set.content.outcomes.find((o) => o.code === code);
  if (!outcome) throw new Response("Not Found", { status: 404 });
  return { ...access, outcome };
}

/** The export model of the version named by :version, for a commissioner (404 when there is no such version); audited. */
export async function requireOutcomeSetExport(args: RouteArgs, format: ExportFormat) {
  const { consultation, actor, locale } = await requireCommissioner(args);
  const version = versionParam((args.params as { version?: string }).version);
  const exported = await exportOutcomeSet(args.context.db, { actor, consultation, version, format }, new Date());
  if (!exported) throw new Response("Not Found", { status: 404 });
  return { ...exported, locale };
}

/** A download: never cached, never sniffed as something else. */
function downloadResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** One outcome-set version as a file in `format` (streamed), for the download routes. */
export async function outcomeSetDownload(args: RouteArgs, format: Exclude<ExportFormat, "schedule">): Promise<Response> {
  const { doc, name } = await requireOutcomeSetExport(args, format);
  return downloadResponse(exportFile(doc, name, format));
}
