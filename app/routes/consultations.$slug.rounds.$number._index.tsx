import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { isOfficerOf, requireRoundRole } from "../auth/round-access.server";
import { checkQuestionsEditable, ROUND_TRANSITIONS } from "../domain/consultation/lifecycle";
import { SUPPORTED_LOCALES, LOCALE_NAMES } from "../i18n/config";
import { findConsultationSettings } from "../services/consultations.server";
import { listOutcomesForBuilder, listQuestionsOfRound, listQuestionTranslationsOfRound } from "../services/survey-builder.server";
import { transitionRound } from "../services/consultations.server";
import { addRatingsForAllOutcomes, reorderQuestion, saveRoundSettings } from "../services/survey-builder.server";
import { BackLink, Button, NotificationBanner, Tag } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { DateInput } from "../ui/fields";
import { RoundFeedbackFields } from "../ui/RoundFeedbackFields";
import type { RouteHandle } from "../ui/title";
import { dayOf } from "../utils/consultation-form";
import { formValues, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; round?: { number: number } } | undefined;
    return t("officer:round.title", { number: d?.round?.number ?? "", consultation: d?.consultation?.title ?? "" });
  },
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, user, locale } = await requireRoundRole(args, ["officer", "commissioner"]);
  const db = args.context.db;
  const questions = await listQuestionsOfRound(db, round.id);
  const texts = await listQuestionTranslationsOfRound(db, round.id);
  const outcomes = await listOutcomesForBuilder(db, consultation.id);
  const settings = (await findConsultationSettings(db, consultation.id))!;
  const lock = checkQuestionsEditable(round);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title, status: settings.status },
    canEdit: isOfficerOf(user, consultation.partnershipId),
    round: {
      number: round.number,
      status: round.status,
      responseCount: round.responseCount,
      showFeedback: round.showFeedback,
      feedbackBy: round.feedbackBy,
      allowNewParticipants: round.allowNewParticipants,
      opensAt: dayOf(round.opensAt),
      closesAt: dayOf(round.closesAt),
    },
    locked: lock.ok ? null : lock.reason,
    nextStatuses: ROUND_TRANSITIONS[round.status],
    previewLocales: SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
    questions: questions.map((q, i) => {
      const own = texts.filter((x) => x.questionId === q.id);
      const text = own.find((x) => x.locale === locale)?.text ?? own.find((x) => x.locale === "en")?.text ?? "";
      const outcome = q.outcomeId ? outcomes.find((o) => o.id === q.outcomeId) : undefined;
      const conditionIndex = q.conditionQuestionId ? questions.findIndex((x) => x.id === q.conditionQuestionId) : -1;
      const conditionText = conditionIndex >= 0 ? (texts.find((x) => x.questionId === q.conditionQuestionId && x.locale === "en")?.options[q.conditionValue ?? ""] ?? q.conditionValue) : null;
      return {
        id: q.id,
        number: i + 1,
        type: q.type,
        required: q.required,
        text,
        domain: outcome?.domainName ?? null,
        outcomeCode: outcome?.code ?? null,
        locales: own.map((x) => x.locale),
        condition: conditionIndex >= 0 ? { number: conditionIndex + 1, value: conditionText ?? "" } : null,
      };
    }),
    activeOutcomes: outcomes.filter((o) => o.status === "active").length,
  });
}

const SETTINGS_FIELDS = ["showFeedback", "feedbackBy", "allowNewParticipants", "opensAt", "closesAt"] as const;
const yesNo = (message: string) => z.enum(["yes", "no"], { error: message }).transform((v) => v === "yes");
const day = (message: string, end: boolean) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), message)
    .transform((v) => (v === "" ? null : new Date(`${v}T${end ? "23:59:59" : "00:00:00"}Z`)));
const settingsSchema = z
  .object({
    showFeedback: yesNo("round.errors.showFeedback"),
    feedbackBy: z.enum(["overall", "stakeholder-group"], { error: "round.errors.feedbackBy" }),
    allowNewParticipants: yesNo("round.errors.allowNewParticipants"),
    opensAt: day("form.errors.opensAt", false),
    closesAt: day("form.errors.closesAt", true),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "form.errors.closesBeforeOpens" });
  });
