import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "../i18n/use-translation";
import { ordered, outcomesWithoutWeight, shareWeightsByPriority, weightsByPriority } from "../domain/outcome-sets";
import { requireLatestOutcomeSet } from "../auth/outcome-set-access.server";
import { editDraft } from "../services/outcome-sets.server";
import { BackLink, Button, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios } from "../ui/fields";
import { formatPercent, formatWeight, NotEditable } from "../ui/outcome-sets";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm } from "../utils/forms";

/**
 * The choice offered after commissioners include an outcome that has no weight: share every
 * weight out again by priority (largest remainder, exactly 100.00), or set them by hand.
 */
export const handle: RouteHandle = { title: (t) => t("commissioner:reweight.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, set } = await requireLatestOutcomeSet(args);
  const statements = new Map(ordered(set.content.outcomes).map((o) => [o.code, o.statement]));
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    version: set.version,
    editable: set.status === "draft",
    withoutWeight: outcomesWithoutWeight(set.content),
    rows: weightsByPriority(set.content).map((r) => ({ ...r, statement: statements.get(r.code) ?? "" })),
  });
}

const choiceSchema = z.object({ choice: z.enum(["priority", "hand"], { error: "errors.reweightChoice" }) });

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, set, base } = await requireLatestOutcomeSet(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, choiceSchema);
  if (!parsed.ok) return fail(parsed.errors);
  if (parsed.data.choice === "hand") return redirect(`${base}/weights`);
  if (set.status !== "draft") return fail({ choice: "errors.conflict" }, {}, 409);
  const r = await editDraft(
    args.context.db,
    {
      actor,
      consultationId: consultation.id,
      version: set.version,
      action: "outcome_set.weights_shared_by_priority",
      details: { weights: Object.fromEntries(weightsByPriority(set.content).map((w) => [w.code, w.byPriority])) },
      edit: shareWeightsByPriority,
    },
    new Date(),
  );
  if (!r.ok && r.reason === "conflict") return fail({ choice: "errors.conflict" }, {}, 409);
  if (!r.ok) return fail({ choice: `errors.${r.errors.choice}` });
  return redirect(`${base}/weights?notice=shared`);
}

export default function Reweight() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const base = `/consultations/${data.consultation.slug}/framework`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`${base}/weights`}>{t("common:common.back")}</BackLink>
        <ErrorSummary errors={errors} fieldIds={{ choice: data.editable ? "choice" : "not-editable" }} />
        <span className="govuk-caption-l">{t("outcome.caption", { version: data.version, title: data.consultation.title })}</span>
        <h1 className="govuk-heading-l">{t("reweight.heading")}</h1>
        {data.withoutWeight.length > 0 ? (
          <div className="govuk-inset-text" data-testid="without-weight">
            {t("reweight.withoutWeight", { codes: data.withoutWeight.join(", ") })}
          </div>
        ) : null}
        <p className="govuk-body">{t("reweight.intro")}</p>
        <Table
          caption={t("reweight.caption")}
          head={[t("col.outcome"), t("reweight.colPriority"), t("reweight.colNow"), t("reweight.colByPriority")]}
          numericColumns={[1, 2, 3]}
          rows={data.rows.map((r) => [
            `${r.code}: ${r.statement}`,
            formatPercent(r.priority),
            <span key="n" data-testid={`now-${r.code}`}>
              {r.current === null ? t("reweight.noWeight") : formatWeight(r.current)}
            </span>,
            <span key="p" data-testid={`by-priority-${r.code}`}>
              {formatWeight(r.byPriority)}
            </span>,
          ])}
        />
        <p className="govuk-body">{t("reweight.zeroNote")}</p>
        {!data.editable ? (
          <NotEditable to={base} back="backToSet" />
        ) : (
          <Form method="post" noValidate>
            <Radios
              name="choice"
              legend={t("reweight.legend")}
              error={errors.choice}
              items={[
                { value: "priority", label: t("reweight.priority"), hint: t("reweight.priorityHint") },
                { value: "hand", label: t("reweight.hand"), hint: t("reweight.handHint") },
              ]}
            />
            <Button>{t("common:common.continue")}</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
