import { useEffect, useRef, useState, type ReactElement, type ReactNode } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { LOCALE_NAMES, SUPPORTED_LOCALES, STAFF_LOCALES, type Locale } from "../i18n/config";
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

/** The current address without ?lng= (the switcher's choice must not be overridden on return). */
export function returnAddress(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete("lng");
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

/** Staff screens offer only the languages they are written in (English, Welsh: decision 0020). */
export function LanguageSwitcher({ current, returnTo, staff = false }: { current: Locale; returnTo: string; staff?: boolean }) {
  const { t } = useTranslation();
  const offered = staff ? SUPPORTED_LOCALES.filter((l) => STAFF_LOCALES.includes(l)) : SUPPORTED_LOCALES;
  return (
    <nav aria-label={t("layout.languageSwitcher")}>
      <ul className="app-language-switcher govuk-body-s">
        {offered.map((locale) =>
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
export function SiteHeader({
  locale,
  returnTo,
  LinkTo = PlainLink,
  staff = false,
  children,
}: {
  locale: Locale;
  returnTo: string;
  LinkTo?: LinkComponent;
  staff?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t("layout.skipLink")}
      </a>
      <header className="app-site-header">
        <div className="govuk-header" data-module="govuk-header">
          <div className="govuk-header__container govuk-width-container app-header-bar">
            <div className="govuk-header__logo">
              <LinkTo to="/" className="app-header__service">
                {t("service.name")}
              </LinkTo>
            </div>
            <LanguageSwitcher current={locale} returnTo={returnTo} staff={staff} />
          </div>
        </div>
        {children}
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

/**
 * After a client-side navigation (JavaScript on) focus moves to the new page's main heading, as a
 * full page load would start from the top, and the new page title is announced in a live region.
 * A page that shows an error summary keeps it focused instead (the summary focuses itself).
 */
export function RouteAnnouncer() {
  const location = useLocation();
  const [message, setMessage] = useState("");
  const first = useRef(true);
  const page = `${location.pathname}${location.search}`;
  useEffect(() => {
    // The address this document has rendered (committed), after React's transition: a URL change
    // alone comes before the new page is on screen. The browser tests wait for it.
    document.documentElement.setAttribute("data-rendered", page);
    if (first.current) {
      first.current = false;
      // Marks the page as hydrated: from here on links and forms navigate client-side (the
      // browser tests wait for it before they click, so a click never races hydration).
      document.documentElement.setAttribute("data-hydrated", "");
      return;
    }
    if (document.querySelector("[data-testid=error-summary]")) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    const target = heading ?? document.getElementById("main-content");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
    setMessage(document.title);
  }, [page]);
  return (
    <div className="govuk-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {message}
    </div>
  );
}

export function Layout({ children, locale, user, staff = false }: { children: ReactNode; locale: Locale; user: LayoutUser | null; staff?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const inPreview = previewSlugOf(location.pathname) !== null;
  const LinkTo = inPreview ? ReloadingLink : RemixLink;
  return (
    <>
      {/* The phase banner and the signed-in bar belong to the header landmark (axe "region"). */}
      <SiteHeader locale={locale} returnTo={returnAddress(location.pathname, location.search)} LinkTo={LinkTo} staff={staff}>
        <div className="govuk-width-container">
          <div className="govuk-phase-banner">
            <p className="govuk-phase-banner__content">
              <strong className="govuk-tag govuk-phase-banner__content__tag">{t("layout.phase")}</strong>
              <span className="govuk-phase-banner__text">{t("layout.phaseText")}</span>
            </p>
          </div>
          {user ? (
            <div className="govuk-body-s app-header-bar app-no-print" data-testid="signed-in-as">
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
            <p className="govuk-body-s app-no-print">
              <LinkTo className="govuk-link" to="/sign-in">
                {t("layout.signIn")}
              </LinkTo>
            </p>
          )}
        </div>
      </SiteHeader>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <SiteFooter LinkTo={LinkTo} />
      <RouteAnnouncer />
    </>
  );
}
