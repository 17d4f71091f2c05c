import { useTranslation } from "../../i18n/use-translation";
import { AUDIENCES } from "../../domain/consultation/lifecycle";
import { DateInput, Radios, Select, TextInput } from "../fields";

export interface SettingsValues {
  audience?: string;
  opensAt?: string;
  closesAt?: string;
  contactEmail?: string;
  advisoryGroupId?: string;
}

/** Audience, dates, contact and advisory group: shared by the create and settings pages. */
export function ConsultationSettingsFields({
  values,
  errors,
  groups,
}: {
  values: SettingsValues;
  errors: Record<string, string | undefined>;
  groups: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation("officer");
  return (
    <>
      <Radios
        name="audience"
        legend={t("form.audience")}
        hint={t("form.audienceHint")}
        error={errors.audience}
        defaultValue={values.audience}
        items={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`), hint: t(`audienceHint.${a}`) }))}
      />
      <DateInput name="opensAt" label={t("form.opensAt")} hint={t("form.opensAtHint")} error={errors.opensAt} defaultValue={values.opensAt} optional />
      <DateInput name="closesAt" label={t("form.closesAt")} hint={t("form.closesAtHint")} error={errors.closesAt} defaultValue={values.closesAt} optional />
      <TextInput
        name="contactEmail"
        type="email"
        label={t("form.contactEmail")}
        hint={t("form.contactEmailHint")}
        error={errors.contactEmail}
        defaultValue={values.contactEmail}
        autoComplete="off"
        spellCheck={false}
        optional
      />
      <Select
        name="advisoryGroupId"
        label={t("form.advisoryGroup")}
        hint={t("form.advisoryGroupHint")}
        error={errors.advisoryGroupId}
        defaultValue={values.advisoryGroupId ?? "none"}
        options={[{ value: "none", label: t("form.noAdvisoryGroup") }, ...groups.map((g) => ({ value: String(g.id), label: g.name }))]}
      />
    </>
  );
}
