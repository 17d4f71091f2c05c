/**
 * The COS-STAR items (app/domain/publication/cos-star) as a list of checklist
 * points, each with its number. Used by the staff study report and by the
 * published summary's "How this was done". Text written by a person is marked
 * with its language; outcome codes are shown with their statements.
 */
import type { TFunction } from "i18next";
import type { CosStarItem, CosStarLine } from "../../domain/publication/cos-star";
import { useTranslation } from "../../i18n/use-translation";
import { withNames } from "../Names";
import { foreign } from "./numbers";

/** Parameters that are names in English whatever the page's language (the partnership, areas, sources…): marked lang="en" in <bdi>. */
const ENGLISH_PARAMS = ["partnership", "areas", "source", "name"];
const englishNames = (line: CosStarLine) =>
  Object.entries(line.params ?? {})
    .filter(([k, v]) => ENGLISH_PARAMS.includes(k) && typeof v === "string" && v.trim() !== "")
    .flatMap(([, v]) => String(v).split(", "))
    .map((text) => ({ text, lang: "en" }));

const groupName = (t: TFunction, key: string) => t(`publication:groups.${key}`, { defaultValue: key });

export function lineText(t: TFunction, line: CosStarLine, statements: Record<string, string>, locale: string): string {
  const parts = [t(`publication:cosStar.line.${line.key}`, line.params ?? {})];
  if (line.channels)
    parts.push(
      Object.entries(line.channels)
        .map(([c, n]) =>
          n === null
            ? t(`publication:cosStar.channel.${c}`, { defaultValue: c })
            : `${t(`publication:cosStar.channel.${c}`, { defaultValue: c })} (${new Intl.NumberFormat(locale).format(n)})`,
        )
        .join(", ") + ".",
    );
  if (line.groups)
    parts.push(
      Object.entries(line.groups)
        .map(([g, n]) => (n === null ? groupName(t, g) : `${groupName(t, g)} (${new Intl.NumberFormat(locale).format(n)})`))
        .join(", ") + ".",
    );
  if (line.codes)
    parts.push(line.codes.length ? line.codes.map((c) => (statements[c] ? `${c} “${statements[c]}”` : c)).join("; ") + "." : t("publication:cosStar.none"));
  if (line.text) parts.push(line.text.text);
  return parts.join(" ");
}

function Line({ line, statements, locale }: { line: CosStarLine; statements: Record<string, string>; locale: string }) {
  const { t } = useTranslation("publication");
  if (!line.text) return <>{withNames(lineText(t, line, statements, locale), englishNames(line), locale)}</>;
  const { text, ...rest } = line;
  return (
    <>
      {withNames(lineText(t, rest, statements, locale), englishNames(line), locale)}{" "}
      <span {...foreign(text.lang, locale)} className="app-pre-line">
        {text.text}
      </span>
    </>
  );
}

export function CosStarList({
  items,
  statements,
  locale,
  headingLevel = 3,
}: {
  items: readonly CosStarItem[];
  statements: Record<string, string>;
  locale: string;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation("publication");
  const sections = [...new Set(items.map((i) => i.section))];
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`cos-star-${section}`}>
          <H className="govuk-heading-s" id={`cos-star-${section}`}>
            {t(`cosStar.sections.${section}`)}
          </H>
          <dl className="govuk-summary-list" data-testid={`cos-star-${section}`}>
            {items
              .filter((i) => i.section === section)
              .map((item) => (
                <div className="govuk-summary-list__row" key={item.id} data-testid={`cos-star-item-${item.id}`}>
                  <dt className="govuk-summary-list__key">
                    {item.id}. {t(`cosStar.item.${item.id}`)}
                  </dt>
                  <dd className="govuk-summary-list__value">
                    {item.missing ? (
                      <strong className="govuk-tag govuk-tag--yellow">{t("cosStar.toWrite")}</strong>
                    ) : (
                      item.lines.map((line, k) => (
                        <p className="govuk-body" key={k}>
                          <Line line={line} statements={statements} locale={locale} />
                        </p>
                      ))
                    )}
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </>
  );
}
