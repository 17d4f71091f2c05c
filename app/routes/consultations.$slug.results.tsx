import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { isOfficerOf } from "../auth/round-access.server";
import { requireResultsRound } from "../auth/consultation-rounds.server";
import { CsvError } from "../domain/csv";
import { CONSENSUS_RULES, parseMarginsCsv } from "../domain/aggregation";
import { computeRoundResult, resultsPage, saveMargins } from "../services/results.server";
import { BackLink, SuccessBanner } from "../ui/components";
import { ComputeForms } from "../ui/results/ComputeForms";
import { ResultsNav } from "../ui/results/ResultsNav";
import { RoundChanges } from "../ui/results/RoundChanges";
import { StoredResultView } from "../ui/results/StoredResultView";
import { ErrorSummary } from "../ui/ErrorSummary";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, formValues, parseForm, runIntent, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("results.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const PROFILE_VARIABLES = ["age_band", "sex", "locality", "ethnicity"];

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, rounds, round, user, locale, version } = await requireResultsRound(args, ["officer", "commissioner"]);
  const page = await resultsPage(args.context.db, { consultation, rounds, round, version, locale, canCompute: isOfficerOf(user, consultation.partnershipId) });
  if (!page) throw new Response("Not Found", { status: 404 });
  return json(page);
}

const computeSchema = z.object({
  rule: z.enum(CONSENSUS_RULES, { error: "results.errors.rule" }),
  thresholdIn: z.coerce.number({ error: "results.errors.thresholdIn" }).min(50, "results.errors.thresholdIn").max(100, "results.errors.thresholdIn"),
  thresholdOut: z.coerce.number({ error: "results.errors.thresholdOut" }).min(0, "results.errors.thresholdOut").max(50, "results.errors.thresholdOut"),
  bound: z.enum(["strict", "inclusive"], { error: "results.errors.bound" }),
  groups: z.enum(["overall", "every-group", "any-group"], { error: "results.errors.groups" }),
  groupWeighting: z.enum(["equal", "pooled"], { error: "results.errors.groupWeighting" }),
  margins: z.union([z.literal("none"), z.coerce.number().int().positive()], { error: "results.errors.margins" }),
});
const uploadSchema = z.object({
  name: z.string({ error: "results.errors.marginsName" }).trim().min(1, "results.errors.marginsName").max(120, "results.errors.marginsName"),
});

type Context = Awaited<ReturnType<typeof requireResultsRound>> & { db: ActionFunctionArgs["context"]["db"]; back: string };
/** What the page shows beside a refusal: the weighting engine's message, or where in the CSV it failed. */
type Detail = { detail: string | { line: number; column: number; message: string } | null };
const noDetail: Detail = { detail: null };

const intents = {
  async compute(form: FormData, { db, consultation, round, actor, back }: Context) {
    const parsed = parseForm(form, computeSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values, 400, noDetail);
    const { margins, ...parameters } = parsed.data;
    const outcome = await computeRoundResult(
      db,
      { consultationId: consultation.id, roundId: round.id, actor, parameters, marginsId: margins === "none" ? null : margins },
      new Date(),
    );
    if (!outcome.ok) {
      const key =
        outcome.reason === "no-responses"
          ? "results.errors.noResponses"
          : outcome.reason === "margins-not-found"
            ? "results.errors.margins"
            : "results.errors.weightingFailed";
      const detail: Detail = { detail: "message" in outcome ? outcome.message : null };
      return fail({ [outcome.reason === "no-responses" ? "rule" : "margins"]: key }, formValues(form, schemaFields(computeSchema)), 422, detail);
    }
    return redirect(`${back}&version=${outcome.value.version}&notice=${outcome.value.reused ? "reused" : "computed"}`);
  },
  async "upload-margins"(form: FormData, { db, consultation, actor, back }: Context) {
    const parsed = parseForm(form, uploadSchema);
    const file = form.get("file");
    const text = file && typeof file !== "string" && file.size > 0 ? await file.text() : null;
    if (!parsed.ok || !text) {
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...(text ? {} : { file: "results.errors.file" }) };
      return fail(errors, parsed.ok ? { name: parsed.data.name } : parsed.values, 400, noDetail);
    }
    const values = { name: parsed.data.name };
    if (text.length > 1_000_000) return fail({ file: "results.errors.fileTooBig" }, values, 413, noDetail);
    try {
      const { rows } = parseMarginsCsv(text, PROFILE_VARIABLES);
      await saveMargins(db, { consultationId: consultation.id, actor, name: parsed.data.name, rows }, new Date());
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      const detail: Detail = { detail: { line: e.line, column: e.column, message: e.message } };
      return fail({ file: "results.errors.csv" }, values, 400, detail);
    }
    return redirect(`${back}&notice=uploaded`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const access = await requireResultsRound(args, ["officer"]);
  const form = await args.request.formData();
  const back = `/consultations/${access.consultation.slug}/results?round=${access.round.number}`;
  return await runIntent(form, intents, { ...access, db: args.context.db, back });
}

const NOTICES = ["reused", "uploaded"];

export default function Results() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (Detail & { errors?: Record<string, string>; values?: Record<string, string> }) | undefined;
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const detail = actionData?.detail;
  const translated = useTranslatedErrors(actionData?.errors, "common", typeof detail === "object" && detail ? detail : undefined);
  const errors = typeof detail === "string" ? Object.fromEntries(Object.entries(translated).map(([k, m]) => [k, `${m} ${detail}`])) : translated;
  return (
    <>
      <BackLink to="/dashboard">{t("common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? <SuccessBanner message={t(`results.notice.${NOTICES.includes(notice) ? notice : "computed"}`)} /> : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("results.heading", { round: data.round })}</h1>
      <ResultsNav slug={data.consultation.slug} rounds={data.rounds} current={data.round} />
      {data.result ? <StoredResultView stored={data.result} data={data} /> : <p className="govuk-body">{t("results.none")}</p>}
      <RoundChanges data={data} />
      {data.canCompute ? (
        <ComputeForms margins={data.margins} params={data.result?.data.method.parameters} values={actionData?.values ?? {}} errors={errors} />
      ) : null}
    </>
  );
}
