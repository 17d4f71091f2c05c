/**
 * The whole HTML document of a public summary page. These pages are the same
 * for every visitor (no session, no nonce, no JavaScript), so they can be
 * rendered once per version and locale and cached (services/published-cache).
 */
import type { ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { directionOf, type Locale } from "../../i18n/config";
import { SiteFooter, SiteHeader } from "../Layout";

export function PublicDocument({
  locale,
  title,
  path,
  children,
  easyRead,
}: {
  locale: Locale;
  title: string;
  path: string;
  children: ReactNode;
  easyRead?: boolean;
}) {
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
        <SiteHeader locale={locale} returnTo={path} />
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
        <SiteFooter />
      </body>
    </html>
  );
}
