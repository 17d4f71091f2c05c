import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { toCsv } from "../domain/csv";
import { serverI18n } from "../i18n/i18n.server";
import { studyReport } from "../services/study-report.server";
import { lineText } from "../ui/publication/CosStar";

/** The COS-STAR report as CSV, one row per checklist item, in the reader's language, safe for spreadsheets. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const report = await studyReport(args.context.db, consultation.id, locale, "staff");
  const t = serverI18n(locale).getFixedT(locale, "publication");
  const body = toCsv(
    ["item", "section", "topic", "answered_from", "status", "answer"],
    report.items.map((i) => [
      i.id,
      t(`cosStar.sections.${i.section}`),
      t(`cosStar.item.${i.id}`),
      i.answer === "data" ? "data" : "officer",
      i.missing ? "to-write" : "answered",
      i.missing ? "" : i.lines.map((l) => lineText(t, l, report.statements, locale)).join("\n"),
    ]),
  );
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${consultation.slug}-cos-star.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
