import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";

/** The version's files (JSON, CSV, XLSX, INDIGO) and its printable schedule. */
export function Downloads({ base, version, agreed }: { base: string; version: number; agreed: boolean }) {
  const { t } = useTranslation("commissioner");
  const files = [
    { href: `${base}/${version}/export.json`, label: t("downloads.json") },
    { href: `${base}/${version}/export.csv`, label: t("downloads.csv") },
    { href: `${base}/${version}/export.xlsx`, label: t("downloads.xlsx") },
    { href: `${base}/${version}/indigo.json`, label: t("downloads.indigo") },
  ];
  return (
    <>
      <h2 className="govuk-heading-m">{t("downloads.heading")}</h2>
      {agreed ? null : <p className="govuk-body">{t("downloads.draftNote")}</p>}
      <ul className="govuk-list" data-testid="downloads">
        {files.map((d) => (
          <li key={d.href}>
            <a className="govuk-link" href={d.href} download>
              {d.label}
            </a>
          </li>
        ))}
        <li>
          <Link className="govuk-link" to={`${base}/${version}/schedule`}>
            {t("downloads.schedule")}
          </Link>
        </li>
      </ul>
    </>
  );
}
