import enCommon from "../../locales/en/common.json";
import enOfficer from "../../locales/en/officer.json";
import enCitizen from "../../locales/en/citizen.json";
import enCommissioner from "../../locales/en/commissioner.json";
import enPublication from "../../locales/en/publication.json";
import enParticipation from "../../locales/en/participation.json";
import enPrivacy from "../../locales/en/privacy.json";
import enThemes from "../../locales/en/themes.json";
import cyCommon from "../../locales/cy/common.json";
import cyOfficer from "../../locales/cy/officer.json";
import cyCitizen from "../../locales/cy/citizen.json";
import cyCommissioner from "../../locales/cy/commissioner.json";
import cyPublication from "../../locales/cy/publication.json";
import cyParticipation from "../../locales/cy/participation.json";
import cyPrivacy from "../../locales/cy/privacy.json";
import cyThemes from "../../locales/cy/themes.json";
import plCommon from "../../locales/pl/common.json";
import plCitizen from "../../locales/pl/citizen.json";
import plPublication from "../../locales/pl/publication.json";
import urCommon from "../../locales/ur/common.json";
import urCitizen from "../../locales/ur/citizen.json";
import urPublication from "../../locales/ur/publication.json";
// Panel: only the invitation and reminder emails are translated into Polish and Urdu (members read them).
import plParticipation from "../../locales/pl/participation.json";
import urParticipation from "../../locales/ur/participation.json";

/** Languages the interface is offered in; Urdu is written right to left. */
export const SUPPORTED_LOCALES = ["en", "cy", "pl", "ur"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const RTL_LOCALES: readonly string[] = ["ar", "ur", "he", "fa"];

/** Each language's own name, as shown in the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", cy: "Cymraeg", pl: "Polski", ur: "اردو" };

/**
 * Namespaces: `common` (layout, sign-in, shared words), `citizen` (the survey journey),
 * `publication` (public summaries): these three are complete in every supported locale.
 * `officer`, `participation` (advisory groups, invitations, moderation), `themes` (theming free text) and `commissioner` are staff screens: complete in English and Welsh; other
 * locales fall back to English there (decision 0007).
 */
export const NAMESPACES = ["common", "officer", "participation", "citizen", "commissioner", "publication", "privacy", "themes"] as const;
export const STAFF_NAMESPACES: readonly string[] = ["officer", "participation", "commissioner", "privacy", "themes"];
export const STAFF_LOCALES: readonly string[] = ["en", "cy"];

/** UI strings only; all locales are bundled (a few kB each) so client and server share them. */
export const resources = {
  en: {
    common: enCommon,
    officer: enOfficer,
    citizen: enCitizen,
    commissioner: enCommissioner,
    publication: enPublication,
    participation: enParticipation,
    privacy: enPrivacy,
    themes: enThemes,
  },
  cy: {
    common: cyCommon,
    officer: cyOfficer,
    citizen: cyCitizen,
    commissioner: cyCommissioner,
    publication: cyPublication,
    participation: cyParticipation,
    privacy: cyPrivacy,
    themes: cyThemes,
  },
  // Staff namespaces are not translated into Polish and Urdu: i18next falls back to English (decision 0007).
  pl: { common: plCommon, citizen: plCitizen, publication: plPublication, participation: plParticipation },
  ur: { common: urCommon, citizen: urCitizen, publication: urPublication, participation: urParticipation },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Staff screens (dashboard, consultations, partnerships, the dev mailbox) are written in English and
 * Welsh only (decision 0007). On them a Polish or Urdu choice is served as English, marked
 * `lang="en"` and left to right, so English text is never labelled as another language (decision 0020).
 */
export function isStaffPath(pathname: string): boolean {
  return /^\/(dashboard|consultations|partnerships|dev)(\/|$)/.test(pathname);
}

/** The language a page is shown in: the chosen one, except untranslated staff screens (English). */
export function pageLocaleFor(chosen: Locale, pathname: string): Locale {
  return isStaffPath(pathname) && !STAFF_LOCALES.includes(chosen) ? DEFAULT_LOCALE : chosen;
}

export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL_LOCALES.includes(locale) ? "rtl" : "ltr";
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  resources,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  returnNull: false,
} as const;
