import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { useTranslation } from "../i18n/use-translation";
import {
  acceptSuggestions,
  discardSuggestion,
  requireThemableQuestion,
  questionThemesPage,
  requestAssignment,
  requestSuggestions,
  splitSuggestion,
  type RunView,
} from "../services/themes.server";
import { BackLink, Button, NotificationBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes, TextInput } from "../ui/fields";
import { ThemesNav } from "../ui/themes";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:question.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: user.memberships.some((m) => m.partnershipId === consultation.partnershipId && m.role === "officer"),
    question,
    ...(await questionThemesPage(args.context.db, consultation.id, question)),
  });
}

const id = z.coerce.number().int().positive().max(2 ** 31);
const name = z.string({ error: "themes:suggest.errors.nameRequired" }).trim().min(1, "themes:suggest.errors.nameRequired").max(80, "themes:suggest.errors.nameTooLong");

export async function action(args: ActionFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const form = await args.request.formData();
  const intent = String(form.get("intent") ?? "");
  const actor = { consultationId: consultation.id, partnershipId: consultation.partnershipId, actorUserId: user.id, questionId: question.id };
  const here = `/consultations/${consultation.slug}/themes/${question.id}`;
  const db = args.context.db;
  const now = new Date();
  const bad = () => {
    throw new Response("Bad Request", { status: 400 });
  };
  const missing = () => {
    throw new Response("Not Found", { status: 404 });
  };
  switch (intent) {
    case "suggest": {
      const raw = String(form.get("k") ?? "").trim();
      const k = raw === "" ? { success: true as const, data: undefined } : z.coerce.number().int().min(2).max(30).safeParse(raw);
      if (!k.success) return json({ errors: { k: "themes:suggest.errors.k" }, values: { k: raw } }, { status: 400 });
      await requestSuggestions(db, { ...actor, k: k.data }, now);
      return redirect(`${here}?queued=suggest`);
    }
    case "assign": {
      const r = await requestAssignment(db, actor, now);
      if (r === "no-codebook") return json({ errors: { assign: "themes:suggest.errors.noCodebook" }, values: {} }, { status: 400 });
      return redirect(`${here}?queued=assign`);
    }
    case "accept":
    case "merge": {
      const ids = (intent === "accept" ? [form.get("suggestionId")] : form.getAll("merge")).map((v) => id.safeParse(v));
      if (ids.some((r) => !r.success)) bad();
      const suggestionIds = [...new Set(ids.map((r) => r.data!))];
      const field = intent === "accept" ? `name-${suggestionIds[0]}` : "mergeName";
      const typed = String(form.get(intent === "accept" ? "name" : "mergeName") ?? "");
      const values = { [field]: typed.slice(0, 200) };
      if (intent === "merge" && suggestionIds.length < 2) return json({ errors: { merge: "themes:suggest.errors.mergeTwo" }, values }, { status: 400 });
      const n = name.safeParse(typed);
      if (!n.success) return json({ errors: { [field]: n.error.issues[0].message }, values }, { status: 400 });
      const r = await acceptSuggestions(db, { ...actor, suggestionIds, name: n.data }, now);
      if (r === "missing") missing();
      if (r === "taken") return json({ errors: { [field]: "themes:suggest.errors.nameTaken" }, values }, { status: 400 });
      return redirect(`${here}?accepted=1`);
    }
    case "split":
    case "discard": {
      const s = id.safeParse(form.get("suggestionId"));
      if (!s.success) bad();
      const r = intent === "split" ? await splitSuggestion(db, { ...actor, suggestionId: s.data! }, now) : await discardSuggestion(db, { ...actor, suggestionId: s.data! }, now);
      if (r === "missing") missing();
      if (r === "too-small") return json({ errors: { [`split-${s.data}`]: "themes:suggest.errors.tooSmall" }, values: {} }, { status: 400 });
      return redirect(`${here}?${intent === "split" ? "queued=split" : "discarded=1"}`);
    }
    default:
      bad();
  }
  return null;
}

