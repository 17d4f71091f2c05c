import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { canAcceptAnswers } from "../domain/consultation/lifecycle";
import { memberRoundStatus, nextReminderAllowedAt, type MemberRoundStatus } from "../domain/panel/invitations";
import { listRoundTracking } from "../services/panel-invitations.server";
import { linkOrigin, loadConsultationRounds } from "../auth/consultation-rounds.server";
import { inviteMembers, remindMembers, revokeInvitation } from "../services/panel-invitations.server";
import { BackLink, Button, NotificationBanner, SummaryList, Table, Tag } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Radios } from "../ui/fields";
import { formatDateTime } from "../i18n/format.server";
import { EmailStatusTag, PanelNav, RoundsNav } from "../ui/panel";
import type { RouteHandle } from "../ui/title";
import type { EmailStatus } from "../domain/email/delivery";

export const handle: RouteHandle = {
  title: (t, data) => t("panel:invitations.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const STATUS_COLOURS: Record<MemberRoundStatus, "grey" | "blue" | "yellow" | "green" | "red" | "purple"> = {
  "not-invited": "grey",
  invited: "blue",
  reminded: "purple",
  started: "yellow",
  completed: "green",
  revoked: "red",
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, settings, rounds, round, locale } = await loadConsultationRounds(args, ["officer"]);
  const now = new Date();
  const base = { consultation: { slug: consultation.slug, title: consultation.title }, rounds: rounds.map((r) => ({ number: r.number, status: r.status })) };
  if (!round || settings.advisoryGroupId == null) return json({ ...base, round: null, hasGroup: settings.advisoryGroupId != null, canSend: false, members: [], counts: null });
  const rows = await listRoundTracking(args.context.db, { consultationId: consultation.id, roundId: round.id, groupId: settings.advisoryGroupId });
  const members = rows.map((m) => {
    const status = memberRoundStatus({ invitation: m.invitationId == null ? null : { completedAt: m.completedAt, revokedAt: m.revokedAt, reminderCount: m.reminderCount }, hasDraft: m.hasDraft, hasResponse: m.hasResponse });
    const next = nextReminderAllowedAt(m.lastReminderAt, now);
    return {
      invitationId: m.invitationId,
      name: m.displayName,
      email: m.email,
      stakeholderGroup: m.stakeholderGroup,
      status,
      emailStatus: m.emailStatus as EmailStatus | null,
      emailError: m.emailStatus === "failed" || m.emailStatus === "bounced" ? m.emailError : null,
      revocable: m.invitationId != null && !m.revokedAt && status !== "completed",
      remindedAt: m.remindedAt ? formatDateTime(m.remindedAt.toISOString(), locale) : null,
      nextReminder: next && status !== "completed" && status !== "revoked" && status !== "not-invited" ? formatDateTime(next.toISOString(), locale) : null,
    };
  });
  const counts: Record<MemberRoundStatus, number> = { "not-invited": 0, invited: 0, reminded: 0, started: 0, completed: 0, revoked: 0 };
  for (const m of members) counts[m.status]++;
  return json({
    ...base,
    round: { number: round.number, status: round.status },
    hasGroup: true,
    canSend: canAcceptAnswers(settings, round, now).ok,
    members,
    counts,
  });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), round: z.string().regex(/^[0-9]{1,4}$/), who: z.enum(["all", "not-invited"]) }),
  z.object({ intent: z.literal("remind"), round: z.string().regex(/^[0-9]{1,4}$/) }),
  z.object({ intent: z.literal("revoke"), round: z.string().regex(/^[0-9]{1,4}$/), invitationId: z.coerce.number().int().positive() }),
]);

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const raw = Object.fromEntries(["intent", "round", "who", "invitationId"].map((k) => [k, form.get(k) ?? undefined]));
  // Check who is asking before saying anything about the input.
  const { consultation, settings, round, user } = await loadConsultationRounds(args, ["officer"], typeof raw.round === "string" && /^[0-9]{1,4}$/.test(raw.round) ? raw.round : "");
  const parsed = actionSchema.safeParse(raw);
  if (!parsed.success || !round) throw new Response("Bad Request", { status: 400 });
  const db = args.context.db;
  const now = new Date();
  const back = `/consultations/${consultation.slug}/invitations?round=${round.number}`;
  if (parsed.data.intent === "revoke") {
    const done = await revokeInvitation(db, { consultationId: consultation.id, partnershipId: consultation.partnershipId, actorUserId: user.id, invitationId: parsed.data.invitationId }, now);
    if (!done) throw new Response("Not Found", { status: 404 });
    return redirect(`${back}&revoked=1`);
  }
  if (settings.advisoryGroupId == null) throw new Response("Conflict", { status: 409 });
  const ctx = {
    consultation: { ...settings, advisoryGroupId: settings.advisoryGroupId },
    round,
    origin: linkOrigin(args.request),
    actorUserId: user.id,
  };
  if (parsed.data.intent === "invite") {
    const result = await inviteMembers(db, { ...ctx, who: parsed.data.who }, now);
    if (!result.ok) return json({ error: "invitations.errors.roundNotOpen" }, { status: 409 });
    return redirect(`${back}&invited=${result.created}&resent=${result.resent}&noEmail=${result.skippedNoEmail}`);
  }
  const result = await remindMembers(db, ctx, now);
  if (!result.ok) return json({ error: "invitations.errors.roundNotOpen" }, { status: 409 });
  return redirect(`${back}&reminded=${result.sent}&tooSoon=${result.tooSoon}`);
}

