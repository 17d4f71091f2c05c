import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { isLocale } from "../i18n/config";
import { previewLocaleCookie } from "../i18n/preview-path";
import { secureCookies } from "../env.server";
import { participantCookie, publicLinkAllowed, resetPreview, resumeCodeOf, startAnonymous, type Journey } from "../services/journey.server";
import { checkHoneypot, limitPosts, privateHeaders, requireJourney, resumePath } from "../auth/journey-route.server";
import { formatDate } from "../i18n/format.server";
import { PreviewBanner, type QuestionView } from "../ui/journey";
import { SavedAnswers, StartActions } from "../ui/journey/start";
import type { RouteHandle } from "../ui/title";
import { Name, PARTNERSHIP_LANG, withNames } from "../ui/Names";
import { storageUnavailableHeaders, tryWrite } from "../services/storage.server";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (_t, data) => (data as { title?: string } | undefined)?.title ?? "" };

type Status = "open" | "closed" | "not-open" | "group-only" | "excluded" | "no-round";

function statusOf(j: Journey, now: Date): Status {
  if (!j.round) return "no-round";
  if (j.mode === "preview") return "open";
  if (!j.open) {
    const notYet = (j.consultation.opensAt && j.consultation.opensAt > now) || (j.round.opensAt && j.round.opensAt > now) || j.round.status === "draft";
    return notYet && j.consultation.status === "open" ? "not-open" : "closed";
  }
  if (j.excluded) return "excluded";
  if (!j.participant && !publicLinkAllowed(j)) return "group-only";
  return "open";
}

export async function loader(args: LoaderFunctionArgs) {
  const now = new Date();
  const j = await requireJourney(args, now);
  const url = new URL(args.request.url);
  const headers = new Headers(privateHeaders);
  if (j.mode === "preview") {
    // /s/<slug>/preview?round=<n>&lng=<locale>: a fresh preview of that round, in that language
    // (kept for the preview's pages only: the officer's own language cookie is left alone).
    const round = Number(url.searchParams.get("round"));
    const lng = url.searchParams.get("lng");
    if (url.searchParams.has("round") || url.searchParams.has("lng")) {
      await resetPreview(args.context.db, j.previewKey!, Number.isInteger(round) && round > 0 ? round : null, now);
      if (isLocale(lng)) headers.append("Set-Cookie", previewLocaleCookie(j.consultation.slug, lng, secureCookies()));
      throw redirect(j.base, { headers });
    }
  }
  const status = statusOf(j, now);
  const hasDraft = Object.keys(j.state.answers).length > 0 || j.state.meta.seen.length > 0;
  // Someone who has not answered anything yet starts with the briefing; otherwise the first unanswered question.
  const resume = j.participant || j.mode === "preview" ? (hasDraft || j.sections.length === 0 ? resumePath(j) : `${j.base}/briefing/1`) : null;
  const ratingCount = j.questions.filter((q) => q.type === "rating").length;
  const minutes = Math.max(5, Math.round((j.questions.length * 40 + j.sections.length * 60) / 60 / 5) * 5);
  const c = j.consultation;
  return json(
    {
      title: c.title.value,
      lang: c.title.lang,
      locale: j.locale,
      mode: j.mode,
      base: j.base,
      status,
      roundNumber: j.round?.number ?? null,
      summary: c.summary,
      privacyNotice: c.privacyNotice,
      partnershipName: c.partnershipName,
      contactEmail: c.contactEmail,
      closes: (j.round?.closesAt ?? c.closesAt) ? formatDate((j.round?.closesAt ?? c.closesAt)!.toISOString(), j.locale) : null,
      questionCount: j.questions.length,
      ratingCount,
      minutes,
      hasBriefing: j.sections.length > 0,
      started: Boolean(j.participant) || (j.mode === "preview" && hasDraft),
      hasDraft,
      submitted: j.response ? { reference: j.response.reference } : null,
      resume,
      resumeCode: resumeCodeOf(args.request, j),
      // When the round is closed, the participant can still read what they saved.
      savedAnswers:
        status === "closed" && hasDraft
          ? j.questions.filter((q) => j.state.answers[String(q.id)]).map((q) => ({ q: q as unknown as QuestionView, answer: j.state.answers[String(q.id)] }))
          : [],
    },
    { headers },
  );
}

