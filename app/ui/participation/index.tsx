import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { EmailStatus } from "../../../db/schema";
import { Tag } from "../components";
import { AGE_BANDS, MEMBER_LOCALES, SEXES } from "../../domain/advisory-groups/members";
import { STAKEHOLDER_GROUPS } from "../../domain/survey/questions";
import { LOCALE_NAMES } from "../../i18n/config";
import { Radios, TextInput } from "../fields";

const EMAIL_COLOURS: Record<EmailStatus, "grey" | "blue" | "green" | "red" | "yellow"> = {
  queued: "grey",
  sending: "blue",
  sent: "green",
  failed: "red",
  bounced: "yellow",
};

export function EmailStatusTag({ status }: { status: EmailStatus }) {
  const { t } = useTranslation("participation");
  return <Tag colour={EMAIL_COLOURS[status]}>{t(`emailStatus.${status}`)}</Tag>;
}

/** The add/edit form's fields (the <Form> and buttons are the route's). Errors and values are by field name. */
export function MemberFields({ values, errors }: { values: Record<string, string>; errors: Record<string, string> }) {
  const { t } = useTranslation("participation");
  return (
    <>
      <TextInput
        name="displayName"
        label={t("members.field.name")}
        defaultValue={values.displayName}
        error={errors.displayName}
        autoComplete="off"
        spellCheck={false}
      />
      <TextInput
        name="email"
        type="email"
        label={t("members.field.email")}
        defaultValue={values.email}
        error={errors.email}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        name="stakeholderGroup"
        legend={t("members.field.stakeholderGroup")}
        items={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: t(`stakeholderGroup.${g}`) }))}
        defaultValue={values.stakeholderGroup}
        error={errors.stakeholderGroup}
      />
      <Radios
        name="preferredLocale"
        legend={t("members.field.preferredLocale")}
        hint={t("members.field.preferredLocaleHint")}
        items={MEMBER_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
        defaultValue={values.preferredLocale || "en"}
        error={errors.preferredLocale}
        small
      />
      <Radios
        name="profileConsent"
        legend={t("members.field.profileConsent")}
        hint={t("members.field.profileConsentHint")}
        items={[
          { value: "yes", label: t("members.field.consentYes") },
          { value: "no", label: t("members.field.consentNo") },
        ]}
        defaultValue={values.profileConsent || "no"}
        error={errors.profileConsent}
      />
      <Radios
        name="ageBand"
        legend={t("members.field.ageBand")}
        optional
        items={[{ value: "", label: t("members.field.notGiven") }, ...AGE_BANDS.map((a) => ({ value: a, label: a }))]}
        defaultValue={values.ageBand ?? ""}
        error={errors.ageBand}
        small
      />
      <Radios
        name="sex"
        legend={t("members.field.sex")}
        optional
        items={[{ value: "", label: t("members.field.notGiven") }, ...SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))]}
        defaultValue={values.sex ?? ""}
        error={errors.sex}
        small
      />
      <TextInput
        name="locality"
        label={t("members.field.locality")}
        hint={t("members.field.localityHint")}
        optional
        defaultValue={values.locality}
        error={errors.locality}
      />
      <TextInput name="ethnicity" label={t("members.field.ethnicity")} optional defaultValue={values.ethnicity} error={errors.ethnicity} />
    </>
  );
}

export type ParticipationSection = "invitations" | "participation" | "moderation" | "codebook" | "themes" | "emails";

/** A row of links between sibling pages, the current one marked (not a link) for screen readers too. */
export function SectionNav({
  label,
  current,
  sections,
}: {
  label: string;
  current: string;
  sections: ReadonlyArray<{ id: string; href: string; text: string }>;
}) {
  return (
    <nav className="govuk-!-margin-bottom-6" aria-label={label}>
      <ul className="govuk-list app-panel-nav">
        {sections.map((s) => (
          <li key={s.id}>
            {s.id === current ? (
              <strong aria-current="page">{s.text}</strong>
            ) : (
              <Link className="govuk-link" to={s.href}>
                {s.text}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Links between the participation pages of one consultation (invitations, participation, moderation, codebook, themes, emails); officers see all, commissioners the read-only ones. */
export function ParticipationNav({ slug, current, officer }: { slug: string; current: ParticipationSection; officer: boolean }) {
  const { t } = useTranslation("participation");
  const sections: Array<{ id: ParticipationSection; href: string; officerOnly: boolean }> = [
    { id: "invitations", href: `/consultations/${slug}/invitations`, officerOnly: true },
    { id: "participation", href: `/consultations/${slug}/participation`, officerOnly: false },
    { id: "moderation", href: `/consultations/${slug}/moderation`, officerOnly: false },
    { id: "codebook", href: `/consultations/${slug}/codebook`, officerOnly: false },
    { id: "themes", href: `/consultations/${slug}/themes`, officerOnly: false },
    { id: "emails", href: `/consultations/${slug}/invitations/emails`, officerOnly: true },
  ];
  return (
    <SectionNav
      label={t("nav.label")}
      current={current}
      sections={sections.filter((s) => officer || !s.officerOnly).map((s) => ({ id: s.id, href: s.href, text: t(`nav.${s.id}`) }))}
    />
  );
}

/** Links between a consultation's rounds on the invitations and participation pages (none with one round). */
export function RoundsNav({ rounds, current }: { rounds: ReadonlyArray<{ number: number; status: string }>; current: number }) {
  const { t } = useTranslation("participation");
  if (rounds.length <= 1) return null;
  return (
    <nav aria-label={t("invitations.roundsNav")}>
      <ul className="govuk-list">
        {rounds.map((r) => (
          <li key={r.number}>
            {r.number === current ? (
              <strong aria-current="page">{t("invitations.roundLabel", { number: r.number, status: t(`roundStatus.${r.status}`) })}</strong>
            ) : (
              <Link className="govuk-link" to={`?round=${r.number}`}>
                {t("invitations.roundLabel", { number: r.number, status: t(`roundStatus.${r.status}`) })}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
