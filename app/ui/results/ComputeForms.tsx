import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { FileUpload, Radios, TextInput } from "../fields";
import type { ResultsData } from "./types";
import { CONSENSUS_RULES } from "../../domain/aggregation";

type Parameters = NonNullable<ResultsData["result"]>["data"]["method"]["parameters"];

/** The officer's forms: compute the round's result with chosen parameters and margins, and upload population margins. */
export function ComputeForms({
  margins,
  params,
  values,
  errors,
}: {
  margins: ResultsData["margins"];
  params: Parameters | undefined;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m">{t("results.computeHeading")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="compute" />
          <Radios
            name="rule"
            legend={t("results.fields.rule")}
            defaultValue={values.rule ?? params?.rule ?? "comet"}
            error={errors.rule}
            items={CONSENSUS_RULES.map((r) => ({ value: r, label: t(`results.rule.${r}`) }))}
          />
          <TextInput
            name="thresholdIn"
            label={t("results.fields.thresholdIn")}
            hint={t("results.fields.thresholdInHint")}
            inputMode="decimal"
            width="3"
            defaultValue={values.thresholdIn ?? String(params?.thresholdIn ?? 70)}
            error={errors.thresholdIn}
          />
          <TextInput
            name="thresholdOut"
            label={t("results.fields.thresholdOut")}
            hint={t("results.fields.thresholdOutHint")}
            inputMode="decimal"
            width="3"
            defaultValue={values.thresholdOut ?? String(params?.thresholdOut ?? 15)}
            error={errors.thresholdOut}
          />
          <Radios
            name="bound"
            legend={t("results.fields.bound")}
            inline
            defaultValue={values.bound ?? params?.bound ?? "strict"}
            error={errors.bound}
            items={["strict", "inclusive"].map((b) => ({ value: b, label: t(`results.boundLabel.${b}`) }))}
          />
          <Radios
            name="groups"
            legend={t("results.fields.groups")}
            defaultValue={values.groups ?? params?.groups ?? "overall"}
            error={errors.groups}
            items={["overall", "every-group", "any-group"].map((g) => ({ value: g, label: t(`results.groupsLabel.${g}`) }))}
          />
          <Radios
            name="groupWeighting"
            legend={t("results.fields.groupWeighting")}
            defaultValue={values.groupWeighting ?? params?.groupWeighting ?? "equal"}
            error={errors.groupWeighting}
            items={["equal", "pooled"].map((g) => ({ value: g, label: t(`results.groupWeightingLabel.${g}`) }))}
          />
          <Radios
            name="margins"
            legend={t("results.fields.margins")}
            defaultValue={values.margins ?? "none"}
            error={errors.margins}
            items={[
              { value: "none", label: t("results.noWeighting") },
              ...margins.map((m) => ({ value: String(m.id), label: m.name, hint: m.variables.join(", ") })),
            ]}
          />
          <Button>{t("results.computeSubmit")}</Button>
        </Form>
        <h2 className="govuk-heading-m">{t("results.uploadHeading")}</h2>
        <p className="govuk-body">{t("results.uploadIntro")}</p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="upload-margins" />
          <TextInput
            name="name"
            label={t("results.fields.marginsName")}
            hint={t("results.fields.marginsNameHint")}
            defaultValue={values.name}
            error={errors.name}
          />
          <FileUpload name="file" label={t("results.fields.file")} hint={t("results.fields.fileHint")} error={errors.file} accept=".csv,text/csv" />
          <Button variant="secondary">{t("results.uploadSubmit")}</Button>
        </Form>
      </div>
    </div>
  );
}
