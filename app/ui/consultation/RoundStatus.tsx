import { Form, Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { Button, Tag } from "../components";
import type { RoundData } from "./round-types";

/** The success banner's text for what the officer just did, as the redirect's query says (null when nothing). */
export function roundBanner(t: TFunction, search: URLSearchParams): string | null {
  if (search.get("status")) return t(`round.statusChanged.${search.get("status") === "open" ? "open" : "closed"}`);
  if (search.get("ratings")) return t("round.ratingsAdded", { n: Number(search.get("ratings")) || 0 });
  if (search.get("added")) return t("round.questionAdded");
  if (search.get("saved")) return t("round.questionSaved");
  if (search.get("deleted")) return t("round.questionDeleted");
  if (search.get("settings")) return t("round.settingsSaved");
  if (search.get("created")) return t("round.created");
  return null;
}

/** The round's status and responses, why its questions are locked, the lifecycle buttons and the preview links. */
export function RoundStatus({ data }: { data: RoundData }) {
  const { t } = useTranslation("officer");
  const { consultation, round, canEdit } = data;
  return (
    <>
      <p className="govuk-body" id="round-status" tabIndex={-1}>
        {t("overview.status")}{" "}
        <Tag colour={round.status === "open" ? "green" : round.status === "draft" ? "grey" : "blue"}>{t(`roundStatus.${round.status}`)}</Tag>{" "}
        {t("round.responses", { n: round.responseCount })}
        {canEdit && round.status !== "draft" ? (
          <>
            {" "}
            <Link className="govuk-link" to={`/consultations/${consultation.slug}/rounds/${round.number}/import`}>
              {t("responseImport.link")}
            </Link>
          </>
        ) : null}
      </p>
      {data.locked ? (
        <div className="govuk-inset-text">
          {t(`round.locked.${data.locked}`)}{" "}
          {canEdit ? (
            <Link className="govuk-link" to={`/consultations/${consultation.slug}/rounds/new`}>
              {t("round.setUpNext")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {canEdit && data.nextStatuses.length > 0 ? (
        <div className="govuk-button-group">
          {data.nextStatuses.map((to) => (
            <Form method="post" key={to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              <Button variant={to === "closed" ? "warning" : "primary"}>{t(`round.action.${round.status}-${to}`)}</Button>
            </Form>
          ))}
        </div>
      ) : null}
      <p className="govuk-body">
        {t("round.preview")}{" "}
        {data.previewLocales.map((l, i) => (
          <span key={l.code}>
            {i > 0 ? ", " : null}
            <a className="govuk-link" href={`/s/${consultation.slug}/preview?round=${round.number}&lng=${l.code}`} lang={l.code}>
              {l.name}
              <span className="govuk-visually-hidden"> – {t("round.previewHidden", { number: round.number })}</span>
            </a>
          </span>
        ))}
      </p>
    </>
  );
}
