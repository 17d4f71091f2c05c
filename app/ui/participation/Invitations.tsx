import { Form, Link, useSearchParams } from "@remix-run/react";
import type { EmailStatus } from "../../domain/email/delivery";
import type { MemberRoundStatus } from "../../domain/participation/invitations";
import { useTranslation } from "../../i18n/use-translation";
import { BackLink, Button, NotificationBanner, SummaryList, Table, Tag } from "../components";
import { ErrorSummary } from "../ErrorSummary";
import { Radios } from "../fields";
import { EmailStatusTag, ParticipationNav, RoundsNav } from "./index";

const STATUS_COLOURS: Record<MemberRoundStatus, "grey" | "blue" | "yellow" | "green" | "red" | "purple"> = {
  "not-invited": "grey",
  invited: "blue",
  reminded: "purple",
  started: "yellow",
  completed: "green",
  revoked: "red",
};

export interface InvitationMember {
  invitationId: number | null;
  name: string;
  email: string | null;
  stakeholderGroup: string;
  status: MemberRoundStatus;
  emailStatus: EmailStatus | null;
  emailError: string | null;
  revocable: boolean;
  remindedAt: string | null;
  nextReminder: string | null;
}

export interface InvitationsProps {
  consultation: { slug: string; title: string };
  rounds: Array<{ number: number; status: string }>;
  round: { number: number; status: string } | null;
  hasGroup: boolean;
  canSend: boolean;
  members: InvitationMember[];
  counts: Record<MemberRoundStatus, number> | null;
  errors: Record<string, string>;
}

/** Inviting an advisory group to a round: each member's progress, invitations, reminders and withdrawals. */
export function InvitationsView(props: InvitationsProps) {
  const { t } = useTranslation("participation");
  const [search] = useSearchParams();
  const { consultation, round, counts, errors } = props;
  const data = props;
  const num = (k: string) => Number(search.get(k) ?? 0);
  const notice =
    search.get("invited") !== null
      ? t("invitations.done.invited", {
          created: num("invited"),
          resent: num("resent"),
          noEmail: num("noEmail"),
        })
      : search.get("reminded") !== null
        ? t("invitations.done.reminded", {
            sent: num("reminded"),
            tooSoon: num("tooSoon"),
          })
        : search.get("revoked")
          ? t("invitations.done.revoked")
          : null;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading" data-testid="invitations-notice">
            {notice}
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("invitations.heading")}</h1>
      <ParticipationNav slug={consultation.slug} current="invitations" officer />
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
          <h2 className="govuk-heading-m">
            {t("invitations.roundHeading", {
              number: round.number,
              status: t(`roundStatus.${round.status}`),
            })}
          </h2>
          {counts ? (
            <SummaryList
              rows={(Object.keys(counts) as MemberRoundStatus[]).map((s) => ({
                key: t(`progress.${s}`),
                value: String(counts[s]),
              }))}
            />
          ) : null}
          {data.canSend ? (
            <SendForms round={round.number} />
          ) : (
            <div className="govuk-inset-text" data-testid="round-not-open">
              {t("invitations.roundNotOpen")}
            </div>
          )}
          <MembersTable round={round.number} members={props.members} />
        </>
      )}
    </>
  );
}

/** Invite the group (all, or those not yet invited) and remind those who have not finished. */
function SendForms({ round }: { round: number }) {
  const { t } = useTranslation("participation");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <input type="hidden" name="round" value={round} />
          <Radios
            name="who"
            legend={t("invitations.invite.legend")}
            items={[
              {
                value: "not-invited",
                label: t("invitations.invite.notInvited"),
                hint: t("invitations.invite.notInvitedHint"),
              },
              {
                value: "all",
                label: t("invitations.invite.all"),
                hint: t("invitations.invite.allHint"),
              },
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
          <input type="hidden" name="round" value={round} />
          <Button variant="secondary">{t("invitations.remind.submit")}</Button>
        </Form>
      </div>
    </div>
  );
}

function MembersTable({ round, members }: { round: number; members: InvitationMember[] }) {
  const { t } = useTranslation("participation");
  return members.length === 0 ? (
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
            <input type="hidden" name="round" value={round} />
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
  );
}
