/** Shared UI for the themes area (one question's free-text theming). */
import { SectionNav } from "../participation";
import { useTranslation } from "../../i18n/use-translation";

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
  return <SectionNav label={t("nav.label")} current={current} sections={sections.map((s) => ({ ...s, text: t(`nav.${s.id}`) }))} />;
}
