import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { CONSULTATION_TRANSITIONS, type ConsultationStatus } from "../domain/consultation/lifecycle";
import { SUPPORTED_LOCALES, LOCALE_NAMES } from "../i18n/config";
import { findConsultationSettings, listAdvisoryGroupsOfPartnership, listConsultationTranslations, listLifecycleHistory, listRoundOverviews, translationCounts } from "../services/consultations.server";
import { participationByGroup, transitionConsultation } from "../services/consultations.server";
import { BackLink, Button, NotificationBanner, SummaryList, Table, Tag } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("officer:overview.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const TEXT_FIELDS = ["title", "summary", "briefing", "privacyNotice"] as const;

function isOfficer(user: { memberships: Array<{ partnershipId: number; role: string }> }, partnershipId: number) {
  return user.memberships.some((m) => m.partnershipId === partnershipId && m.role === "officer");
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const db = args.context.db;
  const settings = (await findConsultationSettings(db, consultation.id))!;
  const translations = await listConsultationTranslations(db, consultation.id);
  const counts = await translationCounts(db, consultation.id);
  const rounds = await listRoundOverviews(db, [consultation.id]);
  const group = settings.advisoryGroupId ? (await listAdvisoryGroupsOfPartnership(db, consultation.partnershipId)).find((g) => g.id === settings.advisoryGroupId) : undefined;
  const date = (d: Date | null) => (d ? formatDate(d.toISOString(), locale) : null);
  const latest = [...rounds].reverse().find((r) => r.status !== "draft") ?? null;
  const participation = latest ? { round: latest.number, ...(await participationByGroup(db, latest.id, settings.advisoryGroupId)) } : null;
  const history = await listLifecycleHistory(db, consultation.id, rounds.map((r) => r.id));
  return json({
    consultation: { slug: consultation.slug, title: consultation.title, status: settings.status },
    canEdit: isOfficer(user, consultation.partnershipId),
    settings: {
      audience: settings.audience,
      opensAt: date(settings.opensAt),
      closesAt: date(settings.closesAt),
      contactEmail: settings.contactEmail,
      advisoryGroup: group?.name ?? null,
    },
    nextStatuses: CONSULTATION_TRANSITIONS[settings.status].filter((s) => s !== "published" && !(settings.status === "published" && s === "closed")),
    translations: SUPPORTED_LOCALES.map((lng) => {
      const row = translations.find((t) => t.locale === lng);
      return {
        locale: lng,
        name: LOCALE_NAMES[lng],
        missing: TEXT_FIELDS.filter((f) => !row || !row[f].trim()),
        ...counts.of(lng),
      };
    }),
    totals: counts.totals,
    rounds: rounds.map((r) => ({ number: r.number, status: r.status, questionCount: r.questionCount, responseCount: r.responseCount })),
    participation,
    history: history.map((h) => ({
      at: `${formatDate(h.at.toISOString(), locale)} ${h.at.toISOString().slice(11, 16)} UTC`,
      action: h.action,
      details: h.details as { from?: string; to?: string; number?: number },
      actor: h.actor ?? "",
    })),
  });
}

const statusSchema = z.object({ intent: z.literal("status"), to: z.enum(["open", "closed"]) });

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = statusSchema.safeParse({ intent: form.get("intent"), to: form.get("to") });
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const result = await transitionConsultation(args.context.db, { actor, consultationId: consultation.id, to: parsed.data.to }, new Date());
  if (!result.ok) return json({ errors: { status: `lifecycle.refusal.${result.reason}` } }, { status: 409 });
  return redirect(`/consultations/${consultation.slug}?status=${parsed.data.to}`);
}

