import { Form } from "@remix-run/react";
import { EASY_READ_POINTS, LICENCES } from "../../domain/publication/summary";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { Radios, Textarea, TextInput } from "../fields";
import type { FormState, PublicationData } from "./workflow-types";

/** The draft: which result and margins to publish, the licence, and the texts in each language. */
export function DraftForm({ data, errors, values }: { data: PublicationData } & FormState) {
  const { t } = useTranslation("publication");
  const resultValue = data.draft.roundNumber === null ? "latest" : `${data.draft.roundNumber}:${data.draft.resultVersion}`;
  return (
    <>
      <h2 className="govuk-heading-m">{t("workflow.draftHeading")}</h2>
      {data.draft.updatedAt ? <p className="govuk-body-s">{t("workflow.draftSaved", { date: data.draft.updatedAt })}</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Radios
          name="result"
          legend={t("workflow.fields.result")}
          defaultValue={values.result ?? resultValue}
          error={errors.result}
          items={[
            { value: "latest", label: t("workflow.fields.resultLatest") },
            ...data.results.flatMap((r) =>
              r.versions.map((v) => ({
                value: `${r.number}:${v.version}`,
                label: t("workflow.fields.resultVersion", { round: r.number, version: v.version, count: v.responseCount, date: v.createdAt }),
              })),
            ),
          ]}
        />
        <Radios
          name="margins"
          legend={t("workflow.fields.margins")}
          defaultValue={values.margins ?? (data.draft.marginsId ? String(data.draft.marginsId) : "none")}
          error={errors.margins}
          items={[{ value: "none", label: t("workflow.fields.marginsFromResult") }, ...data.margins.map((m) => ({ value: String(m.id), label: m.name }))]}
        />
        <Radios
          name="licence"
          legend={t("workflow.fields.licence")}
          defaultValue={values.licence ?? data.draft.licence}
          error={errors.licence}
          items={LICENCES.map((l) => ({ value: l, label: t(`licences.${l.replace(/[.-]/g, "")}`) }))}
        />
        {data.locales.map((l) => (
          <LocaleTexts key={l.code} locale={l} saved={data.draft.texts[l.code]} errors={errors} values={values} />
        ))}
        <Button>{t("workflow.save")}</Button>
      </Form>
    </>
  );
}

/** One language's narrative texts and Easy Read alternative texts. */
function LocaleTexts({
  locale,
  saved,
  errors,
  values,
}: { locale: PublicationData["locales"][number]; saved: PublicationData["draft"]["texts"][string] | undefined } & FormState) {
  const { t } = useTranslation("publication");
  const l = locale;
  return (
    <fieldset className="govuk-fieldset app-locale-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{t("workflow.fields.textsIn", { language: l.name })}</legend>
      <Textarea
        name={`whatWeAsked_${l.code}`}
        label={t("workflow.fields.whatWeAsked")}
        hint={t("workflow.fields.whatWeAskedHint")}
        optional
        defaultValue={values[`whatWeAsked_${l.code}`] ?? saved?.whatWeAsked ?? ""}
        error={errors[`whatWeAsked_${l.code}`]}
      />
      <Textarea
        name={`whatWeDid_${l.code}`}
        label={t("workflow.fields.whatWeDid")}
        hint={t("workflow.fields.whatWeDidHint")}
        optional
        defaultValue={values[`whatWeDid_${l.code}`] ?? saved?.whatWeDid ?? ""}
        error={errors[`whatWeDid_${l.code}`]}
      />
      <Textarea
        name={`method_${l.code}`}
        label={t("workflow.fields.method")}
        hint={t("workflow.fields.methodHint")}
        optional
        rows={3}
        defaultValue={values[`method_${l.code}`] ?? saved?.method ?? ""}
        error={errors[`method_${l.code}`]}
      />
      <Textarea
        name={`contact_${l.code}`}
        label={t("workflow.fields.contact")}
        hint={t("workflow.fields.contactHint")}
        optional
        rows={3}
        defaultValue={values[`contact_${l.code}`] ?? saved?.contact ?? ""}
        error={errors[`contact_${l.code}`]}
      />
      {EASY_READ_POINTS.map((p) => (
        <TextInput
          key={p}
          name={`alt_${p}_${l.code}`}
          label={t("workflow.fields.alt", { point: t(`easyRead.points.${p}`) })}
          hint={t("workflow.fields.altHint")}
          optional
          defaultValue={values[`alt_${p}_${l.code}`] ?? saved?.easyReadAlt?.[p] ?? ""}
          error={errors[`alt_${p}_${l.code}`]}
        />
      ))}
    </fieldset>
  );
}
