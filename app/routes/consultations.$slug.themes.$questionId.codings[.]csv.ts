import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { toCsv } from "../domain/csv";
import { requireThemableQuestion } from "../auth/theme-access.server";
import { codingsOf } from "../services/themes.server";

/**
 * Every coding of one question's answers as CSV, one row per answer and theme: whether the
 * machine, the person who reviewed it or a blind second coder gave it, who, the machine's
 * confidence and when. Answer ids only, no participant data; safe for spreadsheets.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const db = args.context.db;
  const question = await requireThemableQuestion(db, consultation.id, args.params.questionId, locale);
  const body = toCsv(
    ["answer_id", "theme", "source", "coder", "confidence", "coded_at"],
    (await codingsOf(db, consultation.id, question.id)).map((c) => [
      c.answerId,
      c.theme,
      c.source,
      c.source === "machine" ? "machine" : (c.coder ?? ""),
      c.confidence === null ? null : Math.round(c.confidence * 1000) / 1000,
      c.codedAt.toISOString(),
    ]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${consultation.slug}-question-${question.id}-codings.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
