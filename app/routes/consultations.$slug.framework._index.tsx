import { CONTROL } from "../domain/framework/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { amountsPence, basisRounds, citizenWeights, decidingRound, move, ordered, proposalProblems } from "../domain/framework";
import { findOutcomeSet, findUserOrganisation, listOutcomeSetVersions, listSignatories, listSignatures } from "../services/frameworks.server";
import { codeParam, requireCommissioner, versionParam } from "../auth/framework-access.server";
import { editDraft, proposeOutcomeSet, returnToDraft, signOutcomeSet, startFramework, startNewVersion, studyStatus } from "../services/frameworks.server";
import { BackLink, Button, NotificationBanner, SummaryList, Table, WarningText } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea } from "../ui/fields";
import { formatDateTime } from "../i18n/format.server";
import { ConsensusTag, DraftMark, formatPercent, formatPounds, formatWeight, RoundPath, RoundsBuiltFrom, StaleRoundsWarning, StatusTag } from "../ui/framework";
import type { RouteHandle } from "../ui/title";
import { parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("commissioner:framework.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireCommissioner(args);
  const db = args.context.db;
  const q = new URL(args.request.url).searchParams.get("version");
  const version = q === null ? undefined : versionParam(q);
  const set = await findOutcomeSet(db, consultation.id, version);
  if (version !== undefined && !set) throw new Response("Not Found", { status: 404 });
  const versions = await listOutcomeSetVersions(db, consultation.id);
  const study = await studyStatus(db, consultation.id);
  const organisation = await findUserOrganisation(db, user.id);
  const when = (d: Date | null) => (d ? formatDateTime(d.toISOString(), locale) : null);
  let view = null;
  if (set) {
    const citizen = citizenWeights(set.content);
    const amounts = amountsPence(set.content);
    const outcomes = ordered(set.content.outcomes);
    const domainNames = [...new Set(outcomes.map((o) => o.domainName))];
    const signatures = (await listSignatures(db, set.id)).map((s) => ({
      organisationId: s.organisationId,
      organisation: s.organisationName,
      signer: s.signerName,
      signedAt: when(s.signedAt),
    }));
    view = {
      version: set.version,
      status: set.status,
      isLatest: versions[0]?.version === set.version,
      createdByName: set.createdByName,
      createdAt: when(set.createdAt),
      updatedByName: set.updatedByName,
      updatedAt: when(set.updatedAt),
      changeReason: set.changeReason,
      agreedAt: when(set.agreedAt),
      basis: {
        rounds: basisRounds(set.content.basis).map((r) => ({ round: r.roundNumber, version: r.resultVersion, responses: r.responseCount })),
        method: [...new Set(basisRounds(set.content.basis).map((r) => `${r.method.name} ${r.method.version}`))].join(", "),
      },
      // Rounds calculated again since this version was built from them.
      recalculated: basisRounds(set.content.basis)
        .map((b) => ({ round: b.roundNumber, from: b.resultVersion, now: study.rounds.find((r) => r.round === b.roundNumber)?.version ?? b.resultVersion }))
        .filter((r) => r.now !== r.from),
      weightMargin: set.content.weightMargin,
      potPence: set.content.incentivePotPence,
      totalFinal: outcomes.filter((o) => o.included).reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0) / 100,
      domains: domainNames.map((name) => ({
        name,
        outcomes: outcomes
          .filter((o) => o.domainName === name)
          .map((o) => ({
            code: o.code,
            statement: o.statement,
            citizenStatement: o.citizenStatement,
            consensus: o.evidence.consensus,
            round: decidingRound(o, set.content.basis),
            history: (o.evidence.history ?? []).map((h) => ({ round: h.round, percentCritical: h.percentCritical })),
            percentCritical: o.evidence.percentCritical,
            ci95: o.evidence.ci95,
            included: o.included,
            citizenWeight: o.included ? citizen.get(o.code) ?? 0 : null,
            finalWeight: o.included ? o.finalWeight : null,
            amountPence: amounts.get(o.code) ?? null,
            indicators: o.indicators.length,
          })),
      })),
      problems: set.status === "draft" ? proposalProblems(set.content) : [],
      statements: Object.fromEntries(outcomes.map((o) => [o.code, o.statement])),
      signatures,
      canSign: set.status === "proposed" && signatures.some((s) => s.organisationId === organisation?.id && !s.signedAt),
    };
  }
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    versions: versions.map((v) => ({ version: v.version, status: v.status, createdByName: v.createdByName, createdAt: when(v.createdAt) })),
    study: { rounds: study.rounds, stale: study.stale, ready: study.outcomes > 0 },
    signatories: (await listSignatories(db, consultation.id)).map((s) => s.name),
    organisation: organisation?.name ?? null,
    set: view,
  });
}

