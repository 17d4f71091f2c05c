import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { OverviewData } from "./overview-types";
import { Table } from "../components";
import { RoundsTable } from "./RoundsTable";

/** The survey's rounds, links to the builder, outcomes, results and privacy, and who took part in the latest round. */
export function OverviewRounds({ data, base }: { data: OverviewData; base: string }) {
  const { t } = useTranslation("officer");
  return (
    <>
      <h2 className="govuk-heading-m">{t("overview.surveyHeading")}</h2>
      <RoundsTable rounds={data.rounds} base={base} />
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${base}/survey`}>
            {t("overview.openBuilder")}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/outcomes`}>
            {t("overview.outcomes")}
          </Link>
        </li>
        {data.consultation.status !== "draft" ? (
          <li>
            <Link className="govuk-link" to={`${base}/results`}>
              {t("overview.results")}
            </Link>
          </li>
        ) : null}
        {/* Personal data is for officers only: a commissioner is not shown a link that answers 403. */}
        {data.canEdit ? (
          <li>
            <Link className="govuk-link" to={`${base}/privacy`}>
              {t("privacy:links.consultation")}
            </Link>
          </li>
        ) : null}
      </ul>
      {data.participation ? (
        <>
          <Table
            caption={t("overview.participationCaption", { number: data.participation.round })}
            head={[t("overview.col.group"), t("overview.col.members"), t("overview.col.responded"), t("overview.col.rate")]}
            numericColumns={[1, 2, 3]}
            rows={data.participation.groups.map((g) => [
              t(`common:results.group.${g.group}`),
              String(g.members),
              String(g.responded),
              g.rate === null ? "–" : `${g.rate}%`,
            ])}
          />
          <p className="govuk-body">{t("overview.outside", { n: data.participation.outsideTotal })}</p>
        </>
      ) : null}
    </>
  );
}

/** Who changed the consultation's and its rounds' status, and when. */
export function LifecycleHistory({ history }: { history: OverviewData["history"] }) {
  const { t } = useTranslation("officer");
  return (
    <Table
      caption={t("overview.historyCaption")}
      head={[t("overview.col.when"), t("overview.col.what"), t("overview.col.who")]}
      rows={history.map((h) => [
        h.at,
        h.action === "round.status-changed"
          ? t("history.round", { number: h.details.number, from: t(`roundStatus.${h.details.from}`), to: t(`roundStatus.${h.details.to}`) })
          : h.action === "consultation.status-changed"
            ? t("history.consultation", { from: t(`common:consultation.status.${h.details.from}`), to: t(`common:consultation.status.${h.details.to}`) })
            : h.action === "round.created"
              ? t("history.roundCreated", { number: h.details.number })
              : t("history.created"),
        h.actor,
      ])}
    />
  );
}
