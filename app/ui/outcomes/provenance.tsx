/**
 * "From citizens' words": where a candidate outcome came from when an officer wrote it from a
 * codebook theme — the theme, how many answers carried it, and the approved quotes chosen.
 * Staff pages use the `themes` namespace; the published summary has its own (publication).
 */
import { useTranslation } from "../../i18n/use-translation";

export interface ProvenanceView {
  themeName: string;
  answers: number;
  quotes: Array<{ text: string; lang: string }>;
}

export function ProvenanceNote({ provenance, headingLevel = 2 }: { provenance: ProvenanceView; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("themes");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="govuk-inset-text" data-testid="provenance">
      <Heading className="govuk-heading-s govuk-!-margin-bottom-2">{t("provenance.heading")}</Heading>
      <p className="govuk-body govuk-!-margin-bottom-2">
        {t("provenance.fromTheme", { theme: provenance.themeName, answers: provenance.answers.toLocaleString(i18n.language) })}
      </p>
      {provenance.quotes.length ? (
        <ul className="govuk-list">
          {provenance.quotes.map((q) => (
            <li key={q.text}>
              <blockquote className="govuk-body govuk-!-margin-0" lang={q.lang === i18n.language ? undefined : q.lang}>
                “{q.text}”
              </blockquote>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