const versionField = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, "errors.conflict")
  .transform(Number);
const moveSchema = z.object({ version: versionField, code: z.string().max(40), direction: z.enum(["up", "down"]) });
const newVersionSchema = z.object({
  reason: z
    .string({ error: "errors.changeReason" })
    .trim()
    .min(1, "errors.changeReason")
    .max(2000, "errors.changeReason")
    .refine((s) => !CONTROL.test(s), "errors.changeReason"),
});

export async function action(args: ActionFunctionArgs) {
  const { consultation, scope, actor } = await requireCommissioner(args);
  const db = args.context.db;
  const now = new Date();
  const form = await args.request.formData();
  const intent = form.get("intent");
  const base = `/consultations/${consultation.slug}/framework`;
  const fail = (key: string, status = 409) =>
    json({ errors: { intent: `errors.${key}` } as Record<string, string>, values: {} as Record<string, string> }, { status });
  if (intent === "start") {
    const r = await startFramework(db, scope, actor, now);
    return r.ok ? redirect(`${base}?notice=started`) : fail(r.reason === "no-result" ? "noResult" : "exists");
  }
  if (intent === "new-version") {
    const parsed = parseForm(form, newVersionSchema, ["reason"]);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await startNewVersion(db, scope, actor, parsed.data.reason, now);
    return r.ok ? redirect(`${base}?notice=versionStarted`) : fail("conflict");
  }
  const version = versionField.safeParse(form.get("version"));
  if (!version.success) return fail("conflict", 400);
  if (intent === "move") {
    const parsed = moveSchema.safeParse({ version: form.get("version"), code: form.get("code"), direction: form.get("direction") });
    if (!parsed.success) return fail("conflict", 400);
    const code = codeParam(parsed.data.code);
    const r = await editDraft(
      db,
      scope,
      actor,
      version.data,
      "outcome_set.reordered",
      { code, direction: parsed.data.direction },
      (c) => move(c, code, parsed.data.direction),
      now
    );
    return r.ok ? redirect(`${base}#outcome-${code}`) : fail("conflict");
  }
  if (intent === "propose") {
    const r = await proposeOutcomeSet(db, scope, actor, version.data, now);
    return r.ok
      ? redirect(`${base}?notice=proposed`)
      : fail(r.reason === "not-ready" ? "notReady" : r.reason === "no-signatories" ? "noSignatories" : "conflict");
  }
  if (intent === "withdraw") {
    const r = await returnToDraft(db, scope, actor, version.data, now);
    return r.ok ? redirect(`${base}?notice=withdrawn`) : fail("conflict");
  }
  if (intent === "sign") {
    const r = await signOutcomeSet(db, scope, actor, version.data, now);
    if (!r.ok)
      return fail(
        r.reason === "not-signatory" ? "notSignatory" : r.reason === "already-signed" ? "alreadySigned" : "conflict",
        r.reason === "not-signatory" ? 403 : 409
      );
    return redirect(`${base}?notice=${r.agreed ? "agreed" : "signed"}`);
  }
  return fail("conflict", 400);
}

/** "Move up"/"Move down" within a domain: a plain form post, so it works without JavaScript. */
function MoveButton({ version, code, direction }: { version: number; code: string; direction: "up" | "down" }) {
  const { t } = useTranslation("commissioner");
  return (
    <Form method="post" className="app-inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="app-link-button">
        {t(direction === "up" ? "framework.moveUp" : "framework.moveDown")}
        <span className="govuk-visually-hidden"> {code}</span>
      </button>
    </Form>
  );
}

