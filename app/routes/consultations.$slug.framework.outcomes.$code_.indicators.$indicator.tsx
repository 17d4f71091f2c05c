import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { FREQUENCIES, INDICATOR_FIELDS, indicatorInput, problemKeys, putIndicator, VALIDATION_METHODS } from "../domain/outcome-sets";
import { requireLatestOutcome } from "../auth/outcome-set-access.server";
import { editDraft } from "../services/outcome-sets.server";
import { BackLink, Button } from "../ui/components";
import { NotEditable } from "../ui/outcome-sets";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { index?: number | null; outcome?: { code: string } } | undefined;
    return d?.index
      ? t("commissioner:indicator.titleChange", { code: d.outcome?.code ?? "" })
      : t("commissioner:indicator.titleAdd", { code: d?.outcome?.code ?? "" });
  },
};

/** The working draft's outcome and which of its indicators (:indicator, 1-based; "new" adds one). */
async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireLatestOutcome(args);
  const param = (args.params as { indicator?: string }).indicator;
  let index: number | null = null;
  if (param !== "new") {
    if (!/^[1-9]\d{0,2}$/.test(param ?? "") || Number(param) > access.outcome.indicators.length) throw new Response("Not Found", { status: 404 });
    index = Number(param);
  }
  return { ...access, index };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, set, outcome, index } = await load(args);
  const current = index ? outcome.indicators[index - 1] : null;
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    outcome: { code: outcome.code, statement: outcome.statement },
    index,
    editable: set.status === "draft" && outcome.included,
    values: current ? Object.fromEntries(INDICATOR_FIELDS.map((f) => [f, String(current[f])])) : ({} as Record<string, string>),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, set, outcome, index, base } = await load(args);
  const form = await args.request.formData();
  if (set.status !== "draft" || !outcome.included) return fail({ name: "errors.conflict" }, {}, 409);
  const parsed = parseForm(form, indicatorInput);
  if (!parsed.ok) return fail(problemKeys(parsed.errors), parsed.values);
  const r = await editDraft(
    args.context.db,
    {
      actor,
      consultationId: consultation.id,
      version: set.version,
      action: index ? "outcome_set.indicator_changed" : "outcome_set.indicator_added",
      details: { code: outcome.code, indicator: parsed.data.name },
      edit: (c) => putIndicator(c, outcome.code, index ? index - 1 : null, parsed.data),
    },
    new Date(),
  );
  if (!r.ok) return fail({ name: "errors.conflict" }, {}, 409);
  return redirect(`${base}/outcomes/${outcome.code}`);
}

export default function IndicatorForm() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const values: Record<string, string | undefined> = { ...data.values, ...(actionData?.values ?? {}) };
  const back = `/consultations/${data.consultation.slug}/framework/outcomes/${data.outcome.code}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={back}>{t("common:common.back")}</BackLink>
        <ErrorSummary errors={errors} fieldIds={data.editable ? {} : { name: "not-editable" }} />
        <span className="govuk-caption-l">
          {data.outcome.code}: {data.outcome.statement}
        </span>
        <h1 className="govuk-heading-l">{data.index ? t("indicator.headingChange") : t("indicator.headingAdd")}</h1>
        {!data.editable ? (
          <NotEditable to={back} back="backToOutcome" />
        ) : (
          <Form method="post" noValidate>
            <TextInput name="name" label={t("indicator.name")} error={errors.name} defaultValue={values.name} />
            <Textarea
              name="definition"
              label={t("indicator.definition")}
              hint={t("indicator.definitionHint")}
              error={errors.definition}
              defaultValue={values.definition}
              rows={3}
            />
            <TextInput name="numerator" label={t("indicator.numerator")} optional error={errors.numerator} defaultValue={values.numerator} />
            <TextInput name="denominator" label={t("indicator.denominator")} optional error={errors.denominator} defaultValue={values.denominator} />
            <TextInput
              name="dataSource"
              label={t("indicator.dataSource")}
              hint={t("indicator.dataSourceHint")}
              error={errors.dataSource}
              defaultValue={values.dataSource}
            />
            <TextInput
              name="baselineValue"
              label={t("indicator.baselineValue")}
              hint={t("indicator.numberHint")}
              inputMode="decimal"
              width="10"
              error={errors.baselineValue}
              defaultValue={values.baselineValue}
            />
            <TextInput
              name="baselineDate"
              label={t("indicator.baselineDate")}
              hint={t("indicator.dateHint")}
              width="10"
              error={errors.baselineDate}
              defaultValue={values.baselineDate}
            />
            <TextInput
              name="targetValue"
              label={t("indicator.targetValue")}
              hint={t("indicator.numberHint")}
              inputMode="decimal"
              width="10"
              error={errors.targetValue}
              defaultValue={values.targetValue}
            />
            <TextInput
              name="targetDate"
              label={t("indicator.targetDate")}
              hint={t("indicator.dateHint")}
              width="10"
              error={errors.targetDate}
              defaultValue={values.targetDate}
            />
            <Radios
              name="frequency"
              legend={t("indicator.frequency")}
              error={errors.frequency}
              defaultValue={values.frequency}
              items={FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}`) }))}
            />
            <Radios
              name="validationMethod"
              legend={t("indicator.validationMethod")}
              error={errors.validationMethod}
              defaultValue={values.validationMethod}
              items={VALIDATION_METHODS.map((m) => ({ value: m, label: t(`validation.${m}`), hint: t(`validationHint.${m}`) }))}
            />
            <TextInput
              name="nationalMeasure"
              label={t("indicator.nationalMeasure")}
              hint={t("indicator.nationalMeasureHint")}
              optional
              error={errors.nationalMeasure}
              defaultValue={values.nationalMeasure}
            />
            <Button>{t("indicator.save")}</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
