/**
 * The whole HTML document of a public summary page. These pages are the same
 * for every visitor (no session, no nonce, no JavaScript), so they can be
 * rendered once per version and locale and cached (services/published-cache).
 */
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { directionOf, LOCALE_NAMES, SUPPORTED_LOCALES, type Locale } from "../../i18n/config";

export function PublicDocument({ locale, title, path, children, easyRead }: { locale: Locale; title: string; path: string; children: ReactNode; easyRead?: boolean }) {
  const { t } = useTranslation();
  return (
    <html lang={locale} dir={directionOf(locale)} className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d70b8" />
        <title>{`${title} – ${t("service.name")}`}</title>
        <link rel="stylesheet" href="/styles/app.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body className={`govuk-template__body${easyRead ? " app-easy-read-page" : ""}`}>
        <a href="#main-content" className="govuk-skip-link">
          {t("layout.skipLink")}
        </a>
        <header className="govuk-header">
          <div className="govuk-header__container govuk-width-container app-header-bar">
            <div className="govuk-header__logo">
              <a href="/" className="app-header__service">
                {t("service.name")}
              </a>
            </div>
            <nav aria-label={t("layout.languageSwitcher")}>
              <ul className="app-language-switcher govuk-body-s">
                {SUPPORTED_LOCALES.map((l) =>
                  l === locale ? (
                    <li key={l}>
                      <span aria-current="true" lang={l}>
                        <strong>{LOCALE_NAMES[l]}</strong>
                      </span>
                    </li>
                  ) : (
                    <li key={l}>
                      <a className="govuk-link govuk-link--inverse" href={`/language/${l}?returnTo=${encodeURIComponent(path)}`} lang={l} hrefLang={l}>
                        {LOCALE_NAMES[l]}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          </div>
        </header>
        <div className="govuk-width-container">
          <nav className="govuk-breadcrumbs app-no-print" aria-label={t("publication:breadcrumbs")}>
            <ol className="govuk-breadcrumbs__list">
              <li className="govuk-breadcrumbs__list-item">
                <a className="govuk-breadcrumbs__link" href="/">
                  {t("publication:home")}
                </a>
              </li>
              <li className="govuk-breadcrumbs__list-item">
                <a className="govuk-breadcrumbs__link" href="/summaries">
                  {t("publication:index.heading")}
                </a>
              </li>
            </ol>
          </nav>
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 className="govuk-visually-hidden">{t("layout.footerLinks")}</h2>
                <ul className="govuk-footer__inline-list">
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/accessibility">
                      {t("layout.accessibility")}
                    </a>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <a className="govuk-footer__link" href="/privacy">
                      {t("layout.privacy")}
                    </a>
                  </li>
                </ul>
                <p className="govuk-body-s">{t("layout.builtWith")}</p>
              </div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
