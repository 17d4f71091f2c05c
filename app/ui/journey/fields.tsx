/**
 * One question as a page's form fields, in GOV.UK markup (the question is the h1, in a legend
 * for radios and checkboxes): one field component per question type, in `QUESTION_FIELDS`, so a
 * new type cannot be added without one. Everything works without JavaScript.
 */
import { createContext, useContext, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { LIKERT_POINTS, SCORE_WORD, type QuestionType } from "../../domain/survey/questions";
import type { QuestionView } from ".";

function cx(...names: Array<string | false | undefined | null>) {
  return names.filter(Boolean).join(" ");
}

type Values = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface FieldProps {
  q: QuestionView;
  values: Values;
  error?: string;
  pageLang: string;
  before?: ReactNode;
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t("errors.prefix")}</span> {message}
    </p>
  );
}

/** "Question 1 of 14": inside the legend or label, before the question, as GOV.UK does. */
const CaptionContext = createContext<string | null>(null);

function Heading({ q, pageLang }: { q: QuestionView; pageLang: string }) {
  const { t } = useTranslation("citizen");
  const caption = useContext(CaptionContext);
  return (
    <>
      {caption ? (
        <span className="govuk-caption-m" data-testid="question-progress">
          {caption}{" "}
        </span>
      ) : null}
      <span lang={q.lang === pageLang ? undefined : q.lang}>{q.text}</span>
      {q.required ? null : ` ${t("common:common.optional")}`}
    </>
  );
}

interface Choice {
  value: string;
  label: ReactNode;
  lang?: string;
  divider?: ReactNode;
}

