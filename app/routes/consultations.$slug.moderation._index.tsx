import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { listModerationItems, listThemes } from "../services/moderation.server";
import { BackLink, NotificationBanner, Table, Tag } from "../ui/components";
import { ParticipationNav } from "../ui/participation";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("participation:moderation.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const EXCERPT = 160;

/** The queue: never who wrote an answer, only their stakeholder group. Commissioners may read; only officers decide. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale, user } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const show = new URL(args.request.url).searchParams.get("show") === "decided" ? "decided" : "pending";
  const db = args.context.db;
  const items = await listModerationItems(db, consultation.id, locale, show);
  const themes = new Map((await listThemes(db, consultation.id)).map((t) => [t.id, t.name]));
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: isOfficerOf(user, consultation.partnershipId),
    show,
    pending: show === "pending" ? items.length : (await listModerationItems(db, consultation.id, locale, "pending")).length,
    items: items.map((i) => ({
      answerId: i.answerId,
      kind: i.kind,
      round: i.roundNumber,
      excerpt: i.text.length > EXCERPT ? `${i.text.slice(0, EXCERPT)}…` : i.text,
      group: i.group,
      decision: i.decision,
      outcomeCode: i.outcomeCode,
      quoted: i.quote != null,
      themes: i.themeIds.map((id) => themes.get(id)).filter((n): n is string => Boolean(n)),
    })),
  });
}

export default function ModerationQueue() {
  const { t } = useTranslation("participation");
  const { consultation, officer, show, pending, items } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const base = `/consultations/${consultation.slug}/moderation`;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      {done ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">
            {t(
              `moderation.done.${done === "accepted" || done === "merged" || done === "rejected" || done === "reviewed" || done === "quoted" ? done : "reviewed"}`,
              { code: search.get("code") ?? "" },
            )}
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("moderation.heading")}</h1>
      <p className="govuk-body">{t("moderation.intro")}</p>
      <ParticipationNav slug={consultation.slug} current="moderation" officer={officer} />
      <nav aria-label={t("moderation.viewsNav")}>
        <ul className="govuk-list">
          <li>
            {show === "pending" ? (
              <strong aria-current="page">{t("moderation.pendingView", { count: pending })}</strong>
            ) : (
              <Link className="govuk-link" to={base}>
                {t("moderation.pendingView", { count: pending })}
              </Link>
            )}
          </li>
          <li>
            {show === "decided" ? (
              <strong aria-current="page">{t("moderation.decidedView")}</strong>
            ) : (
              <Link className="govuk-link" to={`${base}?show=decided`}>
                {t("moderation.decidedView")}
              </Link>
            )}
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <p className="govuk-body" data-testid="queue-empty">
          {show === "pending" ? t("moderation.emptyPending") : t("moderation.emptyDecided")}
        </p>
      ) : (
        <Table
          caption={show === "pending" ? t("moderation.pendingCaption", { count: items.length }) : t("moderation.decidedCaption", { count: items.length })}
          head={[
            t("moderation.col.answer"),
            t("moderation.col.kind"),
            t("moderation.col.round"),
            t("moderation.col.group"),
            t("moderation.col.status"),
            t("moderation.col.action"),
          ]}
          rows={items.map((i) => [
            <span key="x">
              {i.excerpt}
              {i.themes.length ? (
                <span className="govuk-body-s govuk-!-display-block">{t("moderation.themesList", { themes: i.themes.join(", ") })}</span>
              ) : null}
            </span>,
            t(`moderation.kind.${i.kind}`),
            String(i.round),
            t(`stakeholderGroup.${i.group}`, { defaultValue: t("participation.notRecorded") }),
            <span key="s">
              <Tag colour={i.decision === "rejected" ? "red" : i.decision ? "green" : "yellow"}>{t(`moderation.status.${i.decision ?? "pending"}`)}</Tag>
              {i.outcomeCode ? <span className="govuk-body-s govuk-!-display-block">{i.outcomeCode}</span> : null}
              {i.quoted ? <span className="govuk-body-s govuk-!-display-block">{t("moderation.quoted")}</span> : null}
            </span>,
            <Link key="a" className="govuk-link" to={`${base}/${i.answerId}`}>
              {t("moderation.review")}
              <span className="govuk-visually-hidden"> {t("moderation.answerNumber", { id: i.answerId })}</span>
            </Link>,
          ])}
        />
      )}
    </>
  );
}