function active(run: RunView | null) {
  return run?.status === "queued" || run?.status === "running";
}

function RunStatus({ run, kind }: { run: RunView | null; kind: "suggest" | "assign" }) {
  const { t, i18n } = useTranslation("themes");
  const num = new Intl.NumberFormat(i18n.language);
  if (!run) return null;
  if (run.status === "failed")
    return (
      <p className="govuk-body govuk-error-message" data-testid={`${kind}-failed`}>
        {t(`runs.failed.${kind}`)}
      </p>
    );
  if (run.status === "done") return null;
  const phase = run.status === "queued" ? t("runs.queued") : t(`runs.phase.${run.phase}`, { defaultValue: t("runs.phase.working") });
  return (
    <p className="govuk-body" data-testid={`${kind}-progress`}>
      {t(`runs.progress.${kind}`, { phase, processed: num.format(run.processed), total: num.format(run.total) })}
    </p>
  );
}

export default function QuestionThemes() {
  const { t, i18n } = useTranslation("themes");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { consultation, officer, question, suggestRun, assignRun, lastAssign, suggestions, codebookSize } = data;
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(String(v))]));
  const values: Record<string, string> = actionData?.values ?? {};
  const working = active(suggestRun) || active(assignRun);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  const num = new Intl.NumberFormat(i18n.language);
  const when = (iso: string) => new Intl.DateTimeFormat(`${i18n.language}-GB`, { dateStyle: "long", timeStyle: "short", hourCycle: "h23", timeZone: "Europe/London" }).format(new Date(iso));
  const notice = search.get("accepted") ? t("suggest.accepted") : search.get("discarded") ? t("suggest.discarded") : search.get("queued") ? t(`runs.queuedNotice.${search.get("queued") === "assign" ? "assign" : "suggest"}`) : null;
  const base = `/consultations/${consultation.slug}/themes/${question.id}`;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/themes`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice && !actionData ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{notice}</p>
        </NotificationBanner>
      ) : null}
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
          <TextInput name="k" label={t("suggest.k")} hint={t("suggest.kHint")} optional width="3" inputMode="numeric" defaultValue={values.k} error={errors.k} />
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
            <div key={s.id} className="govuk-summary-card" data-testid="suggestion">
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
                {officer ? (
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
                    {errors[`split-${s.id}`] ? <p className="govuk-error-message" id={`split-${s.id}`}>{errors[`split-${s.id}`]}</p> : null}
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
                ) : null}
              </div>
            </div>
          ))}
          {officer && suggestions.length > 1 ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="merge" />
              <h3 className="govuk-heading-s">{t("suggest.mergeHeading")}</h3>
              <Checkboxes name="merge" legend={t("suggest.mergeLegend")} error={errors.merge} items={suggestions.map((s) => ({ value: String(s.id), label: s.label, lang: "en" }))} small />
              <TextInput name="mergeName" label={t("suggest.mergeName")} defaultValue={values.mergeName} error={errors.mergeName} />
              <Button variant="secondary">{t("suggest.merge")}</Button>
            </Form>
          ) : null}
        </>
      )}

      <h2 className="govuk-heading-m">{t("question.codeHeading")}</h2>
      <p className="govuk-body">{codebookSize ? t("question.codeIntro", { themes: num.format(codebookSize) }) : t("question.noCodebook")}</p>
      {lastAssign?.finishedAt ? (
        <p className="govuk-body" data-testid="last-assign">
          {t("question.lastAssign", { coded: num.format(Number(lastAssign.result?.coded ?? 0)), total: num.format(lastAssign.total), when: when(lastAssign.finishedAt) })}
        </p>
      ) : null}
      {officer && codebookSize ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          {errors.assign ? <p className="govuk-error-message" id="assign">{errors.assign}</p> : null}
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