function RadioOrCheckbox({
  kind,
  q,
  choices,
  selected,
  error,
  pageLang,
  before,
}: Omit<FieldProps, "values"> & {
  kind: "radios" | "checkboxes";
  choices: Choice[];
  selected: string[];
}) {
  const hintId = q.hint ? "answer-hint" : undefined;
  const errorId = error ? "answer-error" : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
          <h1 className="govuk-fieldset__heading">
            <Heading q={q} pageLang={pageLang} />
          </h1>
        </legend>
        {before}
        {q.hint ? (
          <div id="answer-hint" className="govuk-hint" lang={q.lang === pageLang ? undefined : q.lang}>
            {q.hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id="answer-error" message={error} /> : null}
        <div className={`govuk-${kind}`}>
          {choices.map((c, i) => {
            const id = i === 0 ? "answer" : `answer-${i + 1}`;
            return (
              <div key={c.value}>
                {c.divider ? <div className={`govuk-${kind}__divider`}>{c.divider}</div> : null}
                <div className={`govuk-${kind}__item`}>
                  <input
                    className={`govuk-${kind}__input`}
                    id={id}
                    name="answer"
                    type={kind === "radios" ? "radio" : "checkbox"}
                    value={c.value}
                    defaultChecked={selected.includes(c.value)}
                  />
                  <label className={`govuk-label govuk-${kind}__label`} htmlFor={id} lang={c.lang}>
                    {c.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The question's choice keys with their labels (in the question's language when it is not the page's). */
function choicesOf(q: QuestionView, pageLang: string): Choice[] {
  const keys = (q.config.choices as string[] | undefined) ?? [];
  const lang = q.lang === pageLang ? undefined : q.lang;
  return keys.map((k) => ({ value: k, label: q.options[k] ?? k, lang }));
}

function RatingField({ values, ...props }: FieldProps) {
  const { t } = useTranslation("citizen");
  const choices: Choice[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
    value: String(n),
    label: t(`scale.${SCORE_WORD[n]}`, { score: n }),
  }));
  if (props.q.config.allowUnable !== false)
    choices.push({
      value: "unable",
      label: t("scale.unable"),
      divider: t("scale.or"),
    });
  return <RadioOrCheckbox kind="radios" choices={choices} selected={[one(values.answer)]} {...props} />;
}

function LikertField({ values, ...props }: FieldProps) {
  const { t } = useTranslation("citizen");
  const choices: Choice[] = LIKERT_POINTS.map((n) => ({
    value: String(n),
    label: t(`likert.${n}`),
  }));
  return <RadioOrCheckbox kind="radios" choices={choices} selected={[one(values.answer)]} {...props} />;
}

function OneChoiceField({ values, ...props }: FieldProps) {
  return <RadioOrCheckbox kind="radios" choices={choicesOf(props.q, props.pageLang)} selected={[one(values.answer)]} {...props} />;
}

function MultipleChoiceField({ values, ...props }: FieldProps) {
  return <RadioOrCheckbox kind="checkboxes" choices={choicesOf(props.q, props.pageLang)} selected={many(values.answer)} {...props} />;
}

function RankingField({ q, values, error, pageLang, before }: FieldProps) {
  const { t } = useTranslation("citizen");
  const keys = (q.config.choices as string[] | undefined) ?? [];
  const optionLang = q.lang === pageLang ? undefined : q.lang;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" aria-describedby={["ranking-hint", error && "answer-error"].filter(Boolean).join(" ")}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
          <h1 className="govuk-fieldset__heading">
            <Heading q={q} pageLang={pageLang} />
          </h1>
        </legend>
        {before}
        <div id="ranking-hint" className="govuk-hint">
          {q.hint ? <span lang={optionLang}>{q.hint} </span> : null}
          {t("ranking.hint", { number: keys.length })}
        </div>
        {error ? <ErrorMessage id="answer-error" message={error} /> : null}
        {keys.map((key, i) => (
          <div className="govuk-form-group app-ranking-item" key={key}>
            <label className="govuk-label" htmlFor={i === 0 ? "answer" : `rank-${key}`} lang={optionLang}>
              {q.options[key] ?? key}
            </label>
            <select
              className={cx("govuk-select", error && "govuk-select--error")}
              id={i === 0 ? "answer" : `rank-${key}`}
              name={`rank-${key}`}
              defaultValue={one(values[`rank-${key}`])}
            >
              <option value="">{t("ranking.choose")}</option>
              {keys.map((_, n) => (
                <option key={n} value={String(n + 1)}>
                  {t("ranking.position", { position: n + 1 })}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function TextField({ q, values, error, pageLang, before }: FieldProps) {
  const { t } = useTranslation("citizen");
  const max = Number(q.config.maxLength ?? 1000);
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <h1 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor="answer">
          <Heading q={q} pageLang={pageLang} />
        </label>
      </h1>
      {before}
      <div id="answer-hint" className="govuk-hint">
        {q.hint ? <span lang={q.lang === pageLang ? undefined : q.lang}>{q.hint} </span> : null}
        {t("text.limit", { max })}
      </div>
      {error ? <ErrorMessage id="answer-error" message={error} /> : null}
      <textarea
        className={cx("govuk-textarea", error && "govuk-textarea--error")}
        id="answer"
        name="answer"
        rows={6}
        defaultValue={one(values.answer)}
        aria-describedby={["answer-hint", error && "answer-error"].filter(Boolean).join(" ")}
        spellCheck
      />
    </div>
  );
}

/** Each question type's field, keyed like the domain's registry (app/domain/survey/question-types.ts). */
export const QUESTION_FIELDS: Record<QuestionType, ComponentType<FieldProps>> = {
  rating: RatingField,
  likert: LikertField,
  "single-choice": OneChoiceField,
  "multiple-choice": MultipleChoiceField,
  ranking: RankingField,
  pairwise: OneChoiceField,
  "free-text": TextField,
  "propose-outcome": TextField,
  profile: OneChoiceField,
};

/** One question as a page's form fields. `values` are what the person typed or saved; `caption` ("Question 1 of 14") goes inside its heading. */
export function QuestionField({ caption = null, ...props }: FieldProps & { caption?: string | null }) {
  const Field = QUESTION_FIELDS[props.q.type];
  return (
    <CaptionContext.Provider value={caption}>
      <Field {...props} />
    </CaptionContext.Provider>
  );
}
