import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { DisclosedCount, DisclosedStatistic } from "../../domain/publication/disclosure";

/** A disclosed count as text: the rounded number, "fewer than 8" or "hidden". */
export function countText(c: DisclosedCount, t: TFunction, locale: string): string {
  if (c.value !== null) return new Intl.NumberFormat(locale).format(c.value);
  return c.rule === "secondary" ? t("publication:numbers.hidden") : t("publication:numbers.fewerThan8");
}

/** A disclosed percentage as text: "45%", "withheld" or "not available". */
export function percentText(s: DisclosedStatistic, t: TFunction, locale: string): string {
  if (s.value !== null) return t("publication:numbers.percent", { value: new Intl.NumberFormat(locale).format(s.value) });
  return s.rule === "withheld" ? t("publication:numbers.withheld") : t("publication:numbers.notAvailable");
}

/** In the officer's preview, the exact figure next to the published one, marked. */
export function Exact({ exact, t, locale, percent }: { exact: number | null | undefined; t: TFunction; locale: string; percent?: boolean }) {
  if (exact === undefined) return null;
  const text =
    exact === null
      ? "–"
      : percent
        ? t("publication:numbers.percent", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(exact) })
        : new Intl.NumberFormat(locale).format(exact);
  return (
    <>
      {" "}
      <mark className="app-exact" data-testid="exact">
        {t("publication:preview.exact", { value: text })}
      </mark>
    </>
  );
}

export function Count({ c, t, locale }: { c: DisclosedCount; t: TFunction; locale: string }): ReactNode {
  return (
    <>
      {countText(c, t, locale)}
      <Exact exact={c.exact} t={t} locale={locale} />
    </>
  );
}

export function Percent({ s, t, locale }: { s: DisclosedStatistic; t: TFunction; locale: string }): ReactNode {
  return (
    <>
      {percentText(s, t, locale)}
      <Exact exact={s.exact} t={t} locale={locale} percent />
    </>
  );
}

/** Text in another language than the page's: its lang, and its own direction (English inside Urdu). */
export function foreign(lang: string, locale: string): { lang?: string; dir?: "auto" } {
  return lang === locale ? {} : { lang, dir: "auto" };
}
