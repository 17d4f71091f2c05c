import { CONTROL } from "../domain/outcome-sets/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { provenanceByCode } from "../services/themes.server";
import { ProvenanceNote } from "../ui/outcomes/provenance";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import type { Actor } from "../domain/actor";
import { outcomesWithoutWeight, problemKeys, removeIndicator, reword, setInclusion, type OutcomeEntry } from "../domain/outcome-sets";
import { requireLatestOutcome } from "../auth/outcome-set-access.server";
import { editDraft } from "../services/outcome-sets.server";
import { BackLink, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { NotEditable } from "../ui/outcome-sets";
import { IndicatorCards } from "../ui/outcome-sets/IndicatorCards";
import { OutcomeEditForms } from "../ui/outcome-sets/OutcomeEditForms";
import { OutcomeEvidence } from "../ui/outcome-sets/OutcomeEvidence";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:outcome.title", { code: (data as { outcome?: { code: string } } | undefined)?.outcome?.code ?? "" }),
};

/** The working draft's outcome named by :code; anything else is not found. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, set, outcome } = await requireLatestOutcome(args);
  const provenance = (await provenanceByCode(args.context.db, consultation.id)).get(outcome.code) ?? null;
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    version: set.version,
    editable: set.status === "draft",
    outcome,
    provenance,
  });
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

interface Context {
  db: LoaderFunctionArgs["context"]["db"];
  actor: Actor;
  consultationId: number;
  version: number;
  outcome: OutcomeEntry;
  base: string;
  now: Date;
}

/** Someone else changed the set meanwhile (or the form names nothing there is). */
const conflict = () => fail({ intent: "errors.conflict" }, {}, 409);
const saved = (c: Context) => redirect(`${c.base}/outcomes/${c.outcome.code}?notice=saved`);

const intents = {
  inclusion: async (form: FormData, c: Context) => {
    const parsed = parseForm(form, inclusionSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const { code } = c.outcome;
    const included = parsed.data.included === "yes";
    const r = await editDraft(
      c.db,
      {
        ...c,
        action: included ? "outcome_set.included" : "outcome_set.excluded",
        details: { code, reason: parsed.data.inclusionReason.trim() },
        edit: (content) => setInclusion(content, code, included, parsed.data.inclusionReason),
      },
      c.now,
    );
    if (!r.ok)
      return r.reason === "conflict"
        ? conflict()
        : fail(problemKeys(r.errors), { included: parsed.data.included, inclusionReason: parsed.data.inclusionReason });
    // Included without a weight: offer to share the weights out again by priority.
    if (included && outcomesWithoutWeight(r.value).includes(code)) return redirect(`${c.base}/reweight`);
    return saved(c);
  },
  reword: async (form: FormData, c: Context) => {
    const parsed = parseForm(form, rewordSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const { code } = c.outcome;
    const r = await editDraft(
      c.db,
      {
        ...c,
        action: "outcome_set.reworded",
        details: { code, statement: parsed.data.statement.trim() },
        edit: (content) => reword(content, code, parsed.data.statement),
      },
      c.now,
    );
    if (!r.ok) return r.reason === "conflict" ? conflict() : fail({ statement: "errors.statement" }, { statement: parsed.data.statement.slice(0, 10_000) });
    return saved(c);
  },
  "remove-indicator": async (form: FormData, c: Context) => {
    const parsed = parseForm(form, removeSchema);
    if (!parsed.ok) return conflict();
    const { code } = c.outcome;
    const { index } = parsed.data;
    const r = await editDraft(
      c.db,
      { ...c, action: "outcome_set.indicator_removed", details: { code, index }, edit: (content) => removeIndicator(content, code, index - 1) },
      c.now,
    );
    return r.ok ? saved(c) : conflict();
  },
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, set, outcome, base } = await requireLatestOutcome(args);
  const form = await args.request.formData();
  return await runIntent(form, intents, { db: args.context.db, actor, consultationId: consultation.id, version: set.version, outcome, base, now: new Date() });
}

export default function OutcomeEditor() {
  const { t } = useTranslation("commissioner");
  const { consultation, outcome, version, editable, provenance } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const base = `/consultations/${consultation.slug}/framework`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`${base}#outcome-${outcome.code}`}>{t("common:common.back")}</BackLink>
        <ErrorSummary
          errors={errors}
          fieldIds={{ included: "included", inclusionReason: "inclusionReason", statement: "statement", intent: editable ? "statement" : "not-editable" }}
        />
        {search.get("notice") === "saved" && !actionData ? <SuccessBanner message={t("outcome.saved")} /> : null}
        <span className="govuk-caption-l">{t("outcome.caption", { version, title: consultation.title })}</span>
        <h1 className="govuk-heading-l">
          {outcome.code}: {outcome.statement}
        </h1>
        {provenance ? <ProvenanceNote provenance={provenance} /> : null}
        <h2 className="govuk-heading-m">{t("outcome.evidence")}</h2>
        <OutcomeEvidence outcome={outcome} />
        {editable ? <OutcomeEditForms outcome={outcome} errors={errors} values={actionData?.values ?? {}} /> : <NotEditable to={base} back="backToSet" />}
        <h2 className="govuk-heading-m">{t("outcome.indicators")}</h2>
        {outcome.indicators.length === 0 ? (
          <p className="govuk-body">{outcome.included ? t("outcome.noIndicators") : t("outcome.excludedNoIndicators")}</p>
        ) : null}
        <IndicatorCards outcome={outcome} editable={editable} base={base} />
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
