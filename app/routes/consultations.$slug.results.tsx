import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { CsvError } from "../domain/csv";
import { equalGroupsGaps, parseMarginsCsv, type AggregateResult } from "../domain/aggregation";
import { findResult, listRounds, saveMargins, listMargins, listResultVersions, outcomeStatements } from "../services/results.server";
import { compareWithPreviousRound, computeRoundResult } from "../services/results.server";
import { BackLink, Button, NotificationBanner, Table, Tag } from "../ui/components";
import { DistributionBar } from "../ui/DistributionBar";
import { EqualGroupsNote, ResultsNav } from "../ui/results";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FileUpload, Radios, TextInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";
import { formValues, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("results.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const PROFILE_VARIABLES = ["age_band", "sex", "locality", "ethnicity"];
const query = z.object({
  round: z.coerce.number().int().min(1).max(1000).optional(),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

async function load(args: LoaderFunctionArgs | ActionFunctionArgs, write: boolean) {
  const { consultation: found, user, locale } = await requireConsultationRole(args, write ? ["officer"] : ["officer", "commissioner"]);
  const consultation = { ...found, rounds: await listRounds(args.context.db, found.id) };
  const q = query.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!q.success) throw new Response("Bad Request", { status: 400 });
  const round = consultation.rounds.find((r) => r.number === (q.data.round ?? consultation.rounds.at(-1)?.number));
  if (!round) throw new Response("Not Found", { status: 404 });
  return { consultation, round, user, locale, version: q.data.version };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, user, locale, version } = await load(args, false);
  const db = args.context.db;
  const stored = await findResult(db, round.id, version);
  if (version !== undefined && !stored) throw new Response("Not Found", { status: 404 });
  const previous = consultation.rounds.filter((r) => r.number < round.number).at(-1);
  const comparison = previous ? await compareWithPreviousRound(db, previous.id, previous.number, round.id, round.number) : [];
  const canCompute = user.memberships.some((m) => m.partnershipId === consultation.partnershipId && m.role === "officer");
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    rounds: consultation.rounds.map((r) => r.number),
    round: round.number,
    canCompute,
    statements: await outcomeStatements(db, consultation.id, locale),
    versions: (await listResultVersions(db, round.id)).map((v) => ({ version: v.version, responseCount: v.responseCount, createdAt: formatDate(v.createdAt.toISOString(), locale) })),
    result: stored
      ? { version: stored.version, responseCount: stored.responseCount, parameters: stored.parameters as { marginsName?: string | null }, data: stored.result as unknown as AggregateResult }
      : null,
    gaps: stored ? equalGroupsGaps(stored.result as unknown as AggregateResult) : [],
    previousRound: previous?.number ?? null,
    comparison,
    margins: (await listMargins(db, consultation.id)).map((m) => ({ id: m.id, name: m.name, variables: [...new Set(m.rows.map((r) => r.variable))] })),
  });
}

const COMPUTE_FIELDS = ["rule", "thresholdIn", "thresholdOut", "bound", "groups", "groupWeighting", "margins"] as const;
const computeSchema = z.object({
  rule: z.enum(["comet", "median-iqr", "rand-ucla"], { error: "results.errors.rule" }),
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

export async function action(args: ActionFunctionArgs) {
  const { consultation, round, user } = await load(args, true);
  const db = args.context.db;
  const form = await args.request.formData();
  const intent = form.get("intent");
  const back = `/consultations/${consultation.slug}/results?round=${round.number}`;
  if (intent === "compute") {
    const parsed = parseForm(form, computeSchema, COMPUTE_FIELDS);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, detail: null }, { status: 400 });
    const { margins, ...parameters } = parsed.data;
    const outcome = await computeRoundResult(
      db,
      { consultationId: consultation.id, partnershipId: consultation.partnershipId, roundId: round.id, actorUserId: user.id, parameters, marginsId: margins === "none" ? null : margins },
      new Date(),
    );
    if (!outcome.ok) {
      const key = outcome.reason === "no-responses" ? "results.errors.noResponses" : outcome.reason === "margins-not-found" ? "results.errors.margins" : "results.errors.weightingFailed";
      return json(
        { errors: { [outcome.reason === "no-responses" ? "rule" : "margins"]: key }, values: formValues(form, COMPUTE_FIELDS), detail: "message" in outcome ? outcome.message : null },
        { status: 422 },
      );
    }
    return redirect(`${back}&version=${outcome.version}&notice=${outcome.reused ? "reused" : "computed"}`);
  }
  if (intent === "upload-margins") {
    const parsed = parseForm(form, uploadSchema, ["name"]);
    const file = form.get("file");
    const text = file && typeof file !== "string" && file.size > 0 ? await file.text() : null;
    if (!parsed.ok || !text) {
      const errors = { ...(parsed.ok ? {} : parsed.errors), ...(text ? {} : { file: "results.errors.file" }) };
      return json({ errors, values: parsed.ok ? { name: parsed.data.name } : parsed.values, detail: null }, { status: 400 });
    }
    if (text.length > 1_000_000) return json({ errors: { file: "results.errors.fileTooBig" }, values: { name: parsed.data.name }, detail: null }, { status: 413 });
    try {
      const { rows } = parseMarginsCsv(text, PROFILE_VARIABLES);
      await saveMargins(db, { consultationId: consultation.id, partnershipId: consultation.partnershipId, actorUserId: user.id, name: parsed.data.name, rows }, new Date());
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      return json({ errors: { file: "results.errors.csv" }, values: { name: parsed.data.name }, detail: { line: e.line, column: e.column, message: e.message } }, { status: 400 });
    }
    return redirect(`${back}&notice=uploaded`);
  }
  throw new Response("Bad Request", { status: 400 });
}

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : x.toFixed(digits));

