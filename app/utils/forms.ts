import type { z } from "zod";

export type FormErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FormErrors; values: Record<string, string> };

/** Plain string values of a form, for redisplay after a validation error (files and extras dropped). */
export function formValues(formData: FormData, keep: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keep) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 10_000);
  }
  return values;
}

/**
 * Validates a form with zod. Error messages are translation keys (set in the
 * schema); the first error per field wins, in the schema's field order.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, fields: readonly string[]): ParsedForm<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of fields) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
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
