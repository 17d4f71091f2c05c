import { useTranslation } from "../../i18n/use-translation";

export interface FeedbackView {
  roundNumber: number;
  own: { score: number | null; unable: boolean } | null;
  distributions: Array<{
    group: string;
    n: number;
    counts: number[];
    unable: number;
    suppressed: boolean;
  }>;
}

/** The previous round: the participant's own score and how the group scored, as text, chart and table. */
export function RoundFeedback({ feedback }: { feedback: FeedbackView }) {
  const { t } = useTranslation("citizen");
  const own = feedback.own;
  return (
    <div className="govuk-inset-text app-feedback" data-testid="round-feedback">
      <h2 className="govuk-heading-s">{t("feedback.heading", { round: feedback.roundNumber })}</h2>
      <p className="govuk-body" data-testid="own-score">
        {own == null
          ? t("feedback.ownNone", { round: feedback.roundNumber })
          : own.unable
            ? t("feedback.ownUnable", { round: feedback.roundNumber })
            : t("feedback.own", {
                round: feedback.roundNumber,
                score: own.score,
              })}
      </p>
      {feedback.distributions.length === 0 ? <p className="govuk-body">{t("feedback.noneYet")}</p> : null}
      {feedback.distributions.map((d) => (
        <GroupDistribution key={d.group} d={d} />
      ))}
    </div>
  );
}

function GroupDistribution({ d }: { d: FeedbackView["distributions"][number] }) {
  const { t } = useTranslation("citizen");
  const groupName = d.group === "overall" ? t("feedback.everyone") : t(`groups.${d.group}`);
  if (d.suppressed) return <p className="govuk-body">{t("feedback.suppressed", { group: groupName })}</p>;
  const low = d.counts[0] + d.counts[1] + d.counts[2];
  const mid = d.counts[3] + d.counts[4] + d.counts[5];
  const high = d.counts[6] + d.counts[7] + d.counts[8];
  const summary = t("feedback.summary", {
    group: groupName,
    n: d.n,
    low,
    mid,
    high,
    unable: d.unable,
  });
  const bars = [...d.counts, d.unable];
  const max = Math.max(1, ...bars);
  const id = `dist-${d.group}`;
  return (
    <div className="app-distribution">
      <p className="govuk-body" id={`${id}-summary`}>
        {summary}
      </p>
      {/* The columns repeat the sentence above and the table below visually: hidden from assistive technology. */}
      <ul className="app-columns" aria-hidden="true" data-testid="distribution-columns">
        {bars.map((count, i) => {
          const band = i === 9 ? "unable" : i >= 6 ? "high" : i >= 3 ? "mid" : "low";
          return (
            <li className="app-columns__item" key={i}>
              <div className="app-columns__area">
                <div className={`app-columns__bar app-columns__bar--${band} app-h-${Math.round((100 * count) / max)}`} />
              </div>
              <span className="govuk-body app-columns__label">{i === 9 ? "?" : i + 1}</span>
            </li>
          );
        })}
      </ul>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{t("feedback.showNumbers", { group: groupName })}</span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table app-distribution__table">
            <caption className="govuk-table__caption govuk-table__caption--s">{t("feedback.tableCaption", { group: groupName })}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t("feedback.score")}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t("feedback.people")}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {d.counts.map((count, i) => (
                <tr className="govuk-table__row" key={i}>
                  <th scope="row" className="govuk-table__header">
                    {i + 1}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{count}</td>
                </tr>
              ))}
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {t("scale.unable")}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{d.unable}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
