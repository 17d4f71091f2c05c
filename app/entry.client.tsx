import { RemixBrowser } from "@remix-run/react";
import { createInstance } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, i18nOptions, isLocale } from "./i18n/config";

// The same resources as the server; the language is the one the server chose.
const lang = document.documentElement.lang;
const i18n = createInstance();
void i18n.use(initReactI18next).init({ ...i18nOptions, lng: isLocale(lang) ? lang : DEFAULT_LOCALE });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