export default function Invitations() {
  const { t } = useTranslation("panel");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { consultation, round, members, counts } = data;
  const num = (k: string) => Number(search.get(k) ?? 0);
  const notice =
    search.get("invited") !== null
      ? t("invitations.done.invited", { created: num("invited"), resent: num("resent"), noEmail: num("noEmail") })
      : search.get("reminded") !== null
        ? t("invitations.done.reminded", { sent: num("reminded"), tooSoon: num("tooSoon") })
        : search.get("revoked")
          ? t("invitations.done.revoked")
          : null;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={actionData?.error ? { who: t(actionData.error) } : undefined} />
      {notice ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading" data-testid="invitations-notice">
            {notice}
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("invitations.heading")}</h1>
      <PanelNav slug={consultation.slug} current="invitations" officer />
      {!data.hasGroup ? (
        <div className="govuk-inset-text" data-testid="no-group">
          {t("invitations.noGroup")}{" "}
          <Link className="govuk-link" to={`/consultations/${consultation.slug}/edit`}>
            {t("invitations.chooseGroup")}
          </Link>
        </div>
      ) : !round ? (
        <div className="govuk-inset-text" data-testid="no-rounds">
          {t("invitations.noRounds")}
        </div>
      ) : (
        <>
          <RoundsNav rounds={data.rounds} current={round.number} />
          <h2 className="govuk-heading-m">{t("invitations.roundHeading", { number: round.number, status: t(`roundStatus.${round.status}`) })}</h2>
          {counts ? <SummaryList rows={(Object.keys(counts) as MemberRoundStatus[]).map((s) => ({ key: t(`progress.${s}`), value: String(counts[s]) }))} /> : null}
          {data.canSend ? (
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-half">
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="invite" />
                  <input type="hidden" name="round" value={round.number} />
                  <Radios
                    name="who"
                    legend={t("invitations.invite.legend")}
                    items={[
                      { value: "not-invited", label: t("invitations.invite.notInvited"), hint: t("invitations.invite.notInvitedHint") },
                      { value: "all", label: t("invitations.invite.all"), hint: t("invitations.invite.allHint") },
                    ]}
                    defaultValue="not-invited"
                  />
                  <Button>{t("invitations.invite.submit")}</Button>
                </Form>
              </div>
              <div className="govuk-grid-column-one-half">
                <h3 className="govuk-heading-m">{t("invitations.remind.heading")}</h3>
                <p className="govuk-body">{t("invitations.remind.intro")}</p>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="remind" />
                  <input type="hidden" name="round" value={round.number} />
                  <Button variant="secondary">{t("invitations.remind.submit")}</Button>
                </Form>
              </div>
            </div>
          ) : (
            <div className="govuk-inset-text" data-testid="round-not-open">
              {t("invitations.roundNotOpen")}
            </div>
          )}
          {members.length === 0 ? (
            <p className="govuk-body">{t("invitations.noMembers")}</p>
          ) : (
            <Table
              caption={t("invitations.caption", { count: members.length })}
              head={[t("invitations.col.name"), t("invitations.col.group"), t("invitations.col.progress"), t("invitations.col.email"), t("invitations.col.action")]}
              rows={members.map((m) => [
                <span key="n">
                  {m.name}
                  <span className="govuk-body-s govuk-!-display-block">{m.email ?? t("invitations.noEmail")}</span>
                </span>,
                t(`stakeholderGroup.${m.stakeholderGroup}`),
                <span key="p">
                  <Tag colour={STATUS_COLOURS[m.status]}>{t(`progress.${m.status}`)}</Tag>
                  {m.remindedAt ? <span className="govuk-body-s govuk-!-display-block">{t("invitations.lastReminded", { when: m.remindedAt })}</span> : null}
                  {m.nextReminder ? <span className="govuk-body-s govuk-!-display-block">{t("invitations.nextReminder", { when: m.nextReminder })}</span> : null}
                </span>,
                m.emailStatus ? (
                  <span key="e">
                    <EmailStatusTag status={m.emailStatus} />
                    {m.emailError ? <span className="govuk-body-s govuk-!-display-block">{m.emailError}</span> : null}
                  </span>
                ) : (
                  "–"
                ),
                m.revocable ? (
                  <Form method="post" key="r">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="round" value={round.number} />
                    <input type="hidden" name="invitationId" value={m.invitationId ?? ""} />
                    <Button variant="secondary">
                      {t("invitations.revoke")}
                      <span className="govuk-visually-hidden"> {m.name}</span>
                    </Button>
                  </Form>
                ) : (
                  "–"
                ),
              ])}
            />
          )}
        </>
      )}
    </>
  );
}
