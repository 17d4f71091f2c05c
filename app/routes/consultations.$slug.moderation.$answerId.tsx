import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { useTranslation } from "../i18n/use-translation";
import {
  acceptProposal,
  approveQuote,
  findModerationItem,
  markReviewed,
  mergeProposal,
  moderationItemPage,
  rejectProposal,
  tagAnswer,
  withdrawQuote,
} from "../services/moderation.server";
import { ModerationItemView } from "../ui/participation/ModerationItem";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, formValues, parseForm, runIntent, schemaFields, type FormErrors } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("participation:moderation.item.title") };

const answerParam = z.object({ answerId: z.string().regex(/^[1-9][0-9]{0,9}$/) });

async function load(args: LoaderFunctionArgs | ActionFunctionArgs, roles: Array<"officer" | "commissioner">) {
  const access = await requireConsultationRole(args, roles);
  const p = answerParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const item = await findModerationItem(args.context.db, access.consultation.id, Number(p.data.answerId), access.locale);
  if (!item) throw new Response("Not Found", { status: 404 });
  return { ...access, item };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, item, user, locale } = await load(args, ["officer", "commissioner"]);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    canDecide: isOfficerOf(user, consultation.partnershipId),
    ...(await moderationItemPage(args.context.db, consultation.id, item, locale)),
  });
}

const text = (max: number, required: string, tooLong: string) => z.string({ error: required }).trim().min(1, required).max(max, tooLong);
const E = "participation:moderation.errors.";
const schemas = {
  accept: z.object({
    statement: text(300, `${E}statementRequired`, `${E}statementTooLong`),
    description: z.string().trim().max(2000, `${E}descriptionTooLong`).optional().default(""),
    domain: z.string({ error: `${E}domainRequired` }).regex(/^(new|[1-9][0-9]{0,9})$/, `${E}domainRequired`),
    newDomain: z.string().trim().max(120, `${E}domainTooLong`).optional().default(""),
  }),
  merge: z.object({ outcome: z.string({ error: `${E}outcomeRequired` }).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, `${E}outcomeRequired`) }),
  reject: z.object({ reason: text(1000, `${E}reasonRequired`, `${E}reasonTooLong`) }),
  quote: z.object({ quote: text(2000, `${E}quoteRequired`, `${E}quoteTooLong`) }),
  tag: z.object({
    themes: z
      .array(z.string().regex(/^[1-9][0-9]{0,9}$/))
      .max(200)
      .optional()
      .default([]),
  }),
};

type Context = { db: ActionFunctionArgs["context"]["db"]; target: Parameters<typeof markReviewed>[1]; here: string; queue: string; now: Date };

/** Every refusal names the form it answers, so the page shows the values typed in that form only. */
const refuseForm = (intent: string, errors: FormErrors, values: Record<string, string> = {}, status = 400) => fail(errors, values, status, { intent });

/**
 * A refused decision: 409 when someone has just decided the item; the errors `own` gives for the
 * reason (a field of this form); otherwise the form does not fit the item.
 */
function refused(intent: string, reason: string, own: Record<string, FormErrors> = {}, values: Record<string, string> = {}) {
  if (reason === "decided") return refuseForm(intent, { decision: `${E}alreadyDecided` }, {}, 409);
  const errors = own[reason];
  return errors ? refuseForm(intent, errors, values) : refuseForm(intent, { decision: `${E}wrongKind` });
}

const handlers: Record<string, (form: FormData, c: Context) => Promise<Response>> = {
  async accept(form, c) {
    const p = parseForm(form, schemas.accept);
    if (!p.ok) return refuseForm("accept", p.errors, p.values);
    const values = formValues(form, schemaFields(schemas.accept));
    if (p.data.domain === "new" && !p.data.newDomain) return refuseForm("accept", { newDomain: `${E}newDomainRequired` }, values);
    const r = await acceptProposal(
      c.db,
      {
        ...c.target,
        statement: p.data.statement,
        description: p.data.description,
        domain: p.data.domain === "new" ? { newName: p.data.newDomain } : { id: Number(p.data.domain) },
      },
      c.now,
    );
    if (!r.ok) return refused("accept", r.reason, { domain: { domain: `${E}domainRequired` } }, values);
    return redirect(`${c.queue}?done=accepted&code=${encodeURIComponent(r.value.code)}`);
  },
  async merge(form, c) {
    const p = parseForm(form, schemas.merge);
    if (!p.ok) return refuseForm("merge", p.errors, p.values);
    const r = await mergeProposal(c.db, { ...c.target, outcomeCode: p.data.outcome }, c.now);
    if (!r.ok) return refused("merge", r.reason, { outcome: { outcome: `${E}outcomeRequired` } }, formValues(form, ["outcome"]));
    return redirect(`${c.queue}?done=merged&code=${encodeURIComponent(p.data.outcome)}`);
  },
  async reject(form, c) {
    const p = parseForm(form, schemas.reject);
    if (!p.ok) return refuseForm("reject", p.errors, p.values);
    const r = await rejectProposal(c.db, { ...c.target, reason: p.data.reason }, c.now);
    if (!r.ok) return refused("reject", r.reason);
    return redirect(`${c.queue}?done=rejected`);
  },
  async reviewed(_form, c) {
    const r = await markReviewed(c.db, c.target, c.now);
    if (!r.ok) return refused("reviewed", r.reason);
    return redirect(`${c.queue}?done=reviewed`);
  },
  async quote(form, c) {
    const p = parseForm(form, schemas.quote);
    if (!p.ok) return refuseForm("quote", p.errors, p.values);
    const r = await approveQuote(c.db, { ...c.target, text: p.data.quote }, c.now);
    if (!r.ok) return refused("quote", r.reason, { "not-faithful": { quote: `${E}notFaithful` } }, formValues(form, ["quote"]));
    return redirect(`${c.here}?quoted=1`);
  },
  async "withdraw-quote"(_form, c) {
    if (!(await withdrawQuote(c.db, c.target, c.now))) throw new Response("Not Found", { status: 404 });
    return redirect(`${c.here}?withdrawn=1`);
  },
  async tag(form, c) {
    // several checkboxes share one name: read them all, even when only one is ticked
    const p = schemas.tag.safeParse({ themes: form.getAll("themes").map(String) });
    if (!p.success) return refuseForm("tag", { themes: p.error.issues[0]!.message });
    await tagAnswer(c.db, { ...c.target, themeIds: p.data.themes.map(Number) }, c.now);
    return redirect(`${c.here}?tagged=1`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, item, actor } = await load(args, ["officer"]);
  const base = `/consultations/${consultation.slug}/moderation`;
  const target = { actor, consultationId: consultation.id, answerId: item.answerId };
  return await runIntent(await args.request.formData(), handlers, {
    db: args.context.db,
    target,
    here: `${base}/${item.answerId}`,
    queue: base,
    now: new Date(),
  });
}

export default function ModerationItem() {
  const { t } = useTranslation("participation");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ intent?: string; errors?: Record<string, string>; values?: Record<string, string> }>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "participation");
  const values = actionData?.values ?? {};
  const mine = (intent: string) => (actionData?.intent === intent ? values : {});
  const notice = search.get("quoted")
    ? t("moderation.done.quoted")
    : search.get("withdrawn")
      ? t("moderation.done.withdrawn")
      : search.get("tagged")
        ? t("moderation.done.tagged")
        : null;
  return <ModerationItemView {...data} errors={errors} mine={mine} notice={notice} />;
}
