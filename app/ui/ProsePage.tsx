import { useTranslation } from "../i18n/use-translation";

/** A page of plain paragraphs from the locale files (`<key>.title`, `<key>.paragraphs`). */
export function ProsePage({ textKey }: { textKey: string }) {
  const { t } = useTranslation();
  const paragraphs = t(`${textKey}.paragraphs`, { returnObjects: true }) as string[];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t(`${textKey}.title`)}</h1>
        {paragraphs.map((p, i) => (
          <p className="govuk-body" key={i}>
            {p}
          </p>
        ))}
      </div>
    </div>
  );
}
