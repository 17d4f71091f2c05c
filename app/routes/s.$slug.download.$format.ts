import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { toCsv } from "../domain/csv";
import { toStoredAnswer } from "../domain/survey/questions";
import { ownAnswers } from "../services/journey.server";
import { requireJourney } from "../auth/journey-route.server";

const params = z.object({ format: z.enum(["csv", "json"]) });

/** A participant downloads their own answers (submitted, or the saved draft): CSV (formula-safe) or JSON. */
export async function loader(args: LoaderFunctionArgs) {
  const p = params.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const j = await requireJourney(args);
  if (j.mode === "live" && !j.participant) throw new Response("Not Found", { status: 404 });
  const answers = await ownAnswers(args.context.db, j);
  const rows = j.questions
    .filter((q) => answers[String(q.id)])
    .map((q) => {
      const a = answers[String(q.id)];
      // A profile answer's stored form too: the registry gives its choice as text.
      const stored = toStoredAnswer(q.type, a);
      return {
        question: q.outcomeStatement ?? q.text,
        type: q.type,
        score: stored.numericValue,
        unableToScore: stored.unable,
        answer: stored.textValue,
      };
    });
  const meta = {
    consultation: j.consultation.title.value,
    round: j.round?.number ?? null,
    reference: j.response?.reference ?? null,
    submittedAt: j.response && j.mode === "live" ? j.response.submittedAt.toISOString() : null,
    status: j.response ? "submitted" : "draft",
  };
  const filename = `my-answers-${j.consultation.slug}-round-${meta.round ?? 0}.${p.data.format}`;
  const headers = { "Cache-Control": "private, no-store", "Content-Disposition": `attachment; filename="${filename}"` };
  if (p.data.format === "json") {
    return new Response(JSON.stringify({ ...meta, answers: rows }, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
  }
  const csv = toCsv(
    ["question", "type", "score", "unable_to_score", "answer"],
    rows.map((r) => [r.question, r.type, r.score, r.unableToScore ? "yes" : "no", r.answer]),
  );
  return new Response(`\uFEFF${csv}`, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}
