import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { FREQUENCIES, INDICATOR_FIELDS, indicatorInput, putIndicator, VALIDATION_METHODS } from "../domain/framework";
import { findOutcomeSet } from "../services/frameworks.server";
import { codeParam, requireCommissioner } from "../auth/framework-access.server";
import { editDraft } from "../services/frameworks.server";
import { BackLink, Button } from "../ui/components";
import { NotEditable } from "../ui/framework";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { index?: number | null; outcome?: { code: string } } | undefined;
    return d?.index
      ? t("commissioner:indicator.titleChange", { code: d.outcome?.code ?? "" })
      : t("commissioner:indicator.titleAdd", { code: d?.outcome?.code ?? "" });
  },
};

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireCommissioner(args);
  const params = args.params as { code?: string; indicator?: string };
  const code = codeParam(params.code);
  const base = `/consultations/${access.consultation.slug}/framework`;
  const set = await findOutcomeSet(args.context.db, access.consultation.id);
  const outcome = set?.content.outcomes.find((o) => o.code === code);
  if (!set || !outcome) throw new Response("Not Found", { status: 404 });
  let index: number | null = null;
  if (params.indicator !== "new") {
    if (!/^[1-9]\d{0,2}$/.test(params.indicator ?? "") || Number(params.indicator) > outcome.indicators.length)
      throw new Response("Not Found", { status: 404 });
    index = Number(params.indicator);
  }
  return { ...access, set, outcome, index, base };
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
  const { scope, actor, set, outcome, index, base } = await load(args);
  const form = await args.request.formData();
  if (set.status !== "draft" || !outcome.included)
    return json({ errors: { name: "errors.conflict" } as Record<string, string>, values: {} as Record<string, string> }, { status: 409 });
  const parsed = parseForm(form, indicatorInput, INDICATOR_FIELDS);
  if (!parsed.ok)
    return json({ errors: Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, `errors.${v}`])), values: parsed.values }, { status: 400 });
  const r = await editDraft(
    args.context.db,
    scope,
    actor,
    set.version,
    index ? "outcome_set.indicator_changed" : "outcome_set.indicator_added",
    { code: outcome.code, indicator: parsed.data.name },
    (c) => putIndicator(c, outcome.code, index ? index - 1 : null, parsed.data),
    new Date()
  );
  if (!r.ok) return json({ errors: { name: "errors.conflict" } as Record<string, string>, values: {} as Record<string, string> }, { status: 409 });
  return redirect(`${base}/outcomes/${outcome.code}`);
}

export default function IndicatorForm() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
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
