import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getDb } from "../db.server";
import { citizenWeights, isDeparture } from "../domain/framework";
import { findOutcomeSet, listOutcomeSetVersions, listSignatures } from "../repos/frameworks.server";
import { listRounds } from "../repos/results.server";
import { codeParam, requireCommissioner, versionParam } from "../services/framework-access.server";
import { BackLink, SummaryList, Table } from "../ui/components";
import { formatDateTime } from "../ui/format.server";
import { ConsensusTag, DraftMark, formatPercent, formatWeight, StatusTag } from "../ui/framework";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:trace.title", { code: (data as { outcome?: { code: string } } | undefined)?.outcome?.code ?? "" }),
};

/** Where one outcome of one version came from: consultation, rounds, numbers, method, and every recorded departure. */
export function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = requireCommissioner(args);
  const params = args.params as { version?: string; code?: string };
  const version = versionParam(params.version);
  const code = codeParam(params.code);
  const db = getDb();
  const set = findOutcomeSet(db, consultation.id, version);
  const outcome = set?.content.outcomes.find((o) => o.code === code);
  if (!set || !outcome) throw new Response("Not Found", { status: 404 });
  const when = (d: Date | null) => (d ? formatDateTime(d.toISOString(), locale) : null);
  // Reasons recorded for this outcome in this and every earlier version.
  const history = listOutcomeSetVersions(db, consultation.id)
    .filter((v) => v.version <= version)
    .map((v) => {
      const s = v.version === version ? set : findOutcomeSet(db, consultation.id, v.version)!;
      const o = s.content.outcomes.find((x) => x.code === code);
      return {
        version: v.version,
        changeReason: v.changeReason,
        inclusion: o && isDeparture(o) ? o.inclusionReason : "",
        included: o?.included ?? false,
        weightReason: o?.weightReason ?? "",
        reworded: o && o.statement !== o.citizenStatement ? o.statement : "",
      };
    });
  const basis = set.content.basis;
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    set: {
      version: set.version,
      status: set.status,
      agreedAt: when(set.agreedAt),
      signatures: listSignatures(db, set.id).map((s) => ({ organisation: s.organisationName, signer: s.signerName, signedAt: when(s.signedAt) })),
    },
    rounds: listRounds(db, consultation.id).map((r) => ({ number: r.number, status: r.status })),
    basis: { ...basis, computedAt: formatDateTime(basis.computedAt, locale) },
    citizenWeight: outcome.included ? citizenWeights(set.content).get(code) ?? 0 : null,
    outcome,
    history,
  });
}

export default function Trace() {
  const { t } = useTranslation("commissioner");
  const { consultation, set, rounds, basis, outcome, citizenWeight, history } = useLoaderData<typeof loader>();
  const e = outcome.evidence;
  const p = basis.method.parameters as Record<string, unknown>;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/framework?version=${set.version}`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{t("trace.caption", { version: set.version })}</span>
      <h1 className="govuk-heading-l">
        {outcome.code}: {outcome.statement}
      </h1>
      <DraftMark status={set.status} />
      <h2 className="govuk-heading-m">{t("trace.setHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("trace.consultation"), value: consultation.title },
          { key: t("framework.status"), value: <StatusTag status={set.status} /> },
          ...(set.agreedAt ? [{ key: t("compare.agreedAt"), value: set.agreedAt }] : []),
          ...(set.signatures.length
            ? [
                {
                  key: t("trace.signedBy"),
                  value: set.signatures.map((s) => `${s.signer ?? t("sign.notYet")} (${s.organisation})${s.signedAt ? `, ${s.signedAt}` : ""}`).join("; "),
                },
              ]
            : []),
          { key: t("trace.rounds"), value: rounds.map((r) => t("trace.roundItem", { number: r.number, status: t(`roundStatus.${r.status}`) })).join(", ") },
          { key: t("trace.basedOn"), value: t("trace.basedOnText", { round: basis.roundNumber, version: basis.resultVersion, at: basis.computedAt }) },
        ]}
      />
      <h2 className="govuk-heading-m">{t("trace.numbersHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("outcome.citizenStatement"), value: outcome.citizenStatement },
          { key: t("col.consensus"), value: <ConsensusTag consensus={e.consensus} /> },
          {
            key: t("col.critical"),
            value: `${formatPercent(e.percentCritical)}${
              e.ci95 ? ` (${t("outcome.interval", { lower: e.ci95.lower.toFixed(1), upper: e.ci95.upper.toFixed(1) })})` : ""
            }`,
          },
          { key: t("trace.median"), value: e.median === null ? "–" : String(e.median) },
          { key: t("outcome.responses"), value: t("outcome.responsesText", { n: e.n, unable: e.nUnable }) },
          { key: t("trace.panel"), value: t("trace.panelText", { responses: basis.responseCount }) },
          { key: t("outcome.rank"), value: String(e.rank) },
          { key: t("col.citizenWeight"), value: formatWeight(citizenWeight) },
          { key: t("col.finalWeight"), value: formatWeight(outcome.included ? outcome.finalWeight : null) },
        ]}
      />
      <h2 className="govuk-heading-m">{t("trace.methodHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("trace.method"), value: `${basis.method.name} ${basis.method.version}` },
          {
            key: t("trace.parameters"),
            value: (
              <code className="app-parameters">
                {Object.entries(p)
                  .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
                  .join("; ")}
              </code>
            ),
          },
          {
            key: t("trace.weighting"),
            value: basis.weighting
              ? t("trace.weighted", { name: basis.marginsName ?? "", deff: basis.weighting.deff.toFixed(2), nEff: basis.weighting.nEff.toFixed(1) })
              : t("trace.unweighted"),
          },
        ]}
      />
      <Table
        caption={t("trace.departures")}
        head={[t("trace.version"), t("trace.versionReason"), t("trace.inclusionReason"), t("trace.rewording"), t("trace.weightReason")]}
        rows={history.map((h) => [
          t("compare.option", { version: h.version }),
          h.changeReason || "–",
          h.inclusion || "–",
          h.reworded || "–",
          h.weightReason || "–",
        ])}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/consultations/${consultation.slug}/results?round=${basis.roundNumber}&version=${basis.resultVersion}`}>
          {t("trace.resultsLink", { round: basis.roundNumber, version: basis.resultVersion })}
        </Link>
      </p>
    </>
  );
}
