/**
 * `useTranslation` for this app's components: the same `{ t, i18n }` as react-i18next's hook,
 * from the instance the nearest I18nextProvider gives (one per request on the server, one per
 * page load in the browser). react-i18next's hook copies the whole i18next instance into a
 * wrapper object for every component on every server render, about a tenth of a page's CPU
 * here (decision 0016). Here each instance's fixed `t` per namespace is made once.
 *
 * Equivalent for this app because every namespace is bundled and initialised synchronously
 * (never "not ready") and an instance never changes language: the language switcher is a full
 * page load (/language/:lng), and a page in another language gets another instance (LocaleScope).
 */
import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";

const fixedByInstance = new WeakMap<I18n, Map<string, TFunction>>();

export function useTranslation(ns?: string): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  if (!i18n) throw new Error("useTranslation needs an I18nextProvider");
  let fixed = fixedByInstance.get(i18n);
  if (!fixed) {
    fixed = new Map();
    fixedByInstance.set(i18n, fixed);
  }
  const key = ns ?? "";
  let t = fixed.get(key);
  if (!t) {
    t = i18n.getFixedT(null, ns ?? null);
    fixed.set(key, t);
  }
  return { t, i18n };
}
