import { Form } from "@remix-run/react";
import { EASY_READ_POINTS } from "../../domain/publication/summary";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { FileUpload, Radios } from "../fields";
import { defaultPictureHref } from "./EasyReadView";
import type { FormState, PublicationData } from "./workflow-types";

/** The Easy Read pictures: which points have their own (with a button to remove it), and the upload form. */
export function ImagesForm({ images, errors, values }: { images: PublicationData["draft"]["images"] } & FormState) {
  const { t } = useTranslation("publication");
  return (
    <>
      <h2 className="govuk-heading-m">{t("workflow.imagesHeading")}</h2>
      <p className="govuk-body">{t("workflow.imagesIntro")}</p>
      <ul className="govuk-list" data-testid="images">
        {EASY_READ_POINTS.map((p) => (
          <li key={p}>
            {t(`easyRead.points.${p}`)}:{" "}
            {images[p] ? (
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="intent" value="remove-image" />
                <input type="hidden" name="point" value={p} />
                {t("workflow.imageSet")}{" "}
                <button type="submit" className="app-link-button">
                  {t("workflow.removeImage")}
                  <span className="govuk-visually-hidden"> {t(`easyRead.points.${p}`)}</span>
                </button>
              </Form>
            ) : (
              <>
                <img src={defaultPictureHref(p)} alt="" width="40" height="40" className="app-picture-thumb" /> {t("workflow.noImage")}
              </>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="image" />
        <Radios
          name="point"
          legend={t("workflow.fields.point")}
          small
          defaultValue={values.point}
          error={errors.point}
          items={EASY_READ_POINTS.map((p) => ({ value: p, label: t(`easyRead.points.${p}`) }))}
        />
        <FileUpload
          name="file"
          label={t("workflow.fields.file")}
          hint={t("workflow.fields.fileHint")}
          error={errors.file}
          accept="image/png,image/jpeg,image/webp"
        />
        <Button variant="secondary">{t("workflow.upload")}</Button>
      </Form>
    </>
  );
}
