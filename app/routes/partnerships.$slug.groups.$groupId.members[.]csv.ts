import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupOfficer } from "../auth/advisory-group-access.server";
import { toCsv } from "../domain/csv";
import { EXPORT_HEADER } from "../domain/advisory-groups/members";
import { listMembers } from "../services/advisory-groups.server";

/** The group's current members as CSV (the import's columns), safe against spreadsheet formulas. */
export async function loader(args: LoaderFunctionArgs) {
  const { group, partnership } = await requireGroupOfficer(args);
  const rows = (await listMembers(args.context.db, group.id)).map((m) => [
    m.displayName,
    m.email,
    m.stakeholderGroup,
    m.preferredLocale,
    m.profileConsentAt ? "yes" : "no",
    m.ageBand,
    m.sex,
    m.locality,
    m.ethnicity,
    m.joinedAt.toISOString().slice(0, 10),
    m.profileConsentAt ? m.profileConsentAt.toISOString().slice(0, 10) : "",
  ]);
  return new Response(toCsv(EXPORT_HEADER, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${partnership.slug}-group-${group.id}-members.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
