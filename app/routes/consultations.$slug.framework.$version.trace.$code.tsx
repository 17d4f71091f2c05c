import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { provenanceByCode } from "../services/themes.server";
import { ProvenanceNote } from "../ui/provenance";
import { useTranslation } from "../i18n/use-translation";
import { basisRounds, citizenWeights, decidingRound, isDeparture } from "../domain/framework";
import { findOutcomeSet, listOutcomeSetVersions, listSignatures } from "../services/frameworks.server";
import { listRounds } from "../services/results.server";
import { codeParam, requireCommissioner, versionParam } from "../auth/framework-access.server";
import { BackLink, SummaryList, Table } from "../ui/components";
import { formatDateTime } from "../i18n/format.server";
import { ConsensusTag, DraftMark, formatPercent, formatWeight, StatusTag } from "../ui/framework";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:trace.title", { code: (data as { outcome?: { code: string } } | undefined)?.outcome?.code ?? "" }),
};

/** Where one outcome of one version came from: consultation, rounds, numbers, method, and every recorded departure. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireCommissioner(args);
  const params = args.params as { version?: string; code?: string };
  const version = versionParam(params.version);
  const code = codeParam(params.code);
  const db = args.context.db;
  const set = await findOutcomeSet(db, consultation.id, version);
  const outcome = set?.content.outcomes.find((o) => o.code === code);
  if (!set || !outcome) throw new Response("Not Found", { status: 404 });
  const when = (d: Date | null) => (d ? formatDateTime(d.toISOString(), locale) : null);
  // Reasons recorded for this outcome in this and every earlier version.
  const history = [];
  for (const v of (await listOutcomeSetVersions(db, consultation.id)).filter((v) => v.version <= version)) {
    const s = v.version === version ? set : (await findOutcomeSet(db, consultation.id, v.version))!;
    const o = s.content.outcomes.find((x) => x.code === code);
    history.push({
      version: v.version,
      changeReason: v.changeReason,
      inclusion: o && isDeparture(o) ? o.inclusionReason : "",
      included: o?.included ?? false,
      weightReason: o?.weightReason ?? "",
      reworded: o && o.statement !== o.citizenStatement ? o.statement : "",
    });
  }
  // Every round the outcome was rated in, each with the calculation it came from (methods §4, "Across rounds").
  const bases = basisRounds(set.content.basis);
  const round = decidingRound(outcome, set.content.basis);
  const e = outcome.evidence;
  const ratedIn = e.history?.length
    ? e.history
    : [{ round, n: e.n, percentCritical: e.percentCritical, ci95: e.ci95, median: e.median, consensus: e.consensus, change: null }];
  const calculation = (n: number) => {
    const b = bases.find((x) => x.roundNumber === n);
    return b
      ? { version: b.resultVersion, responseCount: b.responseCount, at: formatDateTime(b.computedAt, locale), method: `${b.method.name} ${b.method.version}`, parameters: b.method.parameters, weighting: b.weighting, marginsName: b.marginsName }
      : null;
  };
  const lastRound = Math.max(...bases.map((b) => b.roundNumber));
  return json({
    provenance: (await provenanceByCode(db, consultation.id)).get(code) ?? null,
    consultation: { slug: consultation.slug, title: consultation.title },
    set: {
      version: set.version,
      status: set.status,
      agreedAt: when(set.agreedAt),
      signatures: (await listSignatures(db, set.id)).map((s) => ({ organisation: s.organisationName, signer: s.signerName, signedAt: when(s.signedAt) })),
    },
    rounds: (await listRounds(db, consultation.id)).map((r) => ({ number: r.number, status: r.status })),
    round,
    deciding: calculation(round),
    notAskedAgain: round < lastRound,
    roundsRated: ratedIn.map((h) => ({ ...h, calculation: calculation(h.round) })),
    citizenWeight: outcome.included ? citizenWeights(set.content).get(code) ?? 0 : null,
    outcome,
    history,
  });
}

const parametersText = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("; ");

export default function Trace() {
  const { t } = useTranslation("commissioner");
  const { consultation, set, rounds, round, deciding, notAskedAgain, roundsRated, outcome, citizenWeight, history, provenance } = useLoaderData<typeof loader>();
  const e = outcome.evidence;
  const interval = (ci: { lower: number; upper: number } | null) => (ci ? ` (${t("outcome.interval", { lower: ci.lower.toFixed(1), upper: ci.upper.toFixed(1) })})` : "");
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/framework?version=${set.version}`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{t("trace.caption", { version: set.version })}</span>
      <h1 className="govuk-heading-l">
        {outcome.code}: {outcome.statement}
      </h1>
      <DraftMark status={set.status} />
      {provenance ? <ProvenanceNote provenance={provenance} /> : null}
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
          {
            key: t("trace.decidedIn"),
            value: (
              <span data-testid="decided-in">
                {t("trace.decidedInText", { round })}
                {notAskedAgain ? ` ${t("trace.notAskedAgain", { round })}` : ""}
              </span>
            ),
          },
          ...(deciding ? [{ key: t("trace.basedOn"), value: t("trace.basedOnText", { round, version: deciding.version, at: deciding.at }) }] : []),
        ]}
      />
      <h2 className="govuk-heading-m">{t("trace.numbersHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("outcome.citizenStatement"), value: outcome.citizenStatement },
          { key: t("col.consensus"), value: <ConsensusTag consensus={e.consensus} /> },
          { key: t("col.critical"), value: `${formatPercent(e.percentCritical)}${interval(e.ci95)}` },
          { key: t("trace.median"), value: e.median === null ? "–" : String(e.median) },
          { key: t("outcome.responses"), value: t("outcome.responsesText", { n: e.n, unable: e.nUnable }) },
          ...(deciding ? [{ key: t("trace.panel"), value: t("trace.panelText", { responses: deciding.responseCount }) }] : []),
          { key: t("outcome.rank"), value: String(e.rank) },
          { key: t("col.citizenWeight"), value: formatWeight(citizenWeight) },
          { key: t("col.finalWeight"), value: formatWeight(outcome.included ? outcome.finalWeight : null) },
        ]}
      />
      <h2 className="govuk-heading-m">{t("trace.historyHeading")}</h2>
      <div data-testid="round-history">
        <Table
          caption={t("trace.historyCaption", { code: outcome.code })}
          head={[t("trace.colRound"), t("trace.colPeople"), t("trace.colCritical"), t("trace.colMedian"), t("trace.colConsensus"), t("trace.colChange"), t("trace.colCalculation")]}
          numericColumns={[1, 2, 3, 5]}
          rows={roundsRated.map((h) => [
            t("study.roundLabel", { round: h.round }),
            String(h.n),
            `${formatPercent(h.percentCritical)}${interval(h.ci95)}`,
            h.median === null ? "–" : String(h.median),
            <ConsensusTag key="c" consensus={h.consensus} />,
            h.change === null ? "–" : `${h.change >= 0 ? "+" : ""}${h.change.toFixed(1)}`,
            h.calculation ? t("trace.calculationText", { version: h.calculation.version, method: h.calculation.method, at: h.calculation.at }) : "–",
          ])}
        />
      </div>
      <h2 className="govuk-heading-m">{t("trace.methodHeading")}</h2>
      {roundsRated.map((h) =>
        h.calculation ? (
          <SummaryList
            key={h.round}
            rows={[
              { key: t("trace.method"), value: `${t("study.roundLabel", { round: h.round })}: ${h.calculation.method}` },
              { key: t("trace.roundsParameters", { round: h.round }), value: <code className="app-parameters">{parametersText(h.calculation.parameters)}</code> },
              {
                key: t("trace.weighting"),
                value: h.calculation.weighting
                  ? t("trace.weighted", { name: h.calculation.marginsName ?? "", deff: h.calculation.weighting.deff.toFixed(2), nEff: h.calculation.weighting.nEff.toFixed(1) })
                  : t("trace.unweighted"),
              },
            ]}
          />
        ) : null,
      )}
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
      <ul className="govuk-list">
        {roundsRated
          .filter((h) => h.calculation)
          .map((h) => (
            <li key={h.round}>
              <Link className="govuk-link" to={`/consultations/${consultation.slug}/results?round=${h.round}&version=${h.calculation!.version}`}>
                {t("trace.resultsLink", { round: h.round, version: h.calculation!.version })}
              </Link>
            </li>
          ))}
      </ul>
    </>
  );
}
