import { useId, type ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { paginationItems } from "../domain/pagination";

export function Button({
  children,
  variant = "primary",
  name,
  value,
  type = "submit",
}: {
  children: ReactNode;
  variant?: "primary" | "secondary" | "warning";
  name?: string;
  value?: string;
  type?: "submit" | "button";
}) {
  const className = ["govuk-button", variant !== "primary" && `govuk-button--${variant}`].filter(Boolean).join(" ");
  return (
    <button type={type} className={className} name={name} value={value} data-prevent-double-click="true">
      {children}
    </button>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  action?: { to: string; label: ReactNode; visuallyHiddenText: ReactNode };
}

export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  const anyActions = rows.some((r) => r.action);
  return (
    <dl className="govuk-summary-list">
      {rows.map((row, index) => (
        <div className={["govuk-summary-list__row", anyActions && !row.action && "govuk-summary-list__row--no-actions"].filter(Boolean).join(" ")} key={index}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.label}
                <span className="govuk-visually-hidden"> {row.action.visuallyHiddenText}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function NotificationBanner({ title, success, children }: { title: ReactNode; success?: boolean; children: ReactNode }) {
  return (
    <div
      className={["govuk-notification-banner", success && "govuk-notification-banner--success"].filter(Boolean).join(" ")}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function Table({ caption, head, rows, numericColumns = [] }: { caption: ReactNode; head: ReactNode[]; rows: ReactNode[][]; numericColumns?: number[] }) {
  const numeric = (i: number) => numericColumns.includes(i);
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((cell, i) => (
              <th scope="col" className={`govuk-table__header${numeric(i) ? " govuk-table__header--numeric" : ""}`} key={i}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row, r) => (
            <tr className="govuk-table__row" key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" className="govuk-table__header" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td className={`govuk-table__cell${numeric(i) ? " govuk-table__cell--numeric" : ""}`} key={i}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A wide table scrolls sideways inside this region, never the page (WCAG 1.4.10): focusable so
 * keyboard users can scroll it, and named by the table's caption.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0} data-testid="table-scroll">
      {children}
    </div>
  );
}

export function Tag({ children, colour }: { children: ReactNode; colour?: "grey" | "green" | "blue" | "yellow" | "red" | "purple" }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/**
 * GOV.UK pagination: previous and next links and numbered pages (first, last, current and its
 * neighbours, ellipses between). Plain links, so it works without JavaScript. `href(n)` gives
 * page n's address. Renders nothing for a single page.
 */
export function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (n: number) => string; label: string }) {
  const { t } = useTranslation();
  const items = paginationItems(page, pages);
  if (items.length === 0) return null;
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(page - 1)} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              {t("pagination.previous")}
              <span className="govuk-visually-hidden">{t("pagination.pageHidden")}</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {items.map((item, i) =>
          item.kind === "ellipsis" ? (
            <li key={`e${i}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
              ⋯
            </li>
          ) : (
            <li key={item.number} className={item.current ? "govuk-pagination__item govuk-pagination__item--current" : "govuk-pagination__item"}>
              <Link
                className="govuk-link govuk-pagination__link"
                to={href(item.number)}
                aria-label={t("pagination.pageN", { number: item.number })}
                aria-current={item.current ? "page" : undefined}
              >
                {item.number}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              {t("pagination.next")}
              <span className="govuk-visually-hidden">{t("pagination.pageHidden")}</span>
            </span>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

/** GOV.UK warning text: the "!" icon, a visually hidden "Warning" for screen readers, then the message. */
export function WarningText({ assistive, children, className, testId }: { assistive: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div className={`govuk-warning-text${className ? ` ${className}` : ""}`} data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{assistive}</span>
        {children}
      </strong>
    </div>
  );
}

/** The GOV.UK success banner after a change: "Success" and one sentence saying what happened. */
export function SuccessBanner({ message }: { message: ReactNode }) {
  const { t } = useTranslation();
  return (
    <NotificationBanner title={t("common:common.success")} success>
      <p className="govuk-notification-banner__heading">{message}</p>
    </NotificationBanner>
  );
}
