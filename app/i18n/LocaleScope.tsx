/**
 * Gives the components inside it the i18next instance of one language. The root layout wraps the
 * page in the language its loader chose, so after a client-side navigation (JavaScript on) the page
 * furniture, the loader's content and `<html lang>` always agree; the officer's preview of a summary
 * wraps the summary in the language being previewed.
 */
import type { i18n as I18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { useTranslation } from "./use-translation";

const clones = new WeakMap<I18n, Map<string, I18n>>();

/** The instance for `locale`: `base` itself when it already speaks it, else a clone (shares the bundled resources). */
export function instanceFor(base: I18n, locale: string): I18n {
  if (base.language === locale) return base;
  let byLocale = clones.get(base);
  if (!byLocale) {
    byLocale = new Map();
    clones.set(base, byLocale);
  }
  let clone = byLocale.get(locale);
  if (!clone) {
    clone = base.cloneInstance({ lng: locale });
    byLocale.set(locale, clone);
  }
  return clone;
}

export function LocaleScope({ locale, children }: { locale: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  const scoped = instanceFor(i18n, locale);
  return scoped === i18n ? <>{children}</> : <I18nextProvider i18n={scoped}>{children}</I18nextProvider>;
}