export default function Framework() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const set = data.set;
  const base = `/consultations/${data.consultation.slug}/framework`;
  const downloads = set
    ? [
        { href: `${base}/${set.version}/export.json`, label: t("downloads.json") },
        { href: `${base}/${set.version}/export.csv`, label: t("downloads.csv") },
        { href: `${base}/${set.version}/export.xlsx`, label: t("downloads.xlsx") },
        { href: `${base}/${set.version}/indigo.json`, label: t("downloads.indigo") },
      ]
    : [];
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ intent: "framework-actions", reason: "reason" }} />
      {notice && ["started", "weights", "proposed", "withdrawn", "signed", "agreed", "versionStarted"].includes(notice) && !actionData ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{t(`notice.${notice}`)}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{set ? t("framework.headingVersion", { version: set.version }) : t("framework.heading")}</h1>
      {!set ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body">{t("framework.intro")}</p>
            {data.study.ready ? (
              <Form method="post" id="framework-actions">
                <p className="govuk-body" data-testid="built-from">
                  {t("framework.startFrom")} <RoundsBuiltFrom rounds={data.study.rounds} />.
                </p>
                <p className="govuk-body">{t("study.startExplain")}</p>
                <StaleRoundsWarning slug={data.consultation.slug} stale={data.study.stale} when="start" />
                <input type="hidden" name="intent" value="start" />
                <Button>{t("framework.start")}</Button>
              </Form>
            ) : (
              <p className="govuk-body" id="framework-actions">
                {t("framework.noResult")}{" "}
                <Link className="govuk-link" to={`/consultations/${data.consultation.slug}/results`}>
                  {t("framework.resultsLink")}
                </Link>
              </p>
            )}
          </div>
        </div>
      ) : (
        <>
          <DraftMark status={set.status} />
          {set.status === "draft" && set.recalculated.length ? (
            <WarningText assistive={t("draftMark.assistive")} testId="recalculated">
              {set.recalculated.map((r) => t("study.recalculated", { round: r.round, from: r.from, now: r.now })).join(" ")}
            </WarningText>
          ) : null}
          <SummaryList
            rows={[
              {
                key: t("framework.status"),
                value: (
                  <span data-testid="set-status">
                    <StatusTag status={set.status} />
                  </span>
                ),
              },
              {
                key: t("framework.basis"),
                value: (
                  <span data-testid="basis">
                    <RoundsBuiltFrom rounds={set.basis.rounds} />. {t("framework.basisMethod", { method: set.basis.method })}
                  </span>
                ),
              },
              { key: t("framework.createdBy"), value: t("framework.byAt", { name: set.createdByName, at: set.createdAt }) },
              ...(set.updatedAt ? [{ key: t("framework.updatedBy"), value: t("framework.byAt", { name: set.updatedByName, at: set.updatedAt }) }] : []),
              ...(set.changeReason ? [{ key: t("framework.changeReason"), value: set.changeReason }] : []),
              {
                key: t("framework.signatories"),
                value: data.signatories.length ? data.signatories.join(", ") : t("framework.noSignatories"),
              },
              { key: t("framework.pot"), value: set.potPence === null ? t("framework.noPot") : formatPounds(set.potPence) },
            ]}
          />
          {data.versions.length > 1 ? (
            <nav aria-label={t("framework.versions")} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m">{t("framework.versions")}</h2>
              <ul className="govuk-list">
                {data.versions.map((v) => (
                  <li key={v.version}>
                    {v.version === set.version ? (
                      <strong>
                        {t("framework.versionItem", { version: v.version, status: t(`status.${v.status}`), name: v.createdByName, at: v.createdAt })}
                      </strong>
                    ) : (
                      <Link className="govuk-link" to={`?version=${v.version}`}>
                        {t("framework.versionItem", { version: v.version, status: t(`status.${v.status}`), name: v.createdByName, at: v.createdAt })}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
              <Form method="get" action={`${base}/compare`} className="app-compare-form">
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor="from">
                    {t("compare.from")}
                  </label>
                  <select className="govuk-select" id="from" name="from" defaultValue={String(data.versions[1].version)}>
                    {data.versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        {t("compare.option", { version: v.version })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="govuk-form-group">
                  <label className="govuk-label" htmlFor="to">
                    {t("compare.to")}
                  </label>
                  <select className="govuk-select" id="to" name="to" defaultValue={String(data.versions[0].version)}>
                    {data.versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        {t("compare.option", { version: v.version })}
                      </option>
                    ))}
                  </select>
                </div>
                <Button variant="secondary">{t("compare.submit")}</Button>
              </Form>
            </nav>
          ) : null}
          {set.domains.map((d) => (
            <Table
              key={d.name}
              caption={d.name || t("framework.noDomain")}
              head={[
                t("col.outcome"),
                t("col.consensus"),
                t("col.round"),
                t("col.critical"),
                t("col.included"),
                t("col.citizenWeight"),
                t("col.finalWeight"),
                t("col.amount"),
                t("col.indicators"),
                t("col.actions"),
              ]}
              numericColumns={[3, 5, 6, 7, 8]}
              rows={d.outcomes.map((o, k) => [
                <span key="o" id={`outcome-${o.code}`} data-testid={`row-${o.code}`}>
                  <strong>{o.code}</strong> <span data-testid="statement">{o.statement}</span>
                  {o.statement !== o.citizenStatement ? (
                    <span className="govuk-body-s govuk-!-display-block">{t("framework.citizensWording", { wording: o.citizenStatement })}</span>
                  ) : null}
                </span>,
                <ConsensusTag key="c" consensus={o.consensus} />,
                <span key="r" data-testid={`round-${o.code}`}>
                  {t("study.roundLabel", { round: o.round })}
                  <RoundPath history={o.history} />
                </span>,
                o.percentCritical === null
                  ? "–"
                  : `${formatPercent(o.percentCritical)}${o.ci95 ? ` (${o.ci95.lower.toFixed(1)}–${o.ci95.upper.toFixed(1)})` : ""}`,
                o.included ? t("framework.yes") : t("framework.no"),
                formatWeight(o.citizenWeight),
                <span key="w" data-testid={`final-${o.code}`}>
                  {formatWeight(o.finalWeight)}
                </span>,
                o.amountPence === null ? "–" : formatPounds(o.amountPence),
                String(o.indicators),
                <span key="a" className="app-actions">
                  {set.status === "draft" && set.isLatest ? (
                    <>
                      <Link className="govuk-link" to={`${base}/outcomes/${o.code}`}>
                        {t("framework.edit")}
                        <span className="govuk-visually-hidden"> {o.code}</span>
                      </Link>
                      {k > 0 ? <MoveButton version={set.version} code={o.code} direction="up" /> : null}
                      {k < d.outcomes.length - 1 ? <MoveButton version={set.version} code={o.code} direction="down" /> : null}
                    </>
                  ) : null}
                  <Link className="govuk-link" to={`${base}/${set.version}/trace/${o.code}`}>
                    {t("framework.trace")}
                    <span className="govuk-visually-hidden"> {o.code}</span>
                  </Link>
                </span>,
              ])}
            />
          ))}
          <p className="govuk-body" data-testid="total-final">
            {t("framework.total", { total: set.totalFinal.toFixed(2) })}
          </p>
          {set.status === "draft" && set.isLatest ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`${base}/weights`}>
                {t("framework.setWeights")}
              </Link>
            </p>
          ) : null}
          <div id="framework-actions" tabIndex={-1}>
            {set.status === "draft" && set.isLatest ? (
              set.problems.length ? (
                <>
                  <h2 className="govuk-heading-m">{t("problems.heading")}</h2>
                  <ul className="govuk-list govuk-list--bullet" data-testid="problems">
                    {set.problems.map((p, k) => (
                      <li key={k}>
                        {t(`problems.${p.key}`, { code: p.code ?? "", statement: p.code ? set.statements[p.code] : "", total: p.total?.toFixed(2) ?? "" })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <Form method="post">
                  <h2 className="govuk-heading-m">{t("propose.heading")}</h2>
                  <StaleRoundsWarning slug={data.consultation.slug} stale={data.study.stale} when="propose" />

                  <p className="govuk-body">{t("propose.intro", { organisations: data.signatories.join(", ") || t("framework.noSignatories") })}</p>
                  <input type="hidden" name="intent" value="propose" />
                  <input type="hidden" name="version" value={set.version} />
                  <Button>{t("propose.submit")}</Button>
                </Form>
              )
            ) : null}
            {set.status !== "draft" ? (
              <Table
                caption={t("sign.caption")}
                head={[t("sign.organisation"), t("sign.signer"), t("sign.signedAt")]}
                rows={set.signatures.map((s) => [s.organisation, s.signer ?? t("sign.notYet"), s.signedAt ?? "–"])}
              />
            ) : null}
            {set.status === "proposed" ? (
              <>
                {set.canSign ? (
                  <Form method="post">
                    <p className="govuk-body">{t("sign.declaration", { organisation: data.organisation ?? "" })}</p>
                    <input type="hidden" name="intent" value="sign" />
                    <input type="hidden" name="version" value={set.version} />
                    <Button>{t("sign.submit", { organisation: data.organisation ?? "" })}</Button>
                  </Form>
                ) : (
                  <p className="govuk-body">{t("sign.cannot")}</p>
                )}
                <Form method="post">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="version" value={set.version} />
                  <Button variant="secondary">{t("sign.withdraw")}</Button>
                </Form>
              </>
            ) : null}
            {set.status === "agreed" && set.isLatest ? (
              <Form method="post" noValidate>
                <h2 className="govuk-heading-m">{t("newVersion.heading")}</h2>
                <p className="govuk-body">{t("newVersion.intro")}</p>
                <input type="hidden" name="intent" value="new-version" />
                <Textarea
                  name="reason"
                  label={t("newVersion.reason")}
                  hint={t("newVersion.reasonHint")}
                  error={errors.reason}
                  defaultValue={actionData?.values?.reason}
                />
                <Button variant="secondary">{t("newVersion.submit")}</Button>
              </Form>
            ) : null}
          </div>
          <h2 className="govuk-heading-m">{t("downloads.heading")}</h2>
          {set.status !== "agreed" ? <p className="govuk-body">{t("downloads.draftNote")}</p> : null}
          <ul className="govuk-list" data-testid="downloads">
            {downloads.map((d) => (
              <li key={d.href}>
                <a className="govuk-link" href={d.href} download>
                  {d.label}
                </a>
              </li>
            ))}
            <li>
              <Link className="govuk-link" to={`${base}/${set.version}/schedule`}>
                {t("downloads.schedule")}
              </Link>
            </li>
          </ul>
        </>
      )}
    </>
  );
}
