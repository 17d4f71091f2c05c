import en from "../../locales/en/common.json";
import cy from "../../locales/cy/common.json";

/** Languages the interface is offered in. Later issues add pl and ur (rtl). */
export const SUPPORTED_LOCALES = ["en", "cy"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const RTL_LOCALES: readonly string[] = ["ar", "ur", "he", "fa"];

/** Each language's own name, as shown in the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", cy: "Cymraeg" };

/** UI strings only; all locales are bundled (a few kB each) so client and server share them. */
export const resources = {
  en: { common: en },
  cy: { common: cy },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL_LOCALES.includes(locale) ? "rtl" : "ltr";
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: ["common"],
  resources,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  returnNull: false,
} as const;
