import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProvenanceNote } from "../ui/outcomes/provenance";
import { useTranslation } from "../i18n/use-translation";
import { tracePage } from "../services/outcome-sets.server";
import { codeParam, requireCommissioner, versionParam } from "../auth/outcome-set-access.server";
import { BackLink, SummaryList, Table } from "../ui/components";
import { ConsensusTag, DraftMark, formatPercent, formatWeight, StatusTag } from "../ui/outcome-sets";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:trace.title", { code: (data as { outcome?: { code: string } } | undefined)?.outcome?.code ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireCommissioner(args);
  const params = args.params as { version?: string; code?: string };
  const version = versionParam(params.version);
  const code = codeParam(params.code);
  const page = await tracePage(args.context.db, { consultation, locale, version, code });
  if (!page) throw new Response("Not Found", { status: 404 });
  return json(page);
}

const parametersText = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join("; ");

export default function Trace() {
  const { t } = useTranslation("commissioner");
  const { consultation, set, rounds, round, deciding, notAskedAgain, roundsRated, outcome, citizenWeight, history, provenance } =
    useLoaderData<typeof loader>();
  const e = outcome.evidence;
  const interval = (ci: { lower: number; upper: number } | null) =>
    ci ? ` (${t("outcome.interval", { lower: ci.lower.toFixed(1), upper: ci.upper.toFixed(1) })})` : "";
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
          head={[
            t("trace.colRound"),
            t("trace.colPeople"),
            t("trace.colCritical"),
            t("trace.colMedian"),
            t("trace.colConsensus"),
            t("trace.colChange"),
            t("trace.colCalculation"),
          ]}
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
              {
                key: t("trace.roundsParameters", { round: h.round }),
                value: <code className="app-parameters">{parametersText(h.calculation.parameters)}</code>,
              },
              {
                key: t("trace.weighting"),
                value: h.calculation.weighting
                  ? t("trace.weighted", {
                      name: h.calculation.marginsName ?? "",
                      deff: h.calculation.weighting.deff.toFixed(2),
                      nEff: h.calculation.weighting.nEff.toFixed(1),
                    })
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