function methodText(t: TFunction, p: AggregateResult["method"]["parameters"]): string[] {
  const rule =
    p.rule === "comet"
      ? t("results.method.comet", { in: p.thresholdIn, out: p.thresholdOut, bound: t(`results.bound.${p.bound}`) })
      : p.rule === "median-iqr"
        ? t("results.method.medianIqr", { median: p.medianIn, iqr: p.iqrMax })
        : t("results.method.randUcla");
  return [rule, t(`results.groups.${p.groups}`), t(`results.groupWeighting.${p.groupWeighting}`)];
}

export default function Results() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const detail = actionData?.detail;
  const errors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([k, v]) => [
      k,
      typeof detail === "object" && detail ? t(String(v), detail) : typeof detail === "string" ? `${t(String(v))} ${detail}` : t(String(v)),
    ]),
  );
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const result = data.result?.data;
  const groupNames = result ? [...new Set(result.items.flatMap((i) => Object.keys(i.byGroup)))] : [];
  const statusTag = (s: string) => <Tag colour={s === "in" ? "green" : s === "out" ? "red" : "grey"}>{t(`results.consensus.${s}`)}</Tag>;
  const params = result?.method.parameters;
  return (
    <>
      <BackLink to="/dashboard">{t("common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? (
        <NotificationBanner title={t("common.success")} success>
          <p className="govuk-notification-banner__heading">{t(`results.notice.${notice === "reused" ? "reused" : notice === "uploaded" ? "uploaded" : "computed"}`)}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("results.heading", { round: data.round })}</h1>
      <ResultsNav slug={data.consultation.slug} rounds={data.rounds} current={data.round} />
      {!result ? (
        <p className="govuk-body">{t("results.none")}</p>
      ) : (
        <>
          <p className="govuk-body" data-testid="result-version">
            {t("results.version", { version: data.result!.version, count: data.result!.responseCount })} {t("results.engine", { name: result.method.name, version: result.method.version })}
          </p>
          <h2 className="govuk-heading-m">{t("results.howHeading")}</h2>
          {methodText(t, params!).map((line, i) => (
            <p className="govuk-body" key={i}>
              {line}
            </p>
          ))}
          <p className="govuk-body" data-testid="weighting-summary">
            {result.weighting
              ? t("results.weighting.raked", {
                  name: data.result!.parameters.marginsName ?? "",
                  deff: result.weighting.deff.toFixed(2),
                  nEff: result.weighting.nEff.toFixed(1),
                  n: data.result!.responseCount,
                  iterations: result.weighting.iterations,
                })
              : t("results.weighting.none")}
          </p>
          <Table
            caption={t("results.itemsCaption")}
            head={[t("results.col.outcome"), t("results.col.n"), t("results.col.median"), t("results.col.critical"), t("results.col.chart"), t("results.col.consensus"), t("results.col.weight")]}
            numericColumns={[1, 2, 3, 6]}
            rows={[...result.items]
              .sort((a, b) => a.framework.rank - b.framework.rank)
              .map((item) => [
                <span key="o">
                  {item.code}: {data.statements[item.code] ?? ""}
                </span>,
                String(item.n),
                fmt(item.median),
                item.weightedPercentCritical === null ? "–" : `${fmt(item.weightedPercentCritical)}% (${fmt(item.ci95?.lower)}–${fmt(item.ci95?.upper)})`,
                <DistributionBar
                  key="c"
                  distribution={item.distribution}
                  unable={item.nUnable}
                  label={t("results.chartLabel", {
                    limited: item.distribution.slice(0, 3).reduce((a, b) => a + b, 0),
                    middle: item.distribution.slice(3, 6).reduce((a, b) => a + b, 0),
                    critical: item.distribution.slice(6).reduce((a, b) => a + b, 0),
                    unable: item.nUnable,
                  })}
                />,
                statusTag(item.consensus),
                item.framework.included ? `${item.framework.proposedWeight.toFixed(2)}%` : "–",
              ])}
          />
          <Table
            caption={t("results.byGroupCaption")}
            head={[t("results.col.outcome"), ...groupNames.map((g) => t(`results.group.${g}`, { defaultValue: g }))]}
            rows={result.items.map((item) => [
              item.code,
              ...groupNames.map((g) => {
                const s = item.byGroup[g];
                return s ? (
                  <span key={g}>
                    {fmt(s.weightedPercentCritical)}% {statusTag(s.consensus)}
                  </span>
                ) : (
                  "–"
                );
              }),
            ])}
          />
          <EqualGroupsNote gaps={data.gaps} />
          <Table
            caption={t("results.distributionCaption")}
            head={[t("results.col.outcome"), "1", "2", "3", "4", "5", "6", "7", "8", "9", t("results.col.unable")]}
            numericColumns={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
            rows={result.items.map((item) => [item.code, ...item.distribution.map(String), String(item.nUnable)])}
          />
          {data.versions.length > 1 ? (
            <>
              <h2 className="govuk-heading-m">{t("results.versionsHeading")}</h2>
              <ul className="govuk-list">
                {data.versions.map((v) => (
                  <li key={v.version}>
                    <Link className="govuk-link" to={`?round=${data.round}&version=${v.version}`}>
                      {t("results.versionLink", { version: v.version, date: v.createdAt, count: v.responseCount })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      {data.comparison.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("results.changes.heading", { round: data.previousRound })}</h2>
          <Table
            caption={t("results.changes.attritionCaption")}
            head={[t("results.changes.group"), t("results.changes.before", { round: data.previousRound }), t("results.changes.after", { round: data.round }), t("results.changes.retention")]}
            numericColumns={[1, 2, 3]}
            rows={Object.entries(data.comparison[0].responseByGroup).map(([g, r]) => [
              t(`results.group.${g}`, { defaultValue: g }),
              String(r.from),
              String(r.to),
              r.retentionRate === null ? "–" : `${fmt(r.retentionRate)}%`,
            ])}
          />
          <Table
            caption={t("results.changes.itemsCaption")}
            head={[t("results.col.outcome"), t("results.changes.criticalBefore"), t("results.changes.criticalAfter"), t("results.changes.changedScore"), t("results.changes.stable"), t("results.changes.leavers")]}
            numericColumns={[1, 2, 3, 5]}
            rows={data.comparison.map((c) => [
              c.code,
              `${fmt(c.percentCriticalFrom)}%`,
              `${fmt(c.percentCriticalTo)}% (${c.changeInPercentCritical === null ? "–" : `${c.changeInPercentCritical >= 0 ? "+" : ""}${fmt(c.changeInPercentCritical)}`})`,
              c.percentChangedScore === null ? "–" : `${fmt(c.percentChangedScore)}%`,
              c.stable === null ? "–" : c.stable ? t("results.changes.yes") : t("results.changes.no"),
              `${fmt(c.leaversPercentCritical)}% / ${fmt(c.stayersPercentCritical)}%`,
            ])}
          />
        </>
      ) : null}
      {data.canCompute ? (
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
                items={["comet", "median-iqr", "rand-ucla"].map((r) => ({ value: r, label: t(`results.rule.${r}`) }))}
              />
              <TextInput name="thresholdIn" label={t("results.fields.thresholdIn")} hint={t("results.fields.thresholdInHint")} inputMode="decimal" width="3" defaultValue={values.thresholdIn ?? String(params?.thresholdIn ?? 70)} error={errors.thresholdIn} />
              <TextInput name="thresholdOut" label={t("results.fields.thresholdOut")} hint={t("results.fields.thresholdOutHint")} inputMode="decimal" width="3" defaultValue={values.thresholdOut ?? String(params?.thresholdOut ?? 15)} error={errors.thresholdOut} />
              <Radios name="bound" legend={t("results.fields.bound")} inline defaultValue={values.bound ?? params?.bound ?? "strict"} error={errors.bound} items={["strict", "inclusive"].map((b) => ({ value: b, label: t(`results.boundLabel.${b}`) }))} />
              <Radios name="groups" legend={t("results.fields.groups")} defaultValue={values.groups ?? params?.groups ?? "overall"} error={errors.groups} items={["overall", "every-group", "any-group"].map((g) => ({ value: g, label: t(`results.groupsLabel.${g}`) }))} />
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
                items={[{ value: "none", label: t("results.noWeighting") }, ...data.margins.map((m) => ({ value: String(m.id), label: m.name, hint: m.variables.join(", ") }))]}
              />
              <Button>{t("results.computeSubmit")}</Button>
            </Form>
            <h2 className="govuk-heading-m">{t("results.uploadHeading")}</h2>
            <p className="govuk-body">{t("results.uploadIntro")}</p>
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="intent" value="upload-margins" />
              <TextInput name="name" label={t("results.fields.marginsName")} hint={t("results.fields.marginsNameHint")} defaultValue={values.name} error={errors.name} />
              <FileUpload name="file" label={t("results.fields.file")} hint={t("results.fields.fileHint")} error={errors.file} accept=".csv,text/csv" />
              <Button variant="secondary">{t("results.uploadSubmit")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
