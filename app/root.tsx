import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useContext, type ReactNode } from "react";
// Must be the same copy @remix-run/react uses: package.json pins react-router-dom to its exact version.
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { useTranslation } from "./i18n/use-translation";
import { getOptionalUser } from "./auth/guards.server";
import { DEFAULT_LOCALE, directionOf, isLocale, isStaffPath } from "./i18n/config";
import { pageLocale } from "./i18n/i18n.server";
import { LocaleScope, instanceFor } from "./i18n/LocaleScope";
import { useNonce } from "./ui/nonce";
import { Layout as PageLayout } from "./ui/Layout";
import { pageTitle, type RouteHandle } from "./ui/title";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader(args: LoaderFunctionArgs) {
  const locale = pageLocale(args.request);
  const user = await getOptionalUser(args);
  return json({
    locale,
    dir: directionOf(locale),
    staff: isStaffPath(new URL(args.request.url).pathname),
    user: user ? { displayName: user.displayName } : null,
  });
}

/**
 * The root's data (the page's language) is reloaded on a client-side navigation between a staff
 * screen and a public page, as their languages can differ (decision 0020), and whenever ?lng= changes.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate ||
  isStaffPath(currentUrl.pathname) !== isStaffPath(nextUrl.pathname) ||
  currentUrl.searchParams.get("lng") !== nextUrl.searchParams.get("lng");

/** True when any route on the page returned form errors from its action. */
function useHasFormErrors(): boolean {
  const state = useContext(UNSAFE_DataRouterStateContext);
  const actionData = state?.actionData ?? {};
  return Object.values(actionData).some((data) => {
    const errors = (data as { errors?: Record<string, unknown> } | null)?.errors;
    return Boolean(errors && Object.values(errors).some(Boolean));
  });
}

function DocumentTitle({ errorTitle }: { errorTitle?: string }) {
  const { t } = useTranslation();
  const matches = useMatches();
  const hasErrors = useHasFormErrors();
  let page: string | undefined = errorTitle;
  if (!page) {
    for (const match of [...matches].reverse()) {
      const handle = match.handle as RouteHandle | undefined;
      if (handle?.title) {
        page = handle.title(t, match.data);
        break;
      }
    }
  }
  return <title>{pageTitle(t, page, hasErrors)}</title>;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n: provided } = useTranslation();
  const locale = data?.locale ?? (isLocale(provided.language) ? provided.language : DEFAULT_LOCALE);
  const i18n = instanceFor(provided, locale);
  const error = useRouteError();
  return (
    <LocaleScope locale={locale}>
      <html lang={locale} dir={directionOf(locale)} className="govuk-template govuk-template--rebranded">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="theme-color" content="#1d70b8" />
          <DocumentTitle errorTitle={error ? errorHeading(error, i18n.t.bind(i18n)) : undefined} />
          <Meta />
          <Links />
        </head>
        <body className="govuk-template__body">
          <PageLayout locale={locale} user={data?.user ?? null} staff={data?.staff ?? false}>
            {children}
          </PageLayout>
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      </html>
    </LocaleScope>
  );
}

/** A page that failed keeps the error's Retry-After (429 rate limits, 503 storage). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const out = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

export default function App() {
  return <Outlet />;
}

/** When a rate-limited visitor may try again, as a UK clock time ("15:42"), from the limit's answer. */
function retryTime(error: unknown, locale: string): string | null {
  const at = isRouteErrorResponse(error) ? (error.data as { retryAt?: unknown } | null)?.retryAt : undefined;
  const date = typeof at === "string" ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale === "ur" ? "ur-PK" : `${locale}-GB`, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Europe/London",
  }).format(date);
}

function errorHeading(error: unknown, t: (key: string) => string): string {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return t("errors.notFound.title");
    if (error.status === 403) return t("errors.forbidden.title");
    if (error.status === 429) return t("errors.tooMany.title");
    if (error.status < 500) return t("errors.badRequest.title");
    if (error.status === 503) return t("errors.unavailable.title");
  }
  return t("errors.server.title");
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 429
          ? "tooMany"
          : status < 500
            ? "badRequest"
            : status === 503
              ? "unavailable"
              : "server";
  const retryAt = status === 429 ? retryTime(error, i18n.language) : null;
  // Never show a stack trace or internal message to the visitor.
  // (On the server, handleError in entry.server logs it with the request id; here only the browser console.)
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t(`errors.${key}.title`)}</h1>
        <p className="govuk-body">{t(`errors.${key}.body`)}</p>
        {retryAt ? (
          <p className="govuk-body" data-testid="retry-at">
            {t("errors.tooMany.retryAt", { time: retryAt })}
          </p>
        ) : null}
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            {t("errors.goHome")}
          </a>
        </p>
      </div>
    </div>
  );
}
