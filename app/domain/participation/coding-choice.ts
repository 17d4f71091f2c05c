/**
 * What a person ticked when coding one answer against the codebook (the themes review queue and
 * the blind second coding share the form): some of the codebook's themes, or "none" when the
 * answer has no real content. Never both, never nothing. Kept out of app/domain/themes, whose
 * engine imports no validation library.
 */
import { z } from "zod";
import { allow, refuse, type Decision } from "../decision";

/** The checkbox value meaning "no theme applies". */
export const NONE = "none";

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

/**
 * The answer and its themes, or why not: "bad-request" when the ids are not ids (no page sends
 * that), "choose" when nothing is ticked, "noneAndThemes" when "none" is ticked with themes.
 */
export function codingChoice(
  answerId: unknown,
  ticked: readonly string[],
): Decision<"bad-request" | "choose" | "noneAndThemes", { answerId: number; themeIds: number[] }> {
  const answer = id.safeParse(answerId);
  if (!answer.success) return refuse("bad-request");
  const none = ticked.includes(NONE);
  const ids = ticked.filter((v) => v !== NONE).map((v) => id.safeParse(v));
  if (ids.some((r) => !r.success)) return refuse("bad-request");
  const themeIds = ids.map((r) => r.data!);
  if (!none && themeIds.length === 0) return refuse("choose");
  if (none && themeIds.length) return refuse("noneAndThemes");
  return allow({ answerId: answer.data, themeIds });
}
