import { CONTROL } from "../domain/framework/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { provenanceByCode } from "../services/themes.server";
import { ProvenanceNote } from "../ui/provenance";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { isDeparture, outcomesWithoutWeight, removeIndicator, reword, setInclusion } from "../domain/framework";
import { findOutcomeSet } from "../services/frameworks.server";
import { codeParam, requireCommissioner } from "../auth/framework-access.server";
import { editDraft } from "../services/frameworks.server";
import { BackLink, Button, NotificationBanner, SummaryList } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios, Textarea } from "../ui/fields";
import { ConsensusTag, formatPercent, NotEditable } from "../ui/framework";
import type { RouteHandle } from "../ui/title";
import { parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:outcome.title", { code: (data as { outcome?: { code: string } } | undefined)?.outcome?.code ?? "" }),
};

/** The working draft and one of its outcomes; anything else goes back to the overview. */
async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireCommissioner(args);
  const code = codeParam((args.params as { code?: string }).code);
  const set = await findOutcomeSet(args.context.db, access.consultation.id);
  const outcome = set?.content.outcomes.find((o) => o.code === code);
  if (!set || !outcome) throw new Response("Not Found", { status: 404 });
  return { ...access, set, outcome, base: `/consultations/${access.consultation.slug}/framework` };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, set, outcome } = await load(args);
  const provenance = (await provenanceByCode(args.context.db, consultation.id)).get(outcome.code) ?? null;
  return json({ consultation: { slug: consultation.slug, title: consultation.title }, version: set.version, editable: set.status === "draft", outcome, provenance });
}

const reasonText = z
  .string()
  .max(2000, "errors.reasonLength")
  .refine((s) => !CONTROL.test(s), "errors.reasonLength")
  .optional()
  .default("");
const inclusionSchema = z.object({ included: z.enum(["yes", "no"], { error: "errors.included" }), inclusionReason: reasonText });
const rewordSchema = z.object({ statement: z.string({ error: "errors.statement" }).refine((s) => !CONTROL.test(s), "errors.statement") });
const removeSchema = z.object({ index: z.coerce.number({ error: "errors.conflict" }).int().min(1).max(100) });

export async function action(args: ActionFunctionArgs) {
  const { scope, actor, set, outcome, base } = await load(args);
  const db = args.context.db;
  const form = await args.request.formData();
  const intent = form.get("intent");
  const now = new Date();
  const here = `${base}/outcomes/${outcome.code}`;
  const conflict = () => json({ errors: { intent: "errors.conflict" } as Record<string, string>, values: {} as Record<string, string> }, { status: 409 });
  if (intent === "inclusion") {
    const parsed = parseForm(form, inclusionSchema, ["included", "inclusionReason"]);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const included = parsed.data.included === "yes";
    const r = await editDraft(
      db,
      scope,
      actor,
      set.version,
      included ? "outcome_set.included" : "outcome_set.excluded",
      { code: outcome.code, reason: parsed.data.inclusionReason.trim() },
      (c) => setInclusion(c, outcome.code, included, parsed.data.inclusionReason),
      now
    );
    if ("conflict" in r) return conflict();
    if (!r.ok)
      return json(
        {
          errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, `errors.${v}`])),
          values: { included: parsed.data.included, inclusionReason: parsed.data.inclusionReason },
        },
        { status: 400 }
      );
    // Included without a weight: offer to share the weights out again by priority.
    if (included && outcomesWithoutWeight(r.content).includes(outcome.code)) return redirect(`${base}/reweight`);
    return redirect(`${here}?notice=saved`);
  }
  if (intent === "reword") {
    const parsed = parseForm(form, rewordSchema, ["statement"]);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await editDraft(
      db,
      scope,
      actor,
      set.version,
      "outcome_set.reworded",
      { code: outcome.code, statement: parsed.data.statement.trim() },
      (c) => reword(c, outcome.code, parsed.data.statement),
      now
    );
    if ("conflict" in r) return conflict();
    if (!r.ok) return json({ errors: { statement: "errors.statement" }, values: { statement: parsed.data.statement.slice(0, 10_000) } }, { status: 400 });
    return redirect(`${here}?notice=saved`);
  }
  if (intent === "remove-indicator") {
    const parsed = parseForm(form, removeSchema, ["index"]);
    if (!parsed.ok) return conflict();
    const r = await editDraft(
      db,
      scope,
      actor,
      set.version,
      "outcome_set.indicator_removed",
      { code: outcome.code, index: parsed.data.index },
      (c) => removeIndicator(c, outcome.code, parsed.data.index - 1),
      now
    );
    if (!r.ok) return conflict();
    return redirect(`${here}?notice=saved`);
  }
  return json({ errors: { intent: "errors.conflict" } as Record<string, string>, values: {} as Record<string, string> }, { status: 400 });
}

