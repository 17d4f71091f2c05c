import { useTranslation } from "../i18n/use-translation";
import { withNames } from "../ui/Names";
import { ProsePage } from "../ui/ProsePage";

const CREDIT_NAMES = ["OpenMoji", "Creative Commons", "CC BY-SA 4.0", "Noto Nastaliq Urdu", "Noto Project Authors", "SIL Open Font License 1.1"].map(
  (text) => ({ text, lang: "en" }),
);
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("accessibility.title") };

/** The accessibility statement, and the credits the pictures' and the Urdu font's licences ask for. */
export default function Page() {
  const { t, i18n } = useTranslation();
  const credits = t("accessibility.credits", { returnObjects: true }) as string[];
  return (
    <>
      <ProsePage textKey="accessibility" />
      <div className="govuk-grid-row">
        <section className="govuk-grid-column-two-thirds" id="pictures" aria-labelledby="pictures-heading">
          <h2 className="govuk-heading-m" id="pictures-heading">
            {t("accessibility.creditsHeading")}
          </h2>
          <p className="govuk-body">{withNames(credits[0], CREDIT_NAMES, i18n.language)}</p>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href="https://openmoji.org/" lang="en">
                OpenMoji
              </a>
            </li>
            <li>
              <a className="govuk-link" href="https://creativecommons.org/licenses/by-sa/4.0/" lang="en">
                CC BY-SA 4.0
              </a>
            </li>
          </ul>
          <p className="govuk-body">{withNames(credits[1], CREDIT_NAMES, i18n.language)}</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/fonts/OFL.txt" lang="en">
              SIL Open Font License 1.1
            </a>
          </p>
        </section>
      </div>
    </>
  );
}
