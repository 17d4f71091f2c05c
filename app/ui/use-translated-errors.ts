/**
 * An action's `{ errors }` (translation keys by field) as the messages a page shows, in the error
 * summary and beside each field. Keys are looked up in `ns` (default "officer"); a key may name
 * its own namespace ("publication:errors.result"). `params` are interpolated into every message
 * (a count, a maximum), or, as a function of the field, into that field's message (a message that
 * names its own row). Fields without a message are left out.
 */
import { useTranslation } from "../i18n/use-translation";

export function useTranslatedErrors(
  errors: Record<string, string | null | undefined> | null | undefined,
  ns = "officer",
  params?: Record<string, unknown> | ((field: string) => Record<string, unknown>),
): Record<string, string> {
  const { t } = useTranslation(ns);
  const shown: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors ?? {}))
    if (key) shown[field] = String(t(key, (typeof params === "function" ? params(field) : params) ?? {}));
  return shown;
}
