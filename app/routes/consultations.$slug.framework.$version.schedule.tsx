import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { formatDate, formatDateTime } from "../i18n/format.server";
import { requireOutcomeSetExport } from "../auth/framework-access.server";
import { Table, TableScroll } from "../ui/components";
import { DraftMark, formatPounds, formatWeight } from "../ui/framework";
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
  const totalWeight = included.reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0) / 100;
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
      <TableScroll labelledBy="schedule-caption">
      <table className="govuk-table" data-testid="schedule-table">
        <caption className="govuk-table__caption govuk-table__caption--s" id="schedule-caption">
          {t("schedule.outcomesCaption")}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t("schedule.colOutcome")}
            </th>
            <th scope="col" className="govuk-table__header">
              {t("schedule.colDomain")}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t("schedule.colShare")}
            </th>
            {doc.incentivePot ? (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {t("schedule.colAmount")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {included.map((o) => (
            <tr className="govuk-table__row" key={o.code} data-code={o.code}>
              <th scope="row" className="govuk-table__header">
                <span data-field="code">{o.code}</span>: <span data-field="statement">{o.statement}</span>
              </th>
              <td className="govuk-table__cell">{o.domain}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-field="weight">
                {formatWeight(o.finalWeight)}
              </td>
              {doc.incentivePot ? (
                <td className="govuk-table__cell govuk-table__cell--numeric" data-field="amount">
                  {o.amount === null ? "–" : formatPounds(Math.round(o.amount * 100))}
                </td>
              ) : null}
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t("schedule.total")}
            </th>
            <td className="govuk-table__cell"></td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatWeight(totalWeight)}</td>
            {doc.incentivePot ? (
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPounds(Math.round(doc.incentivePot.amount * 100))}</td>
            ) : null}
          </tr>
        </tbody>
      </table>
      </TableScroll>

      <h2 className="govuk-heading-m">{t("schedule.measuresHeading")}</h2>
      {included.map((o) => (
        <section key={o.code} className="app-schedule__outcome" aria-labelledby={`measure-${o.code}`}>
          <h3 className="govuk-heading-s" id={`measure-${o.code}`}>
            {o.code}: {o.statement}
          </h3>
          {o.statement !== o.citizenStatement ? <p className="govuk-body-s">{t("schedule.citizensWording", { wording: o.citizenStatement })}</p> : null}
          {o.indicators.map((i, k) => (
            <dl className="govuk-summary-list govuk-summary-list--no-border" key={k}>
              {[
                [t("indicator.name"), i.name],
                [t("indicator.definition"), i.definition],
                ...(i.numerator ? [[t("indicator.numerator"), i.numerator]] : []),
                ...(i.denominator ? [[t("indicator.denominator"), i.denominator]] : []),
                [t("indicator.dataSource"), i.dataSource],
                [t("indicator.baseline"), t("indicator.valueOn", { value: i.baselineValue, date: i.baselineDate })],
                [t("indicator.target"), t("indicator.valueBy", { value: i.targetValue, date: i.targetDate })],
                [t("indicator.frequency"), t(`frequency.${i.frequency}`)],
                [t("indicator.validationMethod"), t(`validation.${i.validationMethod}`)],
                ...(i.nationalMeasure ? [[t("indicator.nationalMeasure"), i.nationalMeasure]] : []),
              ].map(([k2, v]) => (
                <div className="govuk-summary-list__row" key={k2}>
                  <dt className="govuk-summary-list__key">{k2}</dt>
                  <dd className="govuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
          ))}
        </section>
      ))}

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
