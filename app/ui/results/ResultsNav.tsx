import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";

/** Links between each round's results, the whole study and the study report; the current page is not a link. */
export function ResultsNav({ slug, rounds, current }: { slug: string; rounds: readonly number[]; current: number | "study" | "report" }) {
  const { t } = useTranslation("commissioner");
  const base = `/consultations/${slug}/results`;
  const items: Array<{ key: string; label: string; to: string; here: boolean }> = [
    ...rounds.map((r) => ({ key: `r${r}`, label: t("study.roundLabel", { round: r }), to: `${base}?round=${r}`, here: current === r })),
    { key: "study", label: t("study.navLabel"), to: `${base}/study`, here: current === "study" },
    { key: "report", label: t("study.reportNav"), to: `${base}/report`, here: current === "report" },
  ];
  return (
    <nav aria-label={t("study.navAria")} className="govuk-!-margin-bottom-6" data-testid="results-nav">
      <ul className="govuk-list">
        {items.map((i) => (
          <li key={i.key}>
            {i.here ? (
              <strong aria-current="page">{i.label}</strong>
            ) : (
              <Link className="govuk-link" to={i.to}>
                {i.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Says, in plain words, why an overall % is not the mean of the groups' % beside it (groups counted equally). */
export function EqualGroupsNote({
  gaps,
}: {
  gaps: ReadonlyArray<{
    code: string;
    overall: number;
    meanOfGroups: number;
    groups: ReadonlyArray<{ group: string; scored: number; answered: number; unable: number }>;
  }>;
}) {
  const { t } = useTranslation("commissioner");
  const { t: tc } = useTranslation();
  if (gaps.length === 0) return null;
  return (
    <div className="govuk-inset-text" data-testid="equal-groups-note">
      <h3 className="govuk-heading-s">{t("study.gaps.heading")}</h3>
      <p className="govuk-body">{t("study.gaps.why")}</p>
      <ul className="govuk-list govuk-list--bullet">
        {gaps.map((g) => (
          <li key={g.code}>
            {t("study.gaps.item", { code: g.code, overall: g.overall.toFixed(1), mean: g.meanOfGroups.toFixed(1) })}{" "}
            {g.groups
              .map((x) =>
                t("study.gaps.group", {
                  group: tc(`results.group.${x.group}`, { defaultValue: x.group }),
                  missing: x.answered - x.scored,
                  answered: x.answered,
                  unable: x.unable,
                }),
              )
              .join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