const moveSchema = z.object({ questionId: z.coerce.number().int().positive().max(1e12), direction: z.enum(["up", "down"]) });
const statusSchema = z.enum(["open", "closed"]);

export async function action(args: ActionFunctionArgs) {
  const { consultation, round, actor } = await requireRoundRole(args, ["officer"]);
  const form = await args.request.formData();
  const db = args.context.db;
  const now = new Date();
  const base = `/consultations/${consultation.slug}/rounds/${round.number}`;
  const refused = (reason: string, field = "status") => json({ errors: { [field]: `builder.refusal.${reason}` }, values: {} as Record<string, string> }, { status: 409 });
  switch (form.get("intent")) {
    case "status": {
      const to = statusSchema.safeParse(form.get("to"));
      if (!to.success) throw new Response("Bad Request", { status: 400 });
      const result = await transitionRound(db, { actor, consultationId: consultation.id, roundNumber: round.number, to: to.data }, now);
      if (!result.ok) return json({ errors: { status: `lifecycle.refusal.${result.reason}` }, values: {} as Record<string, string> }, { status: 409 });
      return redirect(`${base}?status=${to.data}`);
    }
    case "move": {
      const m = moveSchema.safeParse({ questionId: form.get("questionId"), direction: form.get("direction") });
      if (!m.success) throw new Response("Bad Request", { status: 400 });
      const result = await reorderQuestion(db, { actor, consultationId: consultation.id, roundNumber: round.number, ...m.data }, now);
      if (!result.ok && result.reason === "no-question") throw new Response("Not Found", { status: 404 });
      if (!result.ok && result.reason !== "at-edge") return refused(result.reason, "questions");
      return redirect(`${base}#question-${m.data.questionId}`);
    }
    case "add-ratings": {
      const result = await addRatingsForAllOutcomes(db, { actor, consultationId: consultation.id, roundNumber: round.number }, now);
      if (!result.ok) return refused(result.reason, "questions");
      return redirect(`${base}?ratings=${result.value}`);
    }
    case "settings": {
      const parsed = parseForm(form, settingsSchema, SETTINGS_FIELDS);
      if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      const result = await saveRoundSettings(db, { actor, consultationId: consultation.id, roundNumber: round.number, settings: parsed.data }, now);
      if (!result.ok) return json({ errors: { showFeedback: `builder.refusal.${result.reason}` }, values: formValues(form, SETTINGS_FIELDS) }, { status: 409 });
      return redirect(`${base}?settings=1`);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

function SmallButton({ name, value, children }: { name: string; value: string; children: React.ReactNode }) {
  return (
    <button type="submit" name={name} value={value} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1" data-module="govuk-button">
      {children}
    </button>
  );
}

export default function RoundPage() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors);
  const { consultation, round, canEdit } = data;
  const base = `/consultations/${consultation.slug}/rounds/${round.number}`;
  const editable = canEdit && data.locked === null;
  const values: Record<string, string> =
    actionData?.values && Object.keys(actionData.values).length
      ? actionData.values
      : { showFeedback: round.showFeedback ? "yes" : "no", feedbackBy: round.feedbackBy, allowNewParticipants: round.allowNewParticipants ? "yes" : "no", opensAt: round.opensAt, closesAt: round.closesAt };
  const banner = search.get("status")
    ? t(`round.statusChanged.${search.get("status") === "open" ? "open" : "closed"}`)
    : search.get("ratings")
      ? t("round.ratingsAdded", { n: Number(search.get("ratings")) || 0 })
      : search.get("added")
        ? t("round.questionAdded")
        : search.get("saved")
          ? t("round.questionSaved")
          : search.get("deleted")
            ? t("round.questionDeleted")
            : search.get("settings")
              ? t("round.settingsSaved")
              : search.get("created")
                ? t("round.created")
                : null;
  let lastDomain: string | null = null;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/survey`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ status: "round-status", questions: "questions" }} />
      {banner ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{banner}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("overview.roundN", { number: round.number })}</h1>
      <p className="govuk-body" id="round-status" tabIndex={-1}>
        {t("overview.status")} <Tag colour={round.status === "open" ? "green" : round.status === "draft" ? "grey" : "blue"}>{t(`roundStatus.${round.status}`)}</Tag>{" "}
        {t("round.responses", { n: round.responseCount })}
        {canEdit && round.status !== "draft" ? (
          <>
            {" "}
            <Link className="govuk-link" to={`/consultations/${consultation.slug}/rounds/${round.number}/import`}>
              {t("responseImport.link")}
            </Link>
          </>
        ) : null}
      </p>
      {data.locked ? (
        <div className="govuk-inset-text">
          {t(`round.locked.${data.locked}`)}{" "}
          {canEdit ? (
            <Link className="govuk-link" to={`/consultations/${consultation.slug}/rounds/new`}>
              {t("round.setUpNext")}
            </Link>
          ) : null}
        </div>
      ) : null}
      {canEdit && data.nextStatuses.length > 0 ? (
        <div className="govuk-button-group">
          {data.nextStatuses.map((to) => (
            <Form method="post" key={to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              <Button variant={to === "closed" ? "warning" : "primary"}>{t(`round.action.${round.status}-${to}`)}</Button>
            </Form>
          ))}
        </div>
      ) : null}
      <p className="govuk-body">
        {t("round.preview")}{" "}
        {data.previewLocales.map((l, i) => (
          <span key={l.code}>
            {i > 0 ? ", " : null}
            <a className="govuk-link" href={`/s/${consultation.slug}/preview?round=${round.number}&lng=${l.code}`} lang={l.code}>
              {l.name}
              <span className="govuk-visually-hidden"> – {t("round.previewHidden", { number: round.number })}</span>
            </a>
          </span>
        ))}
      </p>

      <h2 className="govuk-heading-m" id="questions" tabIndex={-1}>
        {t("round.questionsHeading", { n: data.questions.length })}
      </h2>
      {data.questions.length === 0 ? <p className="govuk-body">{t("round.noQuestions")}</p> : null}
      {editable ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`${base}/questions/new`}>
            {t("round.addQuestion")}
          </Link>
          {data.activeOutcomes > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="add-ratings" />
              <Button variant="secondary">{t("round.addRatings")}</Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {data.questions.length > 0 ? (
        <ol className="govuk-list">
          {data.questions.map((q) => {
            const domainHeading = q.domain !== null && q.domain !== lastDomain ? q.domain : null;
            if (q.domain !== null) lastDomain = q.domain;
            return (
              <li key={q.id} id={`question-${q.id}`} className="govuk-!-margin-bottom-4">
                {domainHeading ? <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t("round.domain", { domain: domainHeading })}</h3> : null}
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong>{t("round.questionN", { n: q.number })}</strong> {q.text}
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {t(`questionType.${q.type}`)}
                  {q.outcomeCode ? ` (${q.outcomeCode})` : ""} · {q.required ? t("question.requiredYes") : t("question.requiredNo")} · {t("round.languages", { list: q.locales.join(", ") })}
                  {q.condition ? ` · ${t("round.conditionNote", { number: q.condition.number, value: q.condition.value })}` : ""}
                </p>
                {editable ? (
                  <Form method="post" className="govuk-!-display-inline">
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="questionId" value={q.id} />
                    {q.number > 1 ? (
                      <SmallButton name="direction" value="up">
                        {t("round.moveUp")}
                        <span className="govuk-visually-hidden"> {t("round.questionN", { n: q.number })}</span>
                      </SmallButton>
                    ) : null}
                    {q.number < data.questions.length ? (
                      <SmallButton name="direction" value="down">
                        {t("round.moveDown")}
                        <span className="govuk-visually-hidden"> {t("round.questionN", { n: q.number })}</span>
                      </SmallButton>
                    ) : null}
                    <Link className="govuk-link govuk-!-margin-left-2" to={`${base}/questions/${q.id}`}>
                      {t("round.edit")}
                      <span className="govuk-visually-hidden"> {t("round.questionN", { n: q.number })}</span>
                    </Link>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}

      {canEdit && round.status !== "closed" ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">{t("round.settingsHeading")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="settings" />
              <RoundFeedbackFields errors={errors} values={values} />
              <DateInput name="opensAt" label={t("round.opensAt")} error={errors.opensAt} defaultValue={values.opensAt} optional />
              <DateInput name="closesAt" label={t("round.closesAt")} error={errors.closesAt} defaultValue={values.closesAt} optional />
              <Button variant="secondary">{t("round.saveSettings")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
