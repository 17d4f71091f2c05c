/**
 * The officer's publication draft form: which result and margins, the licence, and per language
 * the narrative texts and the Easy Read pictures' alternative texts (fields named
 * `<field>_<locale>` and `alt_<point>_<locale>`).
 */
import { z } from "zod";
import { EASY_READ_POINTS, LICENCES, NARRATIVE_FIELDS, type Narrative } from "./summary";
import { CONTROL } from "../outcome-sets/content";

const TEXT_MAX = 10_000;
const ALT_MAX = 300;

/** The per-language text fields of the draft form, in the order the page shows them. */
export function draftTextFields(locales: readonly string[]): string[] {
  return locales.flatMap((l) => [...NARRATIVE_FIELDS.map((f) => `${f}_${l}`), ...EASY_READ_POINTS.map((p) => `alt_${p}_${l}`)]);
}

const text = (max: number) => z.string({ error: "publication:errors.text" }).max(max, "publication:errors.tooLong").optional().default("");

export function draftSchema(locales: readonly string[]) {
  return z.object({
    result: z.union([z.literal("latest"), z.string().regex(/^\d{1,4}:\d{1,6}$/)], { error: "publication:errors.result" }),
    margins: z.union([z.literal("none"), z.coerce.number().int().positive().max(1_000_000_000)], { error: "publication:errors.margins" }),
    licence: z.enum(LICENCES, { error: "publication:errors.licence" }),
    ...(Object.fromEntries(draftTextFields(locales).map((f) => [f, text(f.startsWith("alt_") ? ALT_MAX : TEXT_MAX)])) as Record<
      string,
      ReturnType<typeof text>
    >),
  });
}

export type DraftForm = z.infer<ReturnType<typeof draftSchema>>;

/** Text as typed, without control characters other than line breaks and tabs. */
const CONTROL_ALL = new RegExp(CONTROL.source, "g");

export function clean(value: string | undefined): string {
  return (value ?? "").replace(CONTROL_ALL, "").replace(/\r\n?/g, "\n").trim();
}

/** "latest", or the round and version of a "round:version" choice. */
export function resultChoice(result: string): { roundNumber: number | null; resultVersion: number | null } {
  if (result === "latest") return { roundNumber: null, resultVersion: null };
  const [roundNumber, resultVersion] = result.split(":").map(Number);
  return { roundNumber, resultVersion };
}

/** The form's texts by language, cleaned. */
export function draftTexts(
  form: Readonly<Record<string, unknown>>,
  locales: readonly string[],
): Record<string, Narrative & { easyReadAlt: Record<string, string> }> {
  return Object.fromEntries(
    locales.map((l) => [
      l,
      {
        ...(Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, clean(form[`${f}_${l}`] as string | undefined)])) as Narrative),
        easyReadAlt: Object.fromEntries(EASY_READ_POINTS.map((p) => [p, clean(form[`alt_${p}_${l}`] as string | undefined)])),
      },
    ]),
  );
}
