import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { Textarea } from "../fields";
import type { FormState, PublicationData } from "./workflow-types";

/** Links to preview the draft in each language, as the full summary and as Easy Read. */
export function PreviewLinks({ base, locales }: { base: string; locales: PublicationData["locales"] }) {
  const { t } = useTranslation("publication");
  return (
    <>
      <h2 className="govuk-heading-m">{t("workflow.previewHeading")}</h2>
      <p className="govuk-body">{t("workflow.previewIntro")}</p>
      <ul className="govuk-list">
        {locales.map((l) => (
          <li key={l.code}>
            <Link className="govuk-link" to={`${base}/publication/preview?lng=${l.code}`}>
              {t("workflow.previewIn", { language: l.name })}
            </Link>{" "}
            ·{" "}
            <Link className="govuk-link" to={`${base}/publication/preview?lng=${l.code}&view=easy-read`}>
              {t("workflow.previewEasyReadIn", { language: l.name })}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Publish (or republish with a change note), and unpublish while a version is live. */
export function PublishForms({ data, published, errors, values }: { data: PublicationData; published: boolean } & FormState) {
  const { t } = useTranslation("publication");
  const republishing = data.versions.length > 0;
  return (
    <>
      <h2 className="govuk-heading-m">{t("workflow.publishHeading")}</h2>
      {data.canPublish ? null : <p className="govuk-body">{t("workflow.mustBeClosed")}</p>}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="publish" />
        <Textarea
          name="changeNote"
          label={t("workflow.fields.changeNote")}
          hint={t(republishing ? "workflow.fields.changeNoteHintRequired" : "workflow.fields.changeNoteHint")}
          optional={!republishing}
          rows={3}
          defaultValue={values.changeNote}
          error={errors.changeNote}
        />
        <Button>{t(republishing ? "workflow.republish" : "workflow.publish")}</Button>
      </Form>
      {published ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="unpublish" />
          {errors.unpublish ? <p className="govuk-error-message">{errors.unpublish}</p> : null}
          <Button variant="warning">{t("workflow.unpublish")}</Button>
        </Form>
      ) : null}
    </>
  );
}

/** Every version published so far, withdrawn ones unlinked. */
export function PublishedVersions({ slug, versions }: { slug: string; versions: PublicationData["versions"] }) {
  const { t } = useTranslation("publication");
  if (versions.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">{t("workflow.versionsHeading")}</h2>
      <ul className="govuk-list" data-testid="workflow-versions">
        {versions.map((v) => (
          <li key={v.version}>
            {v.withdrawn ? (
              t("summary.versionWithdrawn", { version: v.version, date: v.publishedAt })
            ) : (
              <a className="govuk-link" href={`/summaries/${slug}/v/${v.version}`}>
                {t("summary.versionLink", { version: v.version, date: v.publishedAt })}
              </a>
            )}
            {v.changeNote ? ` – ${v.changeNote}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