export async function action(args: ActionFunctionArgs) {
  // Read the whole body first: answering before it is read can reset the connection.
  const form = await args.request.formData();
  const now = new Date();
  const j = await requireJourney(args, now);
  checkHoneypot(form);
  if (j.mode === "preview") throw redirect(j.sections.length ? `${j.base}/briefing/1` : resumePath(j));
  const status = statusOf(j, now);
  if (status !== "open") throw redirect(j.base);
  if (j.response) throw redirect(`${j.base}/done`);
  if (j.participant) throw redirect(resumePath(j));
  await limitPosts(args.request, "start");
  const started = await tryWrite(() => startAnonymous(args.context.db, j.consultation.id));
  if (!started.ok) throw new Response("Service Unavailable", { status: 503, headers: storageUnavailableHeaders });
  const { token } = started.value;
  const first = j.sections.length ? `${j.base}/briefing/1` : resumePath(j);
  return redirect(first, { headers: { "Set-Cookie": participantCookie(j.consultation.id, token) } });
}

export default function StartPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("citizen");
  const other = (lang: string) => (lang === d.locale ? undefined : lang);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
        <span className="govuk-caption-l">
          <Name name={{ text: d.partnershipName, lang: PARTNERSHIP_LANG }} locale={d.locale} />
        </span>
        <h1 className="govuk-heading-xl" lang={other(d.lang)}>
          {d.title}
        </h1>
        {d.summary.value ? (
          <p className="govuk-body-l" lang={other(d.summary.lang)}>
            {d.summary.value}
          </p>
        ) : null}

        {d.status === "closed" ? (
          <div className="govuk-inset-text" data-testid="closed">
            <p className="govuk-body">{t("start.closed")}</p>
            {d.submitted ? <p className="govuk-body">{t("start.closedSubmitted", { reference: d.submitted.reference })}</p> : null}
          </div>
        ) : null}
        {d.status === "not-open" ? <p className="govuk-inset-text">{t("start.notOpen")}</p> : null}
        {d.status === "no-round" ? <p className="govuk-inset-text">{t("start.noRound")}</p> : null}
        {d.status === "group-only" ? <p className="govuk-inset-text">{t("start.groupOnly")}</p> : null}
        {d.status === "excluded" ? <p className="govuk-inset-text">{t("start.excluded", { round: d.roundNumber })}</p> : null}

        {d.status === "open" ? (
          <>
            {d.roundNumber && d.roundNumber > 1 ? <p className="govuk-body">{t("start.laterRound", { round: d.roundNumber })}</p> : null}
            <h2 className="govuk-heading-m">{t("start.whatHeading")}</h2>
            <ul className="govuk-list govuk-list--bullet">
              {d.hasBriefing ? <li>{t("start.stepBriefing")}</li> : null}
              <li>{t("start.stepQuestions", { number: d.questionCount })}</li>
              {d.ratingCount > 0 ? <li>{t("start.stepRatings")}</li> : null}
              <li>{t("start.stepCheck")}</li>
            </ul>
            <p className="govuk-body">{t("start.time", { minutes: d.minutes })}</p>
            {d.closes ? <p className="govuk-body">{t("start.closes", { date: d.closes })}</p> : null}
            <p className="govuk-body">{t("start.voluntary")}</p>
            <p className="govuk-body">{t("start.saved")}</p>
          </>
        ) : null}

        <h2 className="govuk-heading-m">{t("start.whoHeading")}</h2>
        <p className="govuk-body">
          {withNames(t("start.who", { partnership: d.partnershipName }), [{ text: d.partnershipName, lang: PARTNERSHIP_LANG }], d.locale)}
        </p>
        {d.contactEmail ? (
          <p className="govuk-body">
            {t("start.contact")}{" "}
            <a className="govuk-link" href={`mailto:${d.contactEmail}`}>
              {d.contactEmail}
            </a>
          </p>
        ) : null}

        <h2 className="govuk-heading-m">{t("start.privacyHeading")}</h2>
        {d.privacyNotice.value ? (
          <p className="govuk-body" lang={other(d.privacyNotice.lang)}>
            {d.privacyNotice.value}
          </p>
        ) : null}
        <p className="govuk-body">{t("start.privacyGeneral")}</p>

        <SavedAnswers answers={d.savedAnswers} base={d.base} locale={d.locale} />

        {d.status === "open" ? <StartActions d={d} /> : null}
        {d.mode === "live" && !d.started ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/resume">
              {t("start.haveCode")}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
