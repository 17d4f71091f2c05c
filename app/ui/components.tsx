import { useId, type ReactNode } from "react";
import { Link } from "@remix-run/react";

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

export function Table({
  caption,
  head,
  rows,
  numericColumns = [],
}: {
  caption: ReactNode;
  head: ReactNode[];
  rows: ReactNode[][];
  numericColumns?: number[];
}) {
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
