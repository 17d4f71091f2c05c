import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { linkOrigin, loadConsultationRounds } from "../auth/consultation-rounds.server";
import { canAcceptAnswers } from "../domain/consultation/lifecycle";
import {
  inviteMembers,
  remindMembers,
  revokeInvitation,
  roundInvitationsPage,
  type InvitationRow,
  type RoundContext,
} from "../services/round-invitations.server";
import { InvitationsView } from "../ui/participation/Invitations";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("participation:invitations.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, settings, rounds, round, locale } = await loadConsultationRounds(args, ["officer"]);
  const now = new Date();
  const base = { consultation: { slug: consultation.slug, title: consultation.title }, rounds: rounds.map((r) => ({ number: r.number, status: r.status })) };
  if (!round || settings.advisoryGroupId == null)
    return json({ ...base, round: null, hasGroup: settings.advisoryGroupId != null, canSend: false, members: [] as InvitationRow[], counts: null });
  const page = await roundInvitationsPage(
    args.context.db,
    { consultationId: consultation.id, roundId: round.id, groupId: settings.advisoryGroupId, locale },
    now,
  );
  return json({ ...base, round: { number: round.number, status: round.status }, hasGroup: true, canSend: canAcceptAnswers(settings, round, now).ok, ...page });
}

const ROUND = /^[0-9]{1,4}$/;
const schemas = {
  invite: z.object({ who: z.enum(["all", "not-invited"]) }),
  revoke: z.object({ invitationId: z.coerce.number().int().positive() }),
};

type Rounds = Awaited<ReturnType<typeof loadConsultationRounds>>;
type Context = {
  db: ActionFunctionArgs["context"]["db"];
  access: Rounds & { round: NonNullable<Rounds["round"]> };
  origin: string;
  back: string;
  now: Date;
};

function parsed<S extends z.ZodType>(schema: S, form: FormData): z.infer<S> {
  const r = schema.safeParse(Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)])));
  if (!r.success) throw new Response("Bad Request", { status: 400 });
  return r.data;
}

/** Inviting and reminding send email about the round, so both need the consultation's advisory group. */
function roundContext({ access, origin }: Context): RoundContext {
  const { settings, round, actor } = access;
  if (settings.advisoryGroupId == null) throw new Response("Conflict", { status: 409 });
  return {
    consultation: { ...settings, advisoryGroupId: settings.advisoryGroupId },
    round,
    origin,
    actor,
  };
}

const roundNotOpen = () => fail({ who: "invitations.errors.roundNotOpen" }, {}, 409);

const handlers = {
  async invite(form: FormData, c: Context) {
    const { who } = parsed(schemas.invite, form);
    const result = await inviteMembers(c.db, { ...roundContext(c), who }, c.now);
    if (!result.ok) return roundNotOpen();
    return redirect(`${c.back}&invited=${result.value.created}&resent=${result.value.resent}&noEmail=${result.value.skippedNoEmail}`);
  },
  async remind(_form: FormData, c: Context) {
    const result = await remindMembers(c.db, roundContext(c), c.now);
    if (!result.ok) return roundNotOpen();
    return redirect(`${c.back}&reminded=${result.value.sent}&tooSoon=${result.value.tooSoon}`);
  },
  async revoke(form: FormData, c: Context) {
    const { invitationId } = parsed(schemas.revoke, form);
    const done = await revokeInvitation(
      c.db,
      {
        actor: c.access.actor,
        consultationId: c.access.consultation.id,
        invitationId,
      },
      c.now,
    );
    if (!done) throw new Response("Not Found", { status: 404 });
    return redirect(`${c.back}&revoked=1`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const roundNumber = form.get("round");
  // Check who is asking before saying anything about the input.
  const access = await loadConsultationRounds(args, ["officer"], typeof roundNumber === "string" && ROUND.test(roundNumber) ? roundNumber : "");
  const { round } = access;
  if (!round || typeof roundNumber !== "string" || !ROUND.test(roundNumber)) throw new Response("Bad Request", { status: 400 });
  const back = `/consultations/${access.consultation.slug}/invitations?round=${round.number}`;
  return await runIntent(form, handlers, {
    db: args.context.db,
    access: { ...access, round },
    origin: linkOrigin(args.request),
    back,
    now: new Date(),
  });
}

export default function Invitations() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string> }>();
  return <InvitationsView {...data} errors={useTranslatedErrors(actionData?.errors, "participation")} />;
}
