import { CONTROL } from "../domain/outcome-sets/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { citizenWeights, ordered, outcomesWithoutWeight, problemKeys, setWeights } from "../domain/outcome-sets";
import { requireLatestOutcomeSet } from "../auth/outcome-set-access.server";
import { editDraft } from "../services/outcome-sets.server";
import { BackLink, Button, SuccessBanner, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea, TextInput } from "../ui/fields";
import { formatWeight, NotEditable } from "../ui/outcome-sets";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, formValues } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("commissioner:weights.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, set } = await requireLatestOutcomeSet(args);
  const citizen = citizenWeights(set.content);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    version: set.version,
    editable: set.status === "draft",
    margin: set.content.weightMargin,
    withoutWeight: outcomesWithoutWeight(set.content),
    potPounds: set.content.incentivePotPence === null ? "" : (set.content.incentivePotPence / 100).toFixed(2),
    outcomes: ordered(set.content.outcomes)
      .filter((o) => o.included)
      .map((o) => ({
        code: o.code,
        statement: o.statement,
        citizenWeight: citizen.get(o.code) ?? 0,
        finalWeight: o.finalWeight,
        weightReason: o.weightReason,
      })),
  });
}

const WEIGHT = /^\d{1,3}(\.\d{1,2})?$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, set, base } = await requireLatestOutcomeSet(args);
  const form = await args.request.formData();
  if (set.status !== "draft") return fail({ total: "errors.conflict" }, {}, 409);
  const included = set.content.outcomes.filter((o) => o.included).map((o) => o.code);
  const fields = [...included.flatMap((c) => [`weight-${c}`, `reason-${c}`]), "pot", "margin"];
  const values = formValues(form, fields);
  const errors: Record<string, string> = {};
  const weights: Record<string, number> = {};
  const reasons: Record<string, string> = {};
  for (const code of included) {
    const w = (values[`weight-${code}`] ?? "").trim().replace(/%$/, "");
    if (!WEIGHT.test(w) || Number(w) > 100) errors[`weight-${code}`] = "errors.weight";
    else weights[code] = Number(w);
    const reason = values[`reason-${code}`] ?? "";
    if (reason.length > 2000 || CONTROL.test(reason)) errors[`reason-${code}`] = "errors.reasonLength";
    else reasons[code] = reason;
  }
  const pot = (values.pot ?? "").trim().replace(/^£/, "").replace(/,/g, "");
  if (pot !== "" && !MONEY.test(pot)) errors.pot = "errors.pot";
  const margin = (values.margin ?? "").trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(margin) || Number(margin) > 50) errors.margin = "errors.margin";
  if (Object.keys(errors).length) return fail(errors, values);
  const incentivePotPence = pot === "" ? null : Math.round(Number(pot) * 100);
  const r = await editDraft(
    args.context.db,
    {
      actor,
      consultationId: consultation.id,
      version: set.version,
      action: "outcome_set.weights_set",
      details: { weights, pot: pot === "" ? null : pot, margin: Number(margin) },
      edit: (c) => setWeights(c, { weights, reasons, incentivePotPence, weightMargin: Number(margin) }),
    },
    new Date(),
  );
  if (!r.ok && r.reason === "conflict") return fail({ total: "errors.conflict" }, values, 409);
  if (!r.ok) {
    const total = included.reduce((a, c) => a + Math.round((weights[c] ?? 0) * 100), 0) / 100;
    return fail(problemKeys(r.errors), values, 400, { total });
  }
  return redirect(`${base}?notice=weights`);
}

export default function Weights() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const total = actionData && "total" in actionData ? Number(actionData.total) : undefined;
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  // Each weight's message names its own outcome.
  const errors = useTranslatedErrors(actionData?.errors, "commissioner", (field) => ({
    total: total?.toFixed(2) ?? "",
    code: field.replace(/^(weight|reason)-/, ""),
    margin: values.margin ?? data.margin,
  }));
  const base = `/consultations/${data.consultation.slug}/framework`;
  const [search] = useSearchParams();
  return (
    <>
      <BackLink to={base}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ total: data.editable ? `weight-${data.outcomes[0]?.code ?? ""}` : "not-editable" }} />
      {search.get("notice") === "shared" && !actionData ? <SuccessBanner message={t("notice.shared")} /> : null}
      <span className="govuk-caption-l">{t("outcome.caption", { version: data.version, title: data.consultation.title })}</span>
      <h1 className="govuk-heading-l">{t("weights.heading")}</h1>
      <p className="govuk-body">{t("weights.intro", { margin: data.margin })}</p>
      {data.editable ? (
        <p className="govuk-body">
          {data.withoutWeight.length > 0 ? (
            <strong data-testid="without-weight">{t("weights.withoutWeight", { codes: data.withoutWeight.join(", ") })} </strong>
          ) : null}
          <Link className="govuk-link" to={`${base}/reweight`}>
            {t("reweight.offer")}
          </Link>
        </p>
      ) : null}
      {!data.editable ? (
        <NotEditable to={base} back="backToSet" />
      ) : (
        <Form method="post" noValidate>
          <Table
            caption={t("weights.caption")}
            head={[t("col.outcome"), t("col.citizenWeight"), t("col.finalWeight")]}
            numericColumns={[1]}
            rows={data.outcomes.map((o) => [
              `${o.code}: ${o.statement}`,
              <span key="c" data-testid={`citizen-${o.code}`}>
                {formatWeight(o.citizenWeight)}
              </span>,
              <div key="f">
                <TextInput
                  name={`weight-${o.code}`}
                  label={t("weights.finalFor", { code: o.code })}
                  inputMode="decimal"
                  width="5"
                  error={errors[`weight-${o.code}`]}
                  defaultValue={values[`weight-${o.code}`] ?? (o.finalWeight === null ? "" : o.finalWeight.toFixed(2))}
                />
                <Textarea
                  name={`reason-${o.code}`}
                  label={t("weights.reasonFor", { code: o.code })}
                  hint={t("weights.reasonHint", { margin: data.margin })}
                  error={errors[`reason-${o.code}`]}
                  defaultValue={values[`reason-${o.code}`] ?? o.weightReason}
                  rows={2}
                />
              </div>,
            ])}
          />
          <TextInput
            name="pot"
            label={t("weights.pot")}
            hint={t("weights.potHint")}
            optional
            inputMode="decimal"
            width="10"
            error={errors.pot}
            defaultValue={values.pot ?? data.potPounds}
          />
          <TextInput
            name="margin"
            label={t("weights.margin")}
            hint={t("weights.marginHint")}
            inputMode="decimal"
            width="3"
            error={errors.margin}
            defaultValue={values.margin ?? String(data.margin)}
          />
          <Button>{t("weights.save")}</Button>
        </Form>
      )}
    </>
  );
}
