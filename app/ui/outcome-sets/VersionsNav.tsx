import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import type { OutcomeSetPageData } from "./types";

type Versions = OutcomeSetPageData["versions"];

function VersionSelect({ id, label, versions, defaultValue }: { id: "from" | "to"; label: string; versions: Versions; defaultValue: number }) {
  const { t } = useTranslation("commissioner");
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="govuk-select" id={id} name={id} defaultValue={String(defaultValue)}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t("compare.option", { version: v.version })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every version (the one shown in bold, the others linked) and the form that compares two of them. */
export function VersionsNav({ versions, current, base }: { versions: Versions; current: number; base: string }) {
  const { t } = useTranslation("commissioner");
  return (
    <nav aria-label={t("framework.versions")} className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{t("framework.versions")}</h2>
      <ul className="govuk-list">
        {versions.map((v) => {
          const text = t("framework.versionItem", { version: v.version, status: t(`status.${v.status}`), name: v.createdByName, at: v.createdAt });
          return (
            <li key={v.version}>
              {v.version === current ? (
                <strong>{text}</strong>
              ) : (
                <Link className="govuk-link" to={`?version=${v.version}`}>
                  {text}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
      <Form method="get" action={`${base}/compare`} className="app-compare-form">
        <VersionSelect id="from" label={t("compare.from")} versions={versions} defaultValue={versions[1].version} />
        <VersionSelect id="to" label={t("compare.to")} versions={versions} defaultValue={versions[0].version} />
        <Button variant="secondary">{t("compare.submit")}</Button>
      </Form>
    </nav>
  );
}
