/** Shared UI for the themes area (one question's free-text theming). */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ThemesSection = "suggest" | "review" | "agreement" | "groups";

/** Sub-navigation between one question's themes pages: Suggestions | Review | Agreement | By group. */
export function ThemesNav({ slug, questionId, current }: { slug: string; questionId: number; current: ThemesSection }) {
  const { t } = useTranslation("themes");
  const base = `/consultations/${slug}/themes/${questionId}`;
  const sections: Array<{ id: ThemesSection; href: string }> = [
    { id: "suggest", href: base },
    { id: "review", href: `${base}/review` },
    { id: "agreement", href: `${base}/agreement` },
    { id: "groups", href: `${base}/groups` },
  ];
  return (
    <nav className="govuk-!-margin-bottom-6" aria-label={t("nav.label")}>
      <ul className="govuk-list app-panel-nav">
        {sections.map((s) => (
          <li key={s.id}>
            {s.id === current ? (
              <strong aria-current="page">{t(`nav.${s.id}`)}</strong>
            ) : (
              <Link className="govuk-link" to={s.href}>
                {t(`nav.${s.id}`)}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
