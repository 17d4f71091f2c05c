import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { SummaryList, Table, Tag } from "../components";
import type { OverviewData } from "./overview-types";

/** The consultation's settings (with Change links for officers) and how complete each language's text is. */
export function OverviewDetails({ data, base }: { data: OverviewData; base: string }) {
  const { t } = useTranslation("officer");
  const { settings, canEdit } = data;
  return (
    <>
      <h2 className="govuk-heading-m">{t("overview.detailsHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("form.audience"), value: t(`audience.${settings.audience}`) },
          { key: t("form.opensAt"), value: settings.opensAt ?? t("common:common.notSet") },
          { key: t("form.closesAt"), value: settings.closesAt ?? t("common:common.notSet") },
          { key: t("form.contactEmail"), value: settings.contactEmail ?? t("common:common.notSet") },
          { key: t("form.advisoryGroup"), value: settings.advisoryGroup ?? t("form.noAdvisoryGroup") },
        ].map((row) => (canEdit ? { ...row, action: { to: `${base}/edit`, label: t("overview.change"), visuallyHiddenText: row.key } } : row))}
      />
      <Table
        caption={t("overview.translationsCaption")}
        head={[
          t("overview.col.language"),
          t("overview.col.missing"),
          t("overview.col.statements"),
          t("overview.col.ratingQuestions"),
          t("overview.col.questions"),
          ...(canEdit ? [t("overview.col.edit")] : []),
        ]}
        rows={data.translations.map((tr) => [
          tr.name,
          tr.missing.length === 0 ? (
            <Tag key="c" colour="green">
              {t("overview.complete")}
            </Tag>
          ) : (
            tr.missing.map((f) => t(`field.${f}`)).join(", ")
          ),
          t("overview.questionsTranslated", { done: tr.statements, total: data.totals.statements }),
          t("overview.questionsTranslated", { done: tr.ratingQuestions, total: data.totals.ratingQuestions }),
          t("overview.questionsTranslated", { done: tr.otherQuestions, total: data.totals.otherQuestions }),
          ...(canEdit
            ? [
                <ul key="e" className="govuk-list">
                  <li>
                    <Link className="govuk-link" to={`${base}/edit/${tr.locale}`}>
                      {t("overview.editText")}
                      <span className="govuk-visually-hidden"> – {tr.name}</span>
                    </Link>
                  </li>
                  {tr.locale !== "en" ? (
                    <li>
                      <Link className="govuk-link" to={`${base}/edit/${tr.locale}/outcomes`}>
                        {t("overview.translateOutcomes")}
                        <span className="govuk-visually-hidden"> – {tr.name}</span>
                      </Link>
                    </li>
                  ) : null}
                </ul>,
              ]
            : []),
        ])}
      />
    </>
  );
}
