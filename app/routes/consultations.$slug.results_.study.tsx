import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { studyView } from "../services/study.server";
import { BackLink, Table, Tag } from "../ui/components";
import { formatDate } from "../i18n/format.server";
import { ConsensusTag, formatPercent, formatWeight, RoundPath, StaleRoundsWarning } from "../ui/outcome-sets";
import { ResultsNav } from "../ui/results/ResultsNav";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:study.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

/** The whole study (methods §4, "Across rounds"): what each round decided, every outcome's path, and the framework over all rounds. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const view = await studyView(args.context.db, consultation.id, locale);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    roundNumbers: view.rounds.map((r) => r.round),
    statements: view.statements,
    outcomes: view.outcomes,
    totalProposed: view.totalProposed,
    rounds: view.rounds.map((r) => ({
      ...r,
      calculation: r.calculation ? { ...r.calculation, computedAt: formatDate(r.calculation.computedAt, locale) } : null,
    })),
  });
}

export default function WholeStudy() {
  const { t, i18n } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const list = (codes: string[]) => (codes.length ? new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(codes) : t("study.none"));
  const stale = data.rounds
    .filter((r) => r.stale)
    .map((r) => ({ round: r.round, newer: r.newer, responses: r.responses, calculated: r.calculation?.responseCount ?? null }));
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("study.heading")}</h1>
      <ResultsNav slug={data.consultation.slug} rounds={data.roundNumbers} current="study" />
      <p className="govuk-body">{t("study.intro")}</p>
      <StaleRoundsWarning slug={data.consultation.slug} stale={stale} when="start" />
      {data.outcomes.length === 0 ? (
        <p className="govuk-body">{t("study.noResults")}</p>
      ) : (
        <>
          <div data-testid="study-rounds">
            <Table
              caption={t("study.roundsCaption")}
              head={[t("study.col.round"), t("study.col.responses"), t("study.col.in"), t("study.col.out"), t("study.col.none"), t("study.col.carried")]}
              numericColumns={[1]}
              rows={data.rounds.map((r) => [
                t("study.roundLabel", { round: r.round }),
                r.calculation
                  ? t("study.responsesText", { count: r.calculation.responseCount, version: r.calculation.version, date: r.calculation.computedAt })
                  : t("study.notCalculated", { count: r.responses }),
                list(r.consensusIn),
                list(r.consensusOut),
                list(r.noConsensus),
                list(r.carried),
              ])}
            />
          </div>
          <div data-testid="study-framework">
            <Table
              caption={t("study.frameworkCaption")}
              head={[
                t("col.outcome"),
                t("col.round"),
                t("study.col.path"),
                t("col.critical"),
                t("col.consensus"),
                t("col.included"),
                t("study.col.proposedWeight"),
              ]}
              numericColumns={[3, 6]}
              rows={data.outcomes.map((o) => [
                <span key="o" data-testid={`study-${o.code}`}>
                  <strong>{o.code}</strong> {data.statements[o.code] ?? ""}
                  {o.firstRound > 1 ? (
                    <span className="govuk-!-display-block">
                      <Tag colour="blue">{t("study.addedIn", { round: o.firstRound })}</Tag>
                    </span>
                  ) : null}
                </span>,
                t("study.roundLabel", { round: o.round }),
                o.history.length > 1 ? <RoundPath key="p" history={o.history} /> : t("study.onlyRound", { round: o.round }),
                o.percentCritical === null
                  ? "–"
                  : `${formatPercent(o.percentCritical)}${o.ci95 ? ` (${o.ci95.lower.toFixed(1)}–${o.ci95.upper.toFixed(1)})` : ""}`,
                <ConsensusTag key="c" consensus={o.consensus} />,
                o.included ? t("framework.yes") : t("framework.no"),
                o.included ? formatWeight(o.proposedWeight) : "–",
              ])}
            />
          </div>
          <p className="govuk-body" data-testid="study-total">
            {t("study.total", { total: data.totalProposed.toFixed(2) })}
          </p>
          <h2 className="govuk-heading-m">{t("study.howHeading")}</h2>
          <p className="govuk-body">{t("study.how")}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/consultations/${data.consultation.slug}/results/report`}>
              {t("study.reportLink")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
