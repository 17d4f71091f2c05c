import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";

export type FieldErrors = Record<string, string | undefined>;

/**
 * GOV.UK error summary: first on the page, takes focus (`autofocus` without JavaScript, an effect
 * with it), links to each field.
 */
export function ErrorSummary({ errors, fieldIds = {} }: { errors: FieldErrors | undefined; fieldIds?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  const key = entries.map(([k, v]) => `${k}:${v}`).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (entries.length === 0) return null;
  return (
    // GOV.UK's error summary pattern: focus moves to the summary when the page loads with errors.
    // eslint-disable-next-line jsx-a11y/no-autofocus
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-testid="error-summary" autoFocus>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{t("errors.summaryTitle")}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => {
              const id = fieldIds[field] ?? field;
              return (
                <li key={field}>
                  <a
                    href={`#${id}`}
                    onClick={(event) => {
                      const target = document.getElementById(id);
                      if (target) {
                        event.preventDefault();
                        target.focus();
                        target.scrollIntoView({ block: "center" });
                      }
                    }}
                  >
                    {message}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}
