import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { codingChoice, NONE } from "../domain/participation/coding-choice";
import { useTranslation } from "../i18n/use-translation";
import { requireThemableQuestion } from "../auth/theme-access.server";
import { confirmCoding, reviewPage } from "../services/themes.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { ThemesNav } from "../ui/themes";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:review.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const raw = new URL(args.request.url).searchParams.get("answer");
  if (raw !== null && !/^[1-9]\d{0,9}$/.test(raw)) throw new Response("Not Found", { status: 404 });
  const page = await reviewPage(args.context.db, consultation.id, question.id, raw === null ? undefined : Number(raw));
  if (page === "missing") throw new Response("Not Found", { status: 404 });
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: isOfficerOf(user, consultation.partnershipId),
    question: { id: question.id, text: question.text, roundNumber: question.roundNumber },
    ...page,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, locale } = await requireConsultationRole(args, ["officer"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const form = await args.request.formData();
  const ticked = form.getAll("themes").map(String);
  const choice = codingChoice(form.get("answerId"), ticked);
  if (!choice.ok && choice.reason === "bad-request") throw new Response("Bad Request", { status: 400 });
  if (!choice.ok) return fail({ themes: `themes:review.errors.${choice.reason}` }, {}, 400, { ticked });
  const { answerId, themeIds } = choice.value;
  const r = await confirmCoding(args.context.db, { actor, consultationId: consultation.id, questionId: question.id, answerId, themeIds }, new Date());
  if (!r.ok) throw new Response(r.reason === "missing" ? "Not Found" : "Bad Request", { status: r.reason === "missing" ? 404 : 400 });
  return redirect(`/consultations/${consultation.slug}/themes/${question.id}/review?confirmed=${answerId}`);
}

export default function Review() {
  const { t, i18n } = useTranslation("themes");
  const { consultation, officer, question, themes, item, reviewed, total, reviewer } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; ticked?: string[] }>();
  const errors = useTranslatedErrors(actionData?.errors, "themes");
  const num = new Intl.NumberFormat(i18n.language);
  const pct = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const date = (iso: string) =>
    new Intl.DateTimeFormat(`${i18n.language}-GB`, { dateStyle: "long", timeStyle: "short", hourCycle: "h23", timeZone: "Europe/London" }).format(
      new Date(iso),
    );
  const base = `/consultations/${consultation.slug}/themes/${question.id}`;
  const confidence = new Map((item?.machine ?? []).map((m) => [m.themeId, m.confidence]));
  // Suggested themes first, most confident first; then the rest of the codebook by name.
  const ordered = [...themes].sort((a, b) => (confidence.get(b.id) ?? -1) - (confidence.get(a.id) ?? -1));
  const ticked: string[] =
    actionData?.ticked ??
    (item?.person ? (item.person.themeIds.length ? item.person.themeIds.map(String) : [NONE]) : (item?.machine ?? []).map((m) => String(m.themeId)));
  const themeName = (id: number) => themes.find((x) => x.id === id)?.name ?? "";
  return (
    <>
      <BackLink to={base}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{t("question.caption", { round: question.roundNumber })}</span>
      <h1 className="govuk-heading-l">{t("review.heading")}</h1>
      <ThemesNav slug={consultation.slug} questionId={question.id} current="review" />
      <p className="govuk-body" data-testid="review-progress">
        {t("review.progress", { reviewed: num.format(reviewed), total: num.format(total) })}
      </p>
      {!item ? (
        <div data-testid="review-done">
          <p className="govuk-body">{total === 0 ? t("review.noAnswers") : t("review.allDone", { total: num.format(total) })}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/groups`}>
              {t("review.groupsLink")}
            </Link>
          </p>
        </div>
      ) : themes.length === 0 ? (
        <p className="govuk-body" data-testid="review-no-codebook">
          {t("review.noCodebook")}{" "}
          <Link className="govuk-link" to={base}>
            {t("review.suggestLink")}
          </Link>
        </p>
      ) : (
        <>
          <h2 className="govuk-heading-m">{t("review.answerHeading")}</h2>
          <blockquote className="govuk-inset-text" data-testid="review-answer">
            {item.text}
          </blockquote>
          <p className="govuk-body-s">
            {t("review.about", {
              group:
                item.group === "not-stated"
                  ? t("participation:participation.notRecorded")
                  : t(`participation:stakeholderGroup.${item.group}`, { defaultValue: item.group }),
              channel: t(`review.channel.${item.channel}`, { defaultValue: item.channel }),
            })}
          </p>
          {item.machine.length ? (
            <p className="govuk-body-s" data-testid="machine-coding">
              {t("review.machine", {
                themes: item.machine.map((m) => `${themeName(m.themeId)} ${pct.format(m.confidence)}`).join(", "),
                when: item.machineAt ? date(item.machineAt) : "",
              })}
            </p>
          ) : (
            <p className="govuk-body-s">{t("review.noMachine")}</p>
          )}
          {item.person ? (
            <p className="govuk-body-s" data-testid="person-coding">
              {t("review.person", { who: reviewer ?? t("review.someone"), when: date(item.person.reviewedAt) })}
            </p>
          ) : null}
          {officer ? (
            <Form method="post" noValidate>
              <input type="hidden" name="answerId" value={item.answerId} />
              <div className={`govuk-form-group${errors.themes ? " govuk-form-group--error" : ""}`}>
                <fieldset className="govuk-fieldset" aria-describedby={errors.themes ? "themes-error" : "themes-hint"}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t("review.legend")}</legend>
                  <div id="themes-hint" className="govuk-hint">
                    {t("review.hint")}
                  </div>
                  {errors.themes ? (
                    <p id="themes-error" className="govuk-error-message">
                      <span className="govuk-visually-hidden">{t("common:errors.prefix")}</span> {errors.themes}
                    </p>
                  ) : null}
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {ordered.map((th, i) => {
                      const c = confidence.get(th.id);
                      const itemId = i === 0 ? "themes" : `themes-${i + 1}`;
                      return (
                        <div className="govuk-checkboxes__item" key={th.id}>
                          <input
                            className="govuk-checkboxes__input"
                            id={itemId}
                            name="themes"
                            type="checkbox"
                            value={th.id}
                            defaultChecked={ticked.includes(String(th.id))}
                            aria-describedby={c !== undefined ? `${itemId}-hint` : undefined}
                          />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                            {th.name}
                          </label>
                          {c !== undefined ? (
                            <div id={`${itemId}-hint`} className="govuk-hint govuk-checkboxes__hint">
                              {t("review.suggested", { confidence: pct.format(c) })}
                            </div>
                          ) : null}
                        </div>
                      );
                    })}
                    <div className="govuk-checkboxes__divider">{t("review.or")}</div>
                    <div className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id="themes-none"
                        name="themes"
                        type="checkbox"
                        value={NONE}
                        defaultChecked={ticked.includes(NONE)}
                        data-behaviour="exclusive"
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="themes-none">
                        {t("review.none")}
                      </label>
                    </div>
                  </div>
                </fieldset>
              </div>
              <Button>{t("review.confirm")}</Button>
            </Form>
          ) : null}
        </>
      )}
      <p className="govuk-body">
        <a className="govuk-link" href={`${base}/codings.csv`} download data-testid="codings-csv">
          {t("codings.download")}
        </a>
      </p>
      <p className="govuk-body-s">{t("codings.about")}</p>
    </>
  );
}
