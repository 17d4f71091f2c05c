import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button } from "../components";
import { Checkboxes, TextInput } from "../fields";

export interface Suggestion {
  id: number;
  label: string;
  keywords: string[];
  size: number;
  examples: string[];
}

type FormState = { errors: Record<string, string>; values: Record<string, string> };

/** One of the engine's suggested themes: its size, keywords and example answers, and (for officers) accept, split or discard. */
export function SuggestionCard({ suggestion: s, officer, errors, values }: { suggestion: Suggestion; officer: boolean } & FormState) {
  const { t, i18n } = useTranslation("themes");
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <div className="govuk-summary-card" data-testid="suggestion">
      <div className="govuk-summary-card__title-wrapper">
        <h4 className="govuk-summary-card__title" lang="en">
          {s.label}
        </h4>
      </div>
      <div className="govuk-summary-card__content">
        <p className="govuk-body">{t("suggest.size", { answers: num.format(s.size) })}</p>
        <p className="govuk-body">
          {t("suggest.keywords")} <span lang="en">{s.keywords.join(", ")}</span>
        </p>
        {s.examples.length ? (
          <>
            <p className="govuk-body govuk-!-margin-bottom-1">{t("suggest.examples")}</p>
            {s.examples.map((x, i) => (
              <blockquote key={i} className="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-2">
                {x}
              </blockquote>
            ))}
          </>
        ) : null}
        {officer ? <SuggestionDecisions suggestion={s} errors={errors} values={values} /> : null}
      </div>
    </div>
  );
}

function SuggestionDecisions({ suggestion: s, errors, values }: { suggestion: Suggestion } & FormState) {
  const { t } = useTranslation("themes");
  return (
    <>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="suggestionId" value={s.id} />
        <TextInput
          name="name"
          id={`name-${s.id}`}
          label={t("suggest.name")}
          hint={t("suggest.nameHint")}
          defaultValue={values[`name-${s.id}`] ?? s.label}
          error={errors[`name-${s.id}`]}
        />
        <Button>{t("suggest.accept")}</Button>
      </Form>
      {errors[`split-${s.id}`] ? (
        <p className="govuk-error-message" id={`split-${s.id}`}>
          {errors[`split-${s.id}`]}
        </p>
      ) : null}
      <div className="govuk-button-group">
        <Form method="post">
          <input type="hidden" name="intent" value="split" />
          <input type="hidden" name="suggestionId" value={s.id} />
          <Button variant="secondary">
            {t("suggest.split")}
            <span className="govuk-visually-hidden"> {s.label}</span>
          </Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="suggestionId" value={s.id} />
          <Button variant="warning">
            {t("suggest.discard")}
            <span className="govuk-visually-hidden"> {s.label}</span>
          </Button>
        </Form>
      </div>
    </>
  );
}

/** Several suggestions merged into one theme under a new name. */
export function MergeForm({ suggestions, errors, values }: { suggestions: Suggestion[] } & FormState) {
  const { t } = useTranslation("themes");
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="merge" />
      <h3 className="govuk-heading-s">{t("suggest.mergeHeading")}</h3>
      <Checkboxes
        name="merge"
        legend={t("suggest.mergeLegend")}
        error={errors.merge}
        items={suggestions.map((s) => ({ value: String(s.id), label: s.label, lang: "en" }))}
        small
      />
      <TextInput name="mergeName" label={t("suggest.mergeName")} defaultValue={values.mergeName} error={errors.mergeName} />
      <Button variant="secondary">{t("suggest.merge")}</Button>
    </Form>
  );
}
