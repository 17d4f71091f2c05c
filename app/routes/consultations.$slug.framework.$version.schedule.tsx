import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { formatDate, formatDateTime } from "../i18n/format.server";
import { requireOutcomeSetExport } from "../auth/outcome-set-access.server";
import { Table } from "../ui/components";
import { DraftMark, formatPounds } from "../ui/outcome-sets";
import { ScheduleMeasures, ScheduleTable } from "../ui/outcome-sets/Schedule";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("commissioner:schedule.title", { version: (data as { doc?: { outcomeSet: { version: number } } } | undefined)?.doc?.outcomeSet.version ?? "" }),
};

/** "Schedule: outcomes and incentive payments": the export model as a printable A4 page. */
export async function loader(args: LoaderFunctionArgs) {
  const { doc, locale } = await requireOutcomeSetExport(args, "schedule");
  return json({
    doc,
    dates: {
      agreedAt: doc.outcomeSet.agreedAt ? formatDate(doc.outcomeSet.agreedAt, locale) : null,
      generatedAt: formatDateTime(doc.outcomeSet.generatedAt, locale),
      computedAt: formatDate(doc.method.computedAt, locale),
      signatures: doc.outcomeSet.signatures.map((s) => (s.signedAt ? formatDateTime(s.signedAt, locale) : null)),
    },
  });
}

export default function Schedule() {
  const { t } = useTranslation("commissioner");
  const { doc, dates } = useLoaderData<typeof loader>();
  const set = doc.outcomeSet;
  const included = doc.outcomes.filter((o) => o.included);
  const excluded = doc.outcomes.filter((o) => !o.included);
  const status = set.status as "draft" | "proposed" | "agreed";
  return (
    <article className={`app-schedule${doc.watermark ? " app-schedule--draft" : ""}`} data-watermark={doc.watermark ? t("schedule.watermark") : undefined}>
      <p className="govuk-body app-no-print">
        <Link className="govuk-link" to={`/consultations/${set.consultation.slug}/framework?version=${set.version}`}>
          {t("schedule.back")}
        </Link>{" "}
        {t("schedule.printHint")}
      </p>
      <DraftMark status={status} />
      <span className="govuk-caption-l">{set.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("schedule.heading")}</h1>
      <p className="govuk-body">
        {status === "agreed"
          ? t("schedule.introAgreed", { version: set.version, partnership: set.partnership, date: dates.agreedAt })
          : t("schedule.introDraft", { version: set.version, partnership: set.partnership })}
      </p>
      <p className="govuk-body">
        {doc.incentivePot ? t("schedule.potIntro", { pot: formatPounds(Math.round(doc.incentivePot.amount * 100)) }) : t("schedule.noPot")}
      </p>

      <h2 className="govuk-heading-m">{t("schedule.outcomesHeading")}</h2>
      <ScheduleTable doc={doc} />

      <h2 className="govuk-heading-m">{t("schedule.measuresHeading")}</h2>
      <ScheduleMeasures outcomes={included} />

      {excluded.length ? (
        <>
          <h2 className="govuk-heading-m">{t("schedule.excludedHeading")}</h2>
          <ul className="govuk-list govuk-list--bullet">
            {excluded.map((o) => (
              <li key={o.code}>
                {o.code}: {o.statement}
                {o.inclusionReason ? ` – ${o.inclusionReason}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="govuk-heading-m">{t("schedule.originHeading")}</h2>
      <p className="govuk-body">
        {t("schedule.origin", {
          round: doc.method.round,
          responses: doc.method.responseCount,
          date: dates.computedAt,
          method: `${doc.method.name} ${doc.method.version}`,
          version: doc.method.resultVersion,
        })}
      </p>
      <p className="govuk-body">{t("schedule.weightsOrigin", { margin: set.weightMargin })}</p>

      <h2 className="govuk-heading-m">{t("schedule.signOffHeading")}</h2>
      {set.signatures.length ? (
        <Table
          caption={t("sign.caption")}
          head={[t("sign.organisation"), t("sign.signer"), t("sign.signedAt")]}
          rows={set.signatures.map((s, k) => [s.organisation, s.signer ?? t("sign.notYet"), dates.signatures[k] ?? "–"])}
        />
      ) : (
        <p className="govuk-body">{t("schedule.notSigned")}</p>
      )}
      <p className="govuk-body-s">{t("schedule.generated", { at: dates.generatedAt })}</p>
    </article>
  );
}
