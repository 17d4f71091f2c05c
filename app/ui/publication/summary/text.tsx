/** Words and paragraphs the published summary's sections share. */
import type { TFunction } from "i18next";
import { NOT_STATED, type PublishedSummary } from "../../../domain/publication/summary";
import { countText, foreign } from "../numbers";
import type { ConsensusRule } from "../../../domain/aggregation";

export interface SummaryMeta {
  version: number;
  latest: number;
  updated: string;
  changeNote: string;
  changeNoteLang: string;
  basePath: string;
  history: Array<{ version: number; date: string; changeNote: string; changeNoteLang: string; withdrawn: boolean }>;
}

export function Paragraphs({ text, lang, locale }: { text: string; lang: string; locale: string }) {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => (
        <p className="govuk-body" key={i} {...foreign(lang, locale)}>
          {p}
        </p>
      ))}
    </>
  );
}

export function groupName(t: TFunction, key: string) {
  return t(`publication:groups.${key}`, { defaultValue: key });
}

export function localityName(t: TFunction, key: string) {
  return key === NOT_STATED ? t("publication:groups.not-stated") : key;
}

const PUBLISHED_RULE_TEXT: Record<ConsensusRule, (t: TFunction, m: NonNullable<PublishedSummary["method"]>) => string> = {
  comet: (t, m) => t(m.bound === "inclusive" ? "publication:method.cometInclusive" : "publication:method.comet", { in: m.thresholdIn, out: m.thresholdOut }),
  "median-iqr": (t) => t("publication:method.medianIqr"),
  "rand-ucla": (t) => t("publication:method.randUcla"),
};

export function methodSentences(s: PublishedSummary, t: TFunction, locale: string): string[] {
  const m = s.method;
  if (!m) return [];
  // A snapshot stores the rule as text: one this version does not know reads as before, RAND/UCLA.
  const rule = (PUBLISHED_RULE_TEXT[m.rule as ConsensusRule] ?? PUBLISHED_RULE_TEXT["rand-ucla"])(t, m);
  return [t("publication:method.scale"), rule, t(`publication:method.groups.${m.groups}`, { defaultValue: "" })]
    .filter(Boolean)
    .concat(
      s.outcomesRated ? [t("publication:method.rated", { count: s.outcomesRated, formatted: new Intl.NumberFormat(locale).format(s.outcomesRated) })] : [],
    );
}

/** The one paragraph that explains weighting. */
export function weightingParagraph(s: PublishedSummary, t: TFunction, locale: string): string {
  const parts = [t(s.method?.groupWeighting === "pooled" ? "publication:weighting.pooled" : "publication:weighting.equal")];
  if (s.weighting.weighted) {
    parts.push(
      t("publication:weighting.raked", {
        variables: s.weighting.variables.map((v) => t(`publication:variables.${v}`, { defaultValue: v })).join(", "),
        name: s.weighting.marginsName ?? "",
      }),
    );
    if (s.weighting.effectiveSize)
      parts.push(t("publication:weighting.effective", { people: countText(s.weighting.effectiveSize, t, locale), deff: s.weighting.deff ?? "" }));
  } else {
    parts.push(t("publication:weighting.none"));
  }
  return parts.join(" ");
}