export default function OutcomeEditor() {
  const { t } = useTranslation("commissioner");
  const { consultation, outcome, version, editable, provenance } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const base = `/consultations/${consultation.slug}/framework`;
  const e = outcome.evidence;
  const departureHint =
    outcome.evidence.consensus === "in"
      ? t("outcome.reasonHintIn")
      : outcome.evidence.consensus === "out"
      ? t("outcome.reasonHintOut")
      : t("outcome.reasonHintNone");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`${base}#outcome-${outcome.code}`}>{t("common:common.back")}</BackLink>
        <ErrorSummary
          errors={errors}
          fieldIds={{ included: "included", inclusionReason: "inclusionReason", statement: "statement", intent: editable ? "statement" : "not-editable" }}
        />
        {search.get("notice") === "saved" && !actionData ? (
          <NotificationBanner title={t("common:common.success")} success>
            <p className="govuk-notification-banner__heading">{t("outcome.saved")}</p>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{t("outcome.caption", { version, title: consultation.title })}</span>
        <h1 className="govuk-heading-l">
          {outcome.code}: {outcome.statement}
        </h1>
        {provenance ? <ProvenanceNote provenance={provenance} /> : null}
        <h2 className="govuk-heading-m">{t("outcome.evidence")}</h2>
        <SummaryList
          rows={[
            { key: t("outcome.domain"), value: outcome.domainName },
            { key: t("outcome.citizenStatement"), value: outcome.citizenStatement },
            { key: t("col.consensus"), value: <ConsensusTag consensus={e.consensus} /> },
            {
              key: t("col.critical"),
              value: `${formatPercent(e.percentCritical)}${
                e.ci95 ? ` (${t("outcome.interval", { lower: e.ci95.lower.toFixed(1), upper: e.ci95.upper.toFixed(1) })})` : ""
              }`,
            },
            { key: t("outcome.rank"), value: String(e.rank) },
            { key: t("outcome.responses"), value: t("outcome.responsesText", { n: e.n, unable: e.nUnable }) },
          ]}
        />
        {!editable ? (
          <NotEditable to={base} back="backToSet" />
        ) : null}
        {editable ? (
          <>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="inclusion" />
              <Radios
                name="included"
                legend={t("outcome.includeLegend")}
                error={errors.included}
                defaultValue={values.included ?? (outcome.included ? "yes" : "no")}
                items={[
                  { value: "yes", label: t("outcome.include") },
                  { value: "no", label: t("outcome.exclude") },
                ]}
              />
              <Textarea
                name="inclusionReason"
                label={t("outcome.reason")}
                hint={departureHint}
                error={errors.inclusionReason}
                defaultValue={values.inclusionReason ?? outcome.inclusionReason}
                optional={!isDeparture(outcome)}
                rows={3}
              />
              <Button>{t("outcome.saveInclusion")}</Button>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="reword" />
              <Textarea
                name="statement"
                label={t("outcome.statement")}
                hint={t("outcome.statementHint", { wording: outcome.citizenStatement })}
                error={errors.statement}
                defaultValue={values.statement ?? outcome.statement}
                rows={2}
              />
              <Button variant="secondary">{t("outcome.saveStatement")}</Button>
            </Form>
          </>
        ) : null}
        <h2 className="govuk-heading-m">{t("outcome.indicators")}</h2>
        {outcome.indicators.length === 0 ? (
          <p className="govuk-body">{outcome.included ? t("outcome.noIndicators") : t("outcome.excludedNoIndicators")}</p>
        ) : null}
        {outcome.indicators.map((i, k) => (
          <div key={k} className="govuk-summary-card">
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{i.name}</h3>
              {editable ? (
                <ul className="govuk-summary-card__actions">
                  <li className="govuk-summary-card__action">
                    <Link className="govuk-link" to={`${base}/outcomes/${outcome.code}/indicators/${k + 1}`}>
                      {t("outcome.change")}
                      <span className="govuk-visually-hidden"> {i.name}</span>
                    </Link>
                  </li>
                  <li className="govuk-summary-card__action">
                    <Form method="post" className="app-inline-form">
                      <input type="hidden" name="intent" value="remove-indicator" />
                      <input type="hidden" name="index" value={k + 1} />
                      <button type="submit" className="app-link-button">
                        {t("outcome.remove")}
                        <span className="govuk-visually-hidden"> {i.name}</span>
                      </button>
                    </Form>
                  </li>
                </ul>
              ) : null}
            </div>
            <div className="govuk-summary-card__content">
              <SummaryList
                rows={[
                  { key: t("indicator.definition"), value: i.definition },
                  { key: t("indicator.dataSource"), value: i.dataSource },
                  { key: t("indicator.baseline"), value: t("indicator.valueOn", { value: i.baselineValue, date: i.baselineDate }) },
                  { key: t("indicator.target"), value: t("indicator.valueBy", { value: i.targetValue, date: i.targetDate }) },
                  { key: t("indicator.frequency"), value: t(`frequency.${i.frequency}`) },
                  { key: t("indicator.validationMethod"), value: t(`validation.${i.validationMethod}`) },
                  ...(i.nationalMeasure ? [{ key: t("indicator.nationalMeasure"), value: i.nationalMeasure }] : []),
                ]}
              />
            </div>
          </div>
        ))}
        {outcome.included && editable ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/outcomes/${outcome.code}/indicators/new`}>
              {t("outcome.addIndicator")}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
