/**
 * The Easy Read version: one point per idea, short sentences, large type and
 * generous spacing, key words in bold, and a space for the officer's picture
 * (with its alternative text) beside each point.
 */
import { Fragment } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { foreign } from "./numbers";
import { boldParts, easyReadSections } from "../../domain/publication/easy-read";
import { pickText, type PublishedSummary } from "../../domain/publication/summary";

export function EasyReadView({ summary: s, locale, fullVersionHref, imageHref }: { summary: PublishedSummary; locale: string; fullVersionHref: string | null; imageHref: (id: number) => string }) {
  const { t } = useTranslation("publication");
  const title = pickText(s.titles, locale);
  const sections = easyReadSections(s, locale, (key, values) => t(key, values ?? {}) as string);
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
        return (
          <section className="app-easy-read__point" key={section.point} aria-labelledby={`er-${section.point}`}>
            <div className="app-easy-read__picture">
              {picture?.imageId ? <img src={imageHref(picture.imageId)} alt={alt.text} lang={alt.lang === locale ? undefined : alt.lang} width="160" height="160" /> : null}
            </div>
            <div className="app-easy-read__text">
              <h2 className="app-easy-read__heading" id={`er-${section.point}`}>
                {t(`easyRead.points.${section.point}`)}
              </h2>
              {section.sentences.map((sentence, i) => (
                <Fragment key={i}>
                  <p>{boldParts(sentence).map((part, j) => (part.bold ? <strong key={j}>{part.text}</strong> : <span key={j}>{part.text}</span>))}</p>
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
            </div>
          </section>
        );
      })}
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
