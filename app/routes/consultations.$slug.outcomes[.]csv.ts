import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { toCsv } from "../domain/csv";
import { listLibrary } from "../services/outcomes.server";

/** The candidate outcome library as CSV (the import format, plus source and status), safe for spreadsheets. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const rows = await listLibrary(args.context.db, consultation.id, "en");
  const body = toCsv(
    ["code", "domain", "statement", "description", "source", "status"],
    rows.map((o) => [o.code, o.domain, o.statement, o.description, o.source, o.status]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${consultation.slug}-outcomes.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
