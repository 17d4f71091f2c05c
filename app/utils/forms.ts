import { json, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";

export type FormErrors = Record<string, string>;

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; values: Record<string, string> };

const DATE_PARTS = ["day", "month", "year"] as const;

/**
 * A GOV.UK date input (`<name>-day`, `<name>-month`, `<name>-year`, see DateInput) as one
 * `yyyy-mm-dd` value: "" when all three are blank; the parts as typed, joined with "-", when they
 * are not a well-formed date (the schema then shows the field's error and the parts are shown
 * again). Null when the form has no such parts (a plain field of that name is used instead).
 */
export function datePartsValue(formData: FormData, name: string): string | null {
  const parts = DATE_PARTS.map((p) => formData.get(`${name}-${p}`));
  if (parts.every((p) => p === null)) return null;
  const [day, month, year] = parts.map((p) => (typeof p === "string" ? p.trim().slice(0, 10) : ""));
  if (!day && !month && !year) return "";
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return `${year}-${month}-${day}`;
}

function fieldValue(formData: FormData, key: string): FormDataEntryValue | null {
  return datePartsValue(formData, key) ?? formData.get(key);
}

/** Plain string values of a form, for redisplay after a validation error (files and extras dropped). */
export function formValues(formData: FormData, keep: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keep) {
    const value = fieldValue(formData, key);
    if (typeof value === "string") values[key] = value.slice(0, 10_000);
  }
  return values;
}

/**
 * The field names of an object schema, in its order: the form fields `parseForm` reads and the
 * values it gives back for redisplay. Refinements, transforms and pipes around the object are
 * looked through; anything else has no fields.
 */
export function schemaFields(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let depth = 0; depth < 10 && s && typeof s === "object"; depth++) {
    const def = (s as { def?: Record<string, unknown> }).def;
    if (!def) break;
    if (def.type === "object") return Object.keys(def.shape as Record<string, unknown>);
    // a pipe (transform, preprocess) validates its input side first
    s = def.type === "pipe" ? def.in : (def.innerType ?? def.schema);
  }
  return [];
}

/**
 * Validates a form with zod. The fields are the schema's own keys unless `fields` names them
 * (forms whose field names are built at run time). Error messages are translation keys set in
 * the schema; the first error per field wins, in field order.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, fields: readonly string[] = schemaFields(schema)): ParsedForm<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of fields) {
    const date = datePartsValue(formData, key);
    const all = formData.getAll(key);
    raw[key] = date ?? (all.length > 1 ? all : all[0]);
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? fields[0]);
    errors[field] ??= issue.message;
  }
  const ordered: FormErrors = {};
  for (const key of fields) if (errors[key]) ordered[key] = errors[key];
  return { ok: false, errors: ordered, values: formValues(formData, fields) };
}

/** What an action returns when a form is refused: the errors (translation keys by field) and what was typed. */
export interface FormFailure<V = Record<string, string>> {
  errors: FormErrors;
  values: V;
}

/**
 * The one way an action refuses a form: a 4xx (400 unless told) carrying `errors` (translation
 * keys by field, shown in the error summary and beside each field) and `values` (what was typed,
 * shown again; a list for a group of checkboxes), plus anything the page needs besides (`extra`).
 */
export function fail<E extends Record<string, unknown> = Record<never, never>, V extends Record<string, string | string[]> = Record<string, string>>(
  errors: FormErrors,
  values: V = {} as V,
  status = 400,
  extra?: E,
): TypedResponse<FormFailure<V> & E> {
  return json({ ...(extra as E), errors, values }, { status });
}

/**
 * An action with several buttons as a map from each button's `intent` (its `name="intent"`
 * value) to the handler that does it. A request with an intent the page does not offer is a
 * 400, never a 500.
 */
export async function runIntent<C>(
  form: FormData,
  handlers: Record<string, (form: FormData, context: C) => Promise<Response> | Response>,
  context: C,
): Promise<Response> {
  const intent = form.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) throw new Response("Bad Request", { status: 400 });
  return await handler(form, context);
}