export default function ConsultationOverview() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { consultation, settings, canEdit } = data;
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const base = `/consultations/${consultation.slug}`;
  const changed = search.get("status");
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ status: "lifecycle" }} />
      {search.get("created") ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{t("overview.created")}</p>
        </NotificationBanner>
      ) : null}
      {search.get("saved") ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{t("overview.saved")}</p>
        </NotificationBanner>
      ) : null}
      {changed === "open" || changed === "closed" ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{t(`overview.statusChanged.${changed}`)}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{t("overview.caption")}</span>
      <h1 className="govuk-heading-l">{consultation.title}</h1>
      <p className="govuk-body">
        {t("overview.status")}{" "}
        <Tag colour={consultation.status === "open" ? "green" : consultation.status === "draft" ? "grey" : "blue"}>{t(`common:consultation.status.${consultation.status}`)}</Tag>
      </p>

      <h2 className="govuk-heading-m" id="lifecycle" tabIndex={-1}>
        {t("overview.lifecycleHeading")}
      </h2>
      <p className="govuk-body">{t(`overview.lifecycleHint.${consultation.status}`)}</p>
      {canEdit && data.nextStatuses.length > 0 ? (
        <div className="govuk-button-group">
          {data.nextStatuses.map((to: ConsultationStatus) => (
            <Form method="post" key={to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              <Button variant={to === "closed" ? "warning" : "primary"}>{t(`overview.action.${consultation.status}-${to}`)}</Button>
            </Form>
          ))}
        </div>
      ) : null}

      <h2 className="govuk-heading-m">{t("overview.detailsHeading")}</h2>
      <SummaryList
        rows={[
          { key: t("form.audience"), value: t(`audience.${settings.audience}`) },
          { key: t("form.opensAt"), value: settings.opensAt ?? t("common:common.notSet") },
          { key: t("form.closesAt"), value: settings.closesAt ?? t("common:common.notSet") },
          { key: t("form.contactEmail"), value: settings.contactEmail ?? t("common:common.notSet") },
          { key: t("form.advisoryGroup"), value: settings.advisoryGroup ?? t("form.noAdvisoryGroup") },
        ].map((row) => (canEdit ? { ...row, action: { to: `${base}/edit`, label: t("overview.change"), visuallyHiddenText: row.key } } : row))}
      />

      <Table
        caption={t("overview.translationsCaption")}
        head={[
          t("overview.col.language"),
          t("overview.col.missing"),
          t("overview.col.statements"),
          t("overview.col.ratingQuestions"),
          t("overview.col.questions"),
          ...(canEdit ? [t("overview.col.edit")] : []),
        ]}
        rows={data.translations.map((tr) => [
          tr.name,
          tr.missing.length === 0 ? (
            <Tag key="c" colour="green">
              {t("overview.complete")}
            </Tag>
          ) : (
            tr.missing.map((f) => t(`field.${f}`)).join(", ")
          ),
          t("overview.questionsTranslated", { done: tr.statements, total: data.totals.statements }),
          t("overview.questionsTranslated", { done: tr.ratingQuestions, total: data.totals.ratingQuestions }),
          t("overview.questionsTranslated", { done: tr.otherQuestions, total: data.totals.otherQuestions }),
          ...(canEdit
            ? [
                <ul key="e" className="govuk-list">
                  <li>
                    <Link className="govuk-link" to={`${base}/edit/${tr.locale}`}>
                      {t("overview.editText")}
                      <span className="govuk-visually-hidden"> – {tr.name}</span>
                    </Link>
                  </li>
                  {tr.locale !== "en" ? (
                    <li>
                      <Link className="govuk-link" to={`${base}/edit/${tr.locale}/outcomes`}>
                        {t("overview.translateOutcomes")}
                        <span className="govuk-visually-hidden"> – {tr.name}</span>
                      </Link>
                    </li>
                  ) : null}
                </ul>,
              ]
            : []),
        ])}
      />

      <h2 className="govuk-heading-m">{t("overview.surveyHeading")}</h2>
      <Table
        caption={t("overview.roundsCaption")}
        head={[t("overview.col.round"), t("overview.col.status"), t("overview.col.questionCount"), t("overview.col.responses")]}
        numericColumns={[2, 3]}
        rows={data.rounds.map((r) => [
          <Link key="r" className="govuk-link" to={`${base}/rounds/${r.number}`}>
            {t("overview.roundN", { number: r.number })}
          </Link>,
          t(`roundStatus.${r.status}`),
          String(r.questionCount),
          String(r.responseCount),
        ])}
      />
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${base}/survey`}>
            {t("overview.openBuilder")}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/outcomes`}>
            {t("overview.outcomes")}
          </Link>
        </li>
        {consultation.status !== "draft" ? (
          <li>
            <Link className="govuk-link" to={`${base}/results`}>
              {t("overview.results")}
            </Link>
          </li>
        ) : null}
        {/* Personal data is for officers only: a commissioner is not shown a link that answers 403. */}
        {canEdit ? (
          <li>
            <Link className="govuk-link" to={`${base}/privacy`}>
              {t("privacy:links.consultation")}
            </Link>
          </li>
        ) : null}
      </ul>

      {data.participation ? (
        <>
          <Table
            caption={t("overview.participationCaption", { number: data.participation.round })}
            head={[t("overview.col.group"), t("overview.col.members"), t("overview.col.responded"), t("overview.col.rate")]}
            numericColumns={[1, 2, 3]}
            rows={data.participation.groups.map((g) => [t(`common:results.group.${g.group}`), String(g.members), String(g.responded), g.rate === null ? "–" : `${g.rate}%`])}
          />
          <p className="govuk-body">{t("overview.outside", { n: data.participation.outsideTotal })}</p>
        </>
      ) : null}

      <Table
        caption={t("overview.historyCaption")}
        head={[t("overview.col.when"), t("overview.col.what"), t("overview.col.who")]}
        rows={data.history.map((h) => [
          h.at,
          h.action === "round.status-changed"
            ? t("history.round", { number: h.details.number, from: t(`roundStatus.${h.details.from}`), to: t(`roundStatus.${h.details.to}`) })
            : h.action === "consultation.status-changed"
              ? t("history.consultation", { from: t(`common:consultation.status.${h.details.from}`), to: t(`common:consultation.status.${h.details.to}`) })
              : h.action === "round.created"
                ? t("history.roundCreated", { number: h.details.number })
                : t("history.created"),
          h.actor,
        ])}
      />
    </>
  );
}
