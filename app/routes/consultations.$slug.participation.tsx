import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { participationBreakdown, type ParticipationRow } from "../domain/participation/participation";
import { STAKEHOLDER_GROUPS } from "../domain/survey/questions";
import { listRoundTracking } from "../services/round-invitations.server";
import { loadConsultationRounds } from "../auth/consultation-rounds.server";
import { isOfficerOf } from "../auth/round-access.server";
import { BackLink, Table } from "../ui/components";
import { ParticipationNav, RoundsNav } from "../ui/participation";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("participation:participation.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

/** Aggregates only (no names): officers and commissioners of the partnership. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, settings, rounds, round, user } = await loadConsultationRounds(args, ["officer", "commissioner"]);
  const officer = isOfficerOf(user, consultation.partnershipId);
  const base = {
    officer,
    consultation: { slug: consultation.slug, title: consultation.title },
    rounds: rounds.map((r) => ({ number: r.number, status: r.status })),
  };
  if (!round || settings.advisoryGroupId == null)
    return json({ ...base, round: null, hasGroup: settings.advisoryGroupId != null, byGroup: null, byLocality: null });
  const rows = await listRoundTracking(args.context.db, { consultationId: consultation.id, roundId: round.id, groupId: settings.advisoryGroupId });
  const facts = rows.map((m) => {
    const completed = m.hasResponse || m.completedAt != null;
    return { group: m.stakeholderGroup, locality: m.locality, invited: completed || (m.invitationId != null && m.revokedAt == null), completed };
  });
  return json({
    ...base,
    round: { number: round.number, status: round.status },
    hasGroup: true,
    byGroup: participationBreakdown(
      facts.map((f) => ({ key: f.group, invited: f.invited, completed: f.completed })),
      STAKEHOLDER_GROUPS,
    ),
    byLocality: participationBreakdown(facts.map((f) => ({ key: f.locality, invited: f.invited, completed: f.completed }))),
  });
}

function pct(v: number | null) {
  return v == null ? "–" : `${v}%`;
}

function diff(v: number | null) {
  return v == null ? "–" : `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v)}`;
}

function BreakdownTable({
  caption,
  firstColumn,
  data,
  label,
}: {
  caption: string;
  firstColumn: string;
  data: { rows: ParticipationRow[]; total: Omit<ParticipationRow, "key" | "difference"> };
  label: (key: string | null) => string;
}) {
  const { t } = useTranslation("participation");
  return (
    <Table
      caption={caption}
      head={[
        firstColumn,
        t("participation.col.members"),
        t("participation.col.shareOfGroup"),
        t("participation.col.invited"),
        t("participation.col.completed"),
        t("participation.col.rate"),
        t("participation.col.shareOfCompleted"),
        t("participation.col.difference"),
      ]}
      numericColumns={[1, 2, 3, 4, 5, 6, 7]}
      rows={[
        ...data.rows.map((r) => [
          label(r.key),
          String(r.members),
          pct(r.shareOfGroup),
          String(r.invited),
          String(r.completed),
          pct(r.responseRate),
          pct(r.shareOfCompleted),
          diff(r.difference),
        ]),
        [
          t("participation.total"),
          String(data.total.members),
          pct(data.total.shareOfGroup),
          String(data.total.invited),
          String(data.total.completed),
          pct(data.total.responseRate),
          pct(data.total.shareOfCompleted),
          "–",
        ],
      ]}
    />
  );
}

export default function Participation() {
  const { t } = useTranslation("participation");
  const data = useLoaderData<typeof loader>();
  const { consultation, round } = data;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("participation.heading")}</h1>
      <ParticipationNav slug={consultation.slug} current="participation" officer={data.officer} />
      {!data.hasGroup ? (
        <div className="govuk-inset-text">{t("invitations.noGroup")}</div>
      ) : !round || !data.byGroup || !data.byLocality ? (
        <div className="govuk-inset-text">{t("invitations.noRounds")}</div>
      ) : (
        <>
          <RoundsNav rounds={data.rounds} current={round.number} />
          <p className="govuk-body">{t("participation.intro")}</p>
          <BreakdownTable
            caption={t("participation.byGroupCaption", { number: round.number })}
            firstColumn={t("participation.col.group")}
            data={data.byGroup}
            label={(k) => (k ? t(`stakeholderGroup.${k}`) : t("participation.notRecorded"))}
          />
          <BreakdownTable
            caption={t("participation.byLocalityCaption", { number: round.number })}
            firstColumn={t("participation.col.locality")}
            data={data.byLocality}
            label={(k) => k ?? t("participation.notRecorded")}
          />
          <p className="govuk-body-s">{t("participation.localityNote")}</p>
        </>
      )}
    </>
  );
}
