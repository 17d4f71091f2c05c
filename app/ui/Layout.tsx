import type { ReactElement, ReactNode } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { LOCALE_NAMES, SUPPORTED_LOCALES, type Locale } from "../i18n/config";
import { previewSlugOf } from "../i18n/preview-path";

export interface LayoutUser {
  displayName: string;
}

/** How the shared header and footer make links: Remix's Link inside the app, a plain anchor on cached public pages. */
export type LinkComponent = (props: { to: string; className: string; children: ReactNode }) => ReactElement;
const PlainLink: LinkComponent = ({ to, className, children }) => (
  <a href={to} className={className}>
    {children}
  </a>
);
const RemixLink: LinkComponent = ({ to, className, children }) => (
  <Link to={to} className={className}>
    {children}
  </Link>
);
/** Leaving a staff preview loads the next page afresh, so it is shown in the officer's own language. */
const ReloadingLink: LinkComponent = ({ to, className, children }) => (
  <Link to={to} className={className} reloadDocument>
    {children}
  </Link>
);

export function LanguageSwitcher({ current, returnTo }: { current: Locale; returnTo: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("layout.languageSwitcher")}>
      <ul className="app-language-switcher govuk-body-s">
        {SUPPORTED_LOCALES.map((locale) =>
          locale === current ? (
            <li key={locale}>
              <span aria-current="true" lang={locale}>
                <strong>{LOCALE_NAMES[locale]}</strong>
              </span>
            </li>
          ) : (
            <li key={locale}>
              <a
                className="govuk-link govuk-link--inverse"
                href={`/language/${locale}?returnTo=${encodeURIComponent(returnTo)}`}
                lang={locale}
                hrefLang={locale}
              >
                {LOCALE_NAMES[locale]}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** The skip link and the service header, shared by the app's layout and the cached public pages. */
export function SiteHeader({ locale, returnTo, LinkTo = PlainLink }: { locale: Locale; returnTo: string; LinkTo?: LinkComponent }) {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t("layout.skipLink")}
      </a>
      <header className="govuk-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container app-header-bar">
          <div className="govuk-header__logo">
            <LinkTo to="/" className="app-header__service">
              {t("service.name")}
            </LinkTo>
          </div>
          <LanguageSwitcher current={locale} returnTo={returnTo} />
        </div>
      </header>
    </>
  );
}

/** The footer, shared by the app's layout and the cached public pages. */
export function SiteFooter({ LinkTo = PlainLink }: { LinkTo?: LinkComponent }) {
  const { t } = useTranslation();
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">{t("layout.footerLinks")}</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <LinkTo className="govuk-footer__link" to="/accessibility">
                  {t("layout.accessibility")}
                </LinkTo>
              </li>
              <li className="govuk-footer__inline-list-item">
                <LinkTo className="govuk-footer__link" to="/privacy">
                  {t("layout.privacy")}
                </LinkTo>
              </li>
            </ul>
            <p className="govuk-body-s">{t("layout.builtWith")}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ children, locale, user }: { children: ReactNode; locale: Locale; user: LayoutUser | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const inPreview = previewSlugOf(location.pathname) !== null;
  const LinkTo = inPreview ? ReloadingLink : RemixLink;
  return (
    <>
      <SiteHeader locale={locale} returnTo={`${location.pathname}${location.search}`} LinkTo={LinkTo} />
      <div className="govuk-width-container">
        <div className="govuk-phase-banner">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">{t("layout.phase")}</strong>
            <span className="govuk-phase-banner__text">{t("layout.phaseText")}</span>
          </p>
        </div>
        {user ? (
          <div className="govuk-body-s app-header-bar" data-testid="signed-in-as">
            <p className="app-signed-in">
              {t("layout.signedInAs", { name: user.displayName })}{" "}
              <LinkTo className="govuk-link" to="/dashboard">
                {t("layout.dashboard")}
              </LinkTo>
            </p>
            <Form method="post" action="/sign-out" className="app-inline-form" reloadDocument={inPreview}>
              <button type="submit" className="app-link-button">
                {t("layout.signOut")}
              </button>
            </Form>
          </div>
        ) : (
          <p className="govuk-body-s">
            <LinkTo className="govuk-link" to="/sign-in">
              {t("layout.signIn")}
            </LinkTo>
          </p>
        )}
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <SiteFooter LinkTo={LinkTo} />
    </>
  );
}
