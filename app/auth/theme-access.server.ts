import type { DB } from "../db.server";
import type { ThemableQuestion } from "../repos/themes.server";
import { findThemableQuestion } from "../services/themes.server";

/** The themable question a route's `:questionId` names, or a 404 response thrown (malformed, unknown, another consultation's, not free text). */
export async function requireThemableQuestion(db: DB, consultationId: number, param: string | undefined, locale: string): Promise<ThemableQuestion> {
  const raw = param ?? "";
  const question = /^[1-9]\d{0,9}$/.test(raw) ? await findThemableQuestion(db, consultationId, Number(raw), locale) : undefined;
  if (!question) throw new Response("Not Found", { status: 404 });
  return question;
}
