/**
 * The Easy Read version: one point per idea, short sentences, large type and
 * generous spacing, key words in bold, and a space for the officer's picture
 * (with its alternative text) beside each point.
 */
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { foreign } from "./numbers";
import { boldParts, easyReadSections } from "../../domain/publication/easy-read";
import { pickText, type PublishedSummary } from "../../domain/publication/summary";
import { PARTNERSHIP_LANG, withNames, type ForeignName } from "../Names";

/** Each point's default picture (OpenMoji, CC BY-SA 4.0: decision 0021), until an officer uploads another. */
export const defaultPictureHref = (point: string) => `/easy-read/${point}.svg`;

export function EasyReadView({
  summary: s,
  locale,
  fullVersionHref,
  imageHref,
}: {
  summary: PublishedSummary;
  locale: string;
  fullVersionHref: string | null;
  imageHref: (id: number) => string;
}) {
  const { t } = useTranslation("publication");
  const title = pickText(s.titles, locale);
  const sections = easyReadSections(s, locale, (key, values) => t(key, values ?? {}) as string);
  // English names inside translated sentences keep their own language and direction.
  const names: ForeignName[] = [
    { text: s.partnershipName, lang: PARTNERSHIP_LANG },
    { text: "NHS", lang: "en" },
  ];
  const words = (text: string) => withNames(text, names, locale);
  const anyDefault = sections.some((section) => !s.easyRead[section.point]?.imageId);
  return (
    <div className="app-easy-read">
      <h1 className="govuk-heading-xl">
        {t("easyRead.heading")}
        <span className="govuk-caption-l app-easy-read__title" {...foreign(title.lang, locale)}>
          {title.text}
        </span>
      </h1>
      {sections.map((section) => {
        const picture = s.easyRead[section.point];
        const alt = pickText(picture?.alt, locale);
        const heading = t(`easyRead.points.${section.point}`);
        return (
          <section className="app-easy-read__point" key={section.point} aria-labelledby={`er-${section.point}`}>
            <div className="app-easy-read__picture">
              {picture?.imageId ? (
                <img src={imageHref(picture.imageId)} alt={alt.text} lang={alt.lang === locale ? undefined : alt.lang} width="160" height="160" />
              ) : (
                // The default picture says what the point says: its alternative text is the point's heading.
                <img src={defaultPictureHref(section.point)} alt={heading} width="160" height="160" data-testid="default-picture" />
              )}
            </div>
            <div className="app-easy-read__text">
              <h2 className="app-easy-read__heading" id={`er-${section.point}`}>
                {heading}
              </h2>
              {section.sentences.map((sentence, i) => (
                <Fragment key={i}>
                  <Sentence text={sentence} words={words} />
                  {i === 0 && section.lead ? (
                    <p {...foreign(section.lead.lang, locale)}>
                      <strong>{section.lead.text}</strong>
                    </p>
                  ) : null}
                </Fragment>
              ))}
              {section.list && section.list.length > 0 ? (
                <ul>
                  {section.list.map((item, i) => (
                    <li key={i} {...foreign(item.lang, locale)}>
                      <strong>{item.text}</strong>.
                    </li>
                  ))}
                </ul>
              ) : null}
              {(section.notes ?? []).map((note, i) => (
                <Sentence key={i} text={note} words={words} />
              ))}
            </div>
          </section>
        );
      })}
      {anyDefault ? (
        <p className="govuk-body-s app-easy-read__credit" data-testid="pictures-credit">
          {t("easyRead.picturesCredit")}{" "}
          <a className="govuk-link" href="/accessibility#pictures" lang="en">
            OpenMoji
          </a>
        </p>
      ) : null}
      {fullVersionHref ? (
        <p className="app-easy-read__more">
          <a className="govuk-link" href={fullVersionHref}>
            {t("easyRead.fullVersion")}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** One Easy Read sentence: **key words** in bold, names in another language marked. */
function Sentence({ text, words }: { text: string; words: (text: string) => ReactNode }) {
  return <p>{boldParts(text).map((part, j) => (part.bold ? <strong key={j}>{words(part.text)}</strong> : <span key={j}>{words(part.text)}</span>))}</p>;
}
