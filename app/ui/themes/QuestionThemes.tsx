import { Form, Link, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { BackLink, Button, SuccessBanner } from "../components";
import { ErrorSummary } from "../ErrorSummary";
import { TextInput } from "../fields";
import { ThemesNav } from ".";
import { isActive, RunStatus, type RunInfo } from "./RunStatus";
import { MergeForm, SuggestionCard, type Suggestion } from "./SuggestionCard";

export interface QuestionThemesProps {
  consultation: { slug: string; title: string };
  officer: boolean;
  question: { id: number; text: string; roundNumber: number; answers: number; reviewed: number };
  suggestRun: RunInfo | null;
  assignRun: RunInfo | null;
  lastAssign: RunInfo | null;
  suggestions: Suggestion[];
  codebookSize: number;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** The last submission was refused (its errors are shown instead of a notice). */
  failed: boolean;
}

/** While a run works the page reloads its data every 1.5 s, so progress shows without a refresh. */
function usePollWhile(working: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [working, revalidator]);
}

/** One question's themes: the engine's runs, its suggestions to decide, and coding every answer against the codebook. */
export function QuestionThemesView(props: QuestionThemesProps) {
  const { consultation, officer, question, suggestRun, assignRun, suggestions, errors, values, failed } = props;
  const { t, i18n } = useTranslation("themes");
  const [search] = useSearchParams();
  const working = isActive(suggestRun) || isActive(assignRun);
  usePollWhile(working);
  const num = new Intl.NumberFormat(i18n.language);
  const notice = search.get("accepted")
    ? t("suggest.accepted")
    : search.get("discarded")
      ? t("suggest.discarded")
      : search.get("queued")
        ? t(`runs.queuedNotice.${search.get("queued") === "assign" ? "assign" : "suggest"}`)
        : null;
  const base = `/consultations/${consultation.slug}/themes/${question.id}`;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/themes`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice && !failed ? <SuccessBanner message={notice} /> : null}
      <span className="govuk-caption-l">{t("question.caption", { round: question.roundNumber })}</span>
      <h1 className="govuk-heading-l">{question.text}</h1>
      <ThemesNav slug={consultation.slug} questionId={question.id} current="suggest" />
      <p className="govuk-body">{t("question.counts", { answers: num.format(question.answers), reviewed: num.format(question.reviewed) })}</p>

      <div role="status" aria-live="polite" data-testid="run-status">
        <RunStatus run={suggestRun} kind="suggest" />
        <RunStatus run={assignRun} kind="assign" />
      </div>
      {working ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={base} reloadDocument>
            {t("runs.refresh")}
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">{t("suggest.heading")}</h2>
      <p className="govuk-body">{t("suggest.intro")}</p>
      {officer ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="suggest" />
          <TextInput
            name="k"
            label={t("suggest.k")}
            hint={t("suggest.kHint")}
            optional
            width="3"
            inputMode="numeric"
            defaultValue={values.k}
            error={errors.k}
          />
          <Button variant={suggestions.length ? "secondary" : "primary"}>{suggestions.length ? t("suggest.again") : t("suggest.submit")}</Button>
        </Form>
      ) : null}
      {suggestions.length === 0 ? (
        <p className="govuk-body" data-testid="no-suggestions">
          {question.answers === 0 ? t("suggest.noAnswers") : t("suggest.none")}
        </p>
      ) : (
        <>
          <h3 className="govuk-heading-s">{t("suggest.listHeading", { count: suggestions.length })}</h3>
          {suggestions.map((s) => (
            <SuggestionCard key={s.id} suggestion={s} officer={officer} errors={errors} values={values} />
          ))}
          {officer && suggestions.length > 1 ? <MergeForm suggestions={suggestions} errors={errors} values={values} /> : null}
        </>
      )}
      <CodingSection {...props} base={base} />
    </>
  );
}

/** Coding every answer against the codebook: when it last ran, and the button to run it again. */
function CodingSection({ officer, codebookSize, lastAssign, errors, base }: QuestionThemesProps & { base: string }) {
  const { t, i18n } = useTranslation("themes");
  const num = new Intl.NumberFormat(i18n.language);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(`${i18n.language}-GB`, { dateStyle: "long", timeStyle: "short", hourCycle: "h23", timeZone: "Europe/London" }).format(
      new Date(iso),
    );
  return (
    <>
      <h2 className="govuk-heading-m">{t("question.codeHeading")}</h2>
      <p className="govuk-body">{codebookSize ? t("question.codeIntro", { themes: num.format(codebookSize) }) : t("question.noCodebook")}</p>
      {lastAssign?.finishedAt ? (
        <p className="govuk-body" data-testid="last-assign">
          {t("question.lastAssign", {
            coded: num.format(Number(lastAssign.result?.coded ?? 0)),
            total: num.format(lastAssign.total),
            when: when(lastAssign.finishedAt),
          })}
        </p>
      ) : null}
      {officer && codebookSize ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          {errors.assign ? (
            <p className="govuk-error-message" id="assign">
              {errors.assign}
            </p>
          ) : null}
          <Button variant="secondary">{t("question.assign")}</Button>
        </Form>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`${base}/review`}>
          {t("question.reviewLink")}
        </Link>
      </p>
    </>
  );
}
