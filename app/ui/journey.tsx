/**
 * The citizen journey's building blocks: one question per page in GOV.UK markup
 * (the question is the h1, in a legend for radios and checkboxes), the round-2
 * feedback with an accessible chart, the honeypot and the preview banner.
 * Everything works without JavaScript.
 */
import { createContext, useContext, type ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { LIKERT_POINTS, type DraftAnswer, type QuestionType } from "../domain/survey/questions";

function cx(...names: Array<string | false | undefined | null>) {
  return names.filter(Boolean).join(" ");
}

export interface QuestionView {
  id: number;
  type: QuestionType;
  required: boolean;
  config: Record<string, unknown>;
  text: string;
  hint: string;
  options: Record<string, string>;
  lang: string;
  outcomeStatement: string | null;
  outcomeDescription: string | null;
  outcomeLang: string;
}

/** What names a question in lists (check your answers, saved answers): the outcome's statement, else its text, with the language it is in. */
export function questionLabel(q: QuestionView): { text: string; lang: string } {
  return q.outcomeStatement ? { text: q.outcomeStatement, lang: q.outcomeLang } : { text: q.text, lang: q.lang };
}

type Values = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const SCORE_WORD: Record<number, "notImportant" | "important" | "critical"> = {
  1: "notImportant",
  2: "notImportant",
  3: "notImportant",
  4: "important",
  5: "important",
  6: "important",
  7: "critical",
  8: "critical",
  9: "critical",
};

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
}: {
  kind: "radios" | "checkboxes";
  q: QuestionView;
  choices: Choice[];
  selected: string[];
  error?: string;
  pageLang: string;
  before?: ReactNode;
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

/** One question as a page's form fields. `values` are what the person typed or saved; `caption` ("Question 1 of 14") goes inside its heading. */
export function QuestionField({ caption = null, ...props }: { q: QuestionView; values: Values; error?: string; pageLang: string; before?: ReactNode; caption?: string | null }) {
  return (
    <CaptionContext.Provider value={caption}>
      <QuestionFields {...props} />
    </CaptionContext.Provider>
  );
}

function QuestionFields({ q, values, error, pageLang, before }: { q: QuestionView; values: Values; error?: string; pageLang: string; before?: ReactNode }) {
  const { t } = useTranslation("citizen");
  const optionLabel = (key: string) => q.options[key] ?? key;
  const optionLang = q.lang === pageLang ? undefined : q.lang;
  switch (q.type) {
    case "rating": {
      const allowUnable = q.config.allowUnable !== false;
      const choices: Choice[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: t(`scale.${SCORE_WORD[n]}`, { score: n }) }));
      if (allowUnable) choices.push({ value: "unable", label: t("scale.unable"), divider: t("scale.or") });
      return <RadioOrCheckbox kind="radios" q={q} choices={choices} selected={[one(values.answer)]} error={error} pageLang={pageLang} before={before} />;
    }
    case "likert": {
      const choices: Choice[] = LIKERT_POINTS.map((n) => ({ value: String(n), label: t(`likert.${n}`) }));
      return <RadioOrCheckbox kind="radios" q={q} choices={choices} selected={[one(values.answer)]} error={error} pageLang={pageLang} before={before} />;
    }
    case "single-choice":
    case "pairwise":
    case "profile": {
      const keys = (q.config.choices as string[] | undefined) ?? [];
      const choices: Choice[] = keys.map((k) => ({ value: k, label: optionLabel(k), lang: optionLang }));
      return <RadioOrCheckbox kind="radios" q={q} choices={choices} selected={[one(values.answer)]} error={error} pageLang={pageLang} before={before} />;
    }
    case "multiple-choice": {
      const keys = (q.config.choices as string[] | undefined) ?? [];
      const choices: Choice[] = keys.map((k) => ({ value: k, label: optionLabel(k), lang: optionLang }));
      return <RadioOrCheckbox kind="checkboxes" q={q} choices={choices} selected={many(values.answer)} error={error} pageLang={pageLang} before={before} />;
    }
    case "ranking": {
      const keys = (q.config.choices as string[] | undefined) ?? [];
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
                  {optionLabel(key)}
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
    case "free-text":
    case "propose-outcome": {
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
            {q.hint ? <span lang={optionLang}>{q.hint} </span> : null}
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
  }
}

/** An answer in words, for check your answers and the confirmation. */
export function AnswerText({ q, answer }: { q: QuestionView; answer: DraftAnswer | undefined }) {
  const { t } = useTranslation("citizen");
  if (!answer) return <>{t("check.notAnswered")}</>;
  if ("unable" in answer) return <>{t("scale.unable")}</>;
  if ("score" in answer) return <>{q.type === "likert" ? t(`likert.${answer.score}`) : t(`scale.${SCORE_WORD[answer.score] ?? "important"}`, { score: answer.score })}</>;
  if ("choice" in answer) return <>{q.options[answer.choice] ?? answer.choice}</>;
  if ("choices" in answer) return <>{answer.choices.map((c) => q.options[c] ?? c).join(", ")}</>;
  if ("order" in answer)
    return (
      <ol className="govuk-list govuk-list--number">
        {answer.order.map((c) => (
          <li key={c}>{q.options[c] ?? c}</li>
        ))}
      </ol>
    );
  return <span className="app-preserve-lines">{answer.text}</span>;
}

/** Invisible to people (and to assistive technology); bots that fill every field give themselves away. */
export function Honeypot() {
  const { t } = useTranslation("citizen");
  return (
    <div className="app-hp" aria-hidden="true">
      <label htmlFor="website">{t("honeypot")}</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export function PreviewBanner({ roundNumber }: { roundNumber: number | null }) {
  const { t } = useTranslation("citizen");
  return (
    <div className="govuk-notification-banner app-preview-banner" role="region" aria-labelledby="preview-banner-title" data-testid="preview-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="preview-banner-title">
          {t("preview.title")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-body">{t("preview.body", { round: roundNumber ?? 1 })}</p>
      </div>
    </div>
  );
}

export interface FeedbackView {
  roundNumber: number;
  own: { score: number | null; unable: boolean } | null;
  distributions: Array<{ group: string; n: number; counts: number[]; unable: number; suppressed: boolean }>;
}

/** The previous round: the participant's own score and how the group scored, as text, chart and table. */
export function RoundFeedback({ feedback }: { feedback: FeedbackView }) {
  const { t } = useTranslation("citizen");
  const own = feedback.own;
  return (
    <div className="govuk-inset-text app-feedback" data-testid="round-feedback">
      <h2 className="govuk-heading-s">{t("feedback.heading", { round: feedback.roundNumber })}</h2>
      <p className="govuk-body" data-testid="own-score">
        {own == null
          ? t("feedback.ownNone", { round: feedback.roundNumber })
          : own.unable
            ? t("feedback.ownUnable", { round: feedback.roundNumber })
            : t("feedback.own", { round: feedback.roundNumber, score: own.score })}
      </p>
      {feedback.distributions.length === 0 ? <p className="govuk-body">{t("feedback.noneYet")}</p> : null}
      {feedback.distributions.map((d) => (
        <GroupDistribution key={d.group} d={d} />
      ))}
    </div>
  );
}

function GroupDistribution({ d }: { d: FeedbackView["distributions"][number] }) {
  const { t } = useTranslation("citizen");
  const groupName = d.group === "overall" ? t("feedback.everyone") : t(`groups.${d.group}`);
  if (d.suppressed) return <p className="govuk-body">{t("feedback.suppressed", { group: groupName })}</p>;
  const low = d.counts[0] + d.counts[1] + d.counts[2];
  const mid = d.counts[3] + d.counts[4] + d.counts[5];
  const high = d.counts[6] + d.counts[7] + d.counts[8];
  const summary = t("feedback.summary", { group: groupName, n: d.n, low, mid, high, unable: d.unable });
  const bars = [...d.counts, d.unable];
  const max = Math.max(1, ...bars);
  const id = `dist-${d.group}`;
  return (
    <div className="app-distribution">
      <p className="govuk-body" id={`${id}-summary`}>
        {summary}
      </p>
      {/* The columns repeat the sentence above and the table below visually: hidden from assistive technology. */}
      <ul className="app-columns" aria-hidden="true" data-testid="distribution-columns">
        {bars.map((count, i) => {
          const band = i === 9 ? "unable" : i >= 6 ? "high" : i >= 3 ? "mid" : "low";
          return (
            <li className="app-columns__item" key={i}>
              <div className="app-columns__area">
                <div className={`app-columns__bar app-columns__bar--${band} app-h-${Math.round((100 * count) / max)}`} />
              </div>
              <span className="govuk-body app-columns__label">{i === 9 ? "?" : i + 1}</span>
            </li>
          );
        })}
      </ul>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{t("feedback.showNumbers", { group: groupName })}</span>
        </summary>
        <div className="govuk-details__text">
      <table className="govuk-table app-distribution__table">
        <caption className="govuk-table__caption govuk-table__caption--s">{t("feedback.tableCaption", { group: groupName })}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t("feedback.score")}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t("feedback.people")}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {d.counts.map((count, i) => (
            <tr className="govuk-table__row" key={i}>
              <th scope="row" className="govuk-table__header">
                {i + 1}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t("scale.unable")}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{d.unable}</td>
          </tr>
        </tbody>
      </table>
        </div>
      </details>
    </div>
  );
}

export function BriefingLink({ base, questionId }: { base: string; questionId?: number }) {
  const { t } = useTranslation("citizen");
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`${base}/briefing/1${questionId ? `?return=${questionId}` : ""}`}>
        {t("question.briefingLink")}
      </Link>
    </p>
  );
}
