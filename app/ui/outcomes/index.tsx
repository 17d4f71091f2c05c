/**
 * The candidate outcome form (add and change): code, domain (an existing one or a new one),
 * English statement, description and source. GOV.UK fields; works without JavaScript.
 */
import { useTranslation } from "../../i18n/use-translation";
import { Radios, Textarea, TextInput } from "../fields";

export function OutcomeFields({
  values,
  errors,
  domains,
  fixedCode,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  domains: Array<{ id: number; name: string }>;
  /** When set, the code cannot change and is shown as text, with why. */
  fixedCode?: { code: string; rounds: string };
}) {
  const { t } = useTranslation("officer");
  return (
    <>
      {fixedCode ? (
        <div className="govuk-form-group">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t("outcomeForm.codeFixed", { code: fixedCode.code })}</p>
          <p className="govuk-hint">{t("outcomeForm.codeFixedHint", { rounds: fixedCode.rounds })}</p>
        </div>
      ) : (
        <TextInput
          name="code"
          label={t("outcomeForm.code")}
          hint={t("outcomeForm.codeHint")}
          error={errors.code}
          defaultValue={values.code}
          width="10"
          spellCheck={false}
        />
      )}
      <Radios
        name="domain"
        legend={t("outcomeForm.domain")}
        hint={t("outcomeForm.domainHint")}
        error={errors.domain}
        defaultValue={values.domain}
        items={[...domains.map((d) => ({ value: String(d.id), label: d.name })), { value: "new", label: t("outcomeForm.newDomainOption") }]}
      />
      <TextInput
        name="newDomain"
        label={t("outcomeForm.newDomain")}
        hint={t("outcomeForm.newDomainHint")}
        error={errors.newDomain}
        defaultValue={values.newDomain}
        optional
      />
      <Textarea
        name="statement"
        label={t("outcomeForm.statement")}
        hint={t("outcomeForm.statementHint")}
        error={errors.statement}
        defaultValue={values.statement}
        rows={2}
        valueLang="en"
      />
      <Textarea
        name="description"
        label={t("outcomeForm.description")}
        hint={t("outcomeForm.descriptionHint")}
        error={errors.description}
        defaultValue={values.description}
        rows={4}
        optional
        valueLang="en"
      />
      <TextInput name="source" label={t("outcomeForm.source")} hint={t("outcomeForm.sourceHint")} error={errors.source} defaultValue={values.source} optional />
    </>
  );
}

/** "round 1 and round 2", in the page's language. */
export function useRoundList(): (numbers: readonly number[]) => string {
  const { t, i18n } = useTranslation("officer");
  return (numbers) => new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(numbers.map((n) => t("outcomeForm.roundN", { number: n })));
}
