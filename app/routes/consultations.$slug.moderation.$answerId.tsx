import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { listLibrary } from "../services/outcomes.server";
import { findModerationItem, listDomains, listThemes } from "../services/moderation.server";
import { acceptProposal, approveQuote, markReviewed, mergeProposal, rejectProposal, tagAnswer, withdrawQuote } from "../services/moderation.server";
import { BackLink, Button, NotificationBanner, SummaryList, Tag } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes, Radios, Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { formValues } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("panel:moderation.item.title") };

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
  const db = args.context.db;
  const canDecide = user.memberships.some((m) => m.partnershipId === consultation.partnershipId && m.role === "officer");
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    canDecide,
    item: { ...item, submittedAt: undefined },
    themes: await listThemes(db, consultation.id),
    domains: await listDomains(db, consultation.id, locale),
    outcomes: item.kind === "propose-outcome" ? (await listLibrary(db, consultation.id, locale)).filter((o) => o.status === "active").map((o) => ({ code: o.code, statement: o.statement, domain: o.domain })) : [],
  });
}

const text = (max: number, required: string, tooLong: string) => z.string({ error: required }).trim().min(1, required).max(max, tooLong);
const E = "panel:moderation.errors.";
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
  tag: z.object({ themes: z.array(z.string().regex(/^[1-9][0-9]{0,9}$/)).max(200).optional().default([]) }),
};

type Errors = Record<string, string>;

export async function action(args: ActionFunctionArgs) {
  const { consultation, item, user } = await load(args, ["officer"]);
  const form = await args.request.formData();
  const intent = form.get("intent");
  const db = args.context.db;
  const now = new Date();
  const actor = { consultationId: consultation.id, partnershipId: consultation.partnershipId, actorUserId: user.id, answerId: item.answerId };
  const here = `/consultations/${consultation.slug}/moderation/${item.answerId}`;
  const queue = `/consultations/${consultation.slug}/moderation`;
  const fail = (errors: Errors, keep: string[], status = 400) => json({ intent: String(intent), errors, values: formValues(form, keep) }, { status });
  const parse = <S extends z.ZodType>(schema: S, raw: Record<string, unknown>, keep: string[]) => {
    const r = schema.safeParse(raw);
    if (r.success) return { ok: true as const, data: r.data as z.infer<S> };
    const errors: Errors = {};
    for (const issue of r.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false as const, response: fail(errors, keep) };
  };
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const decided = (reason: string) => (reason === "decided" ? fail({ decision: `${E}alreadyDecided` }, [], 409) : null);
  switch (intent) {
    case "accept": {
      const p = parse(schemas.accept, { statement: str("statement"), description: str("description"), domain: str("domain"), newDomain: str("newDomain") }, ["statement", "description", "domain", "newDomain"]);
      if (!p.ok) return p.response;
      if (p.data.domain === "new" && !p.data.newDomain) return fail({ newDomain: `${E}newDomainRequired` }, ["statement", "description", "domain", "newDomain"]);
      const r = await acceptProposal(db, { ...actor, statement: p.data.statement, description: p.data.description, domain: p.data.domain === "new" ? { newName: p.data.newDomain } : { id: Number(p.data.domain) } }, now);
      if (!r.ok) return decided(r.reason) ?? (r.reason === "domain" ? fail({ domain: `${E}domainRequired` }, ["statement", "description", "domain", "newDomain"]) : fail({ decision: `${E}wrongKind` }, []));
      return redirect(`${queue}?done=accepted&code=${encodeURIComponent(r.code)}`);
    }
    case "merge": {
      const p = parse(schemas.merge, { outcome: str("outcome") }, ["outcome"]);
      if (!p.ok) return p.response;
      const r = await mergeProposal(db, { ...actor, outcomeCode: p.data.outcome }, now);
      if (!r.ok) return decided(r.reason) ?? (r.reason === "outcome" ? fail({ outcome: `${E}outcomeRequired` }, ["outcome"]) : fail({ decision: `${E}wrongKind` }, []));
      return redirect(`${queue}?done=merged&code=${encodeURIComponent(p.data.outcome)}`);
    }
    case "reject": {
      const p = parse(schemas.reject, { reason: str("reason") }, ["reason"]);
      if (!p.ok) return p.response;
      const r = await rejectProposal(db, { ...actor, reason: p.data.reason }, now);
      if (!r.ok) return decided(r.reason) ?? fail({ decision: `${E}wrongKind` }, []);
      return redirect(`${queue}?done=rejected`);
    }
    case "reviewed": {
      const r = await markReviewed(db, actor, now);
      if (!r.ok) return decided(r.reason) ?? fail({ decision: `${E}wrongKind` }, []);
      return redirect(`${queue}?done=reviewed`);
    }
    case "quote": {
      const p = parse(schemas.quote, { quote: str("quote") }, ["quote"]);
      if (!p.ok) return p.response;
      const r = await approveQuote(db, { ...actor, text: p.data.quote }, now);
      if (!r.ok) return r.reason === "not-faithful" ? fail({ quote: `${E}notFaithful` }, ["quote"]) : fail({ decision: `${E}wrongKind` }, []);
      return redirect(`${here}?quoted=1`);
    }
    case "withdraw-quote": {
      if (!(await withdrawQuote(db, actor, now))) throw new Response("Not Found", { status: 404 });
      return redirect(`${here}?withdrawn=1`);
    }
    case "tag": {
      const p = parse(schemas.tag, { themes: form.getAll("themes").map(String) }, []);
      if (!p.ok) return p.response;
      await tagAnswer(db, { ...actor, themeIds: p.data.themes.map(Number) }, now);
      return redirect(`${here}?tagged=1`);
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function ModerationItem() {
  const { t } = useTranslation("panel");
  const { consultation, canDecide, item, themes, domains, outcomes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(String(v))]));
  const values: Record<string, string> = actionData?.values ?? {};
  const mine = (intent: string) => (actionData?.intent === intent ? values : {});
  const notice = search.get("quoted") ? t("moderation.done.quoted") : search.get("withdrawn") ? t("moderation.done.withdrawn") : search.get("tagged") ? t("moderation.done.tagged") : null;
  const undecided = !item.decision;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/moderation`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ decision: "decision-status" }} />
      {notice ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{notice}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t(`moderation.item.heading.${item.kind}`)}</h1>
      <SummaryList
        rows={[
          { key: t("moderation.item.question"), value: item.questionText || "–" },
          { key: t("moderation.item.answer"), value: <span className="app-mail-text govuk-!-display-block" data-testid="answer-text">{item.text}</span> },
          { key: t("moderation.col.round"), value: String(item.roundNumber) },
          { key: t("moderation.col.group"), value: t(`stakeholderGroup.${item.group}`, { defaultValue: t("participation.notRecorded") }) },
          {
            key: t("moderation.col.status"),
            value: (
              <span id="decision-status" tabIndex={-1}>
                <Tag colour={item.decision === "rejected" ? "red" : item.decision ? "green" : "yellow"}>{t(`moderation.status.${item.decision ?? "pending"}`)}</Tag>
                {item.outcomeCode ? ` ${item.outcomeCode}: ${item.outcomeStatement ?? ""}` : null}
                {item.reason ? ` ${t("moderation.item.reasonWas", { reason: item.reason })}` : null}
              </span>
            ),
          },
          ...(item.quote ? [{ key: t("moderation.item.approvedQuote"), value: item.quote }] : []),
        ]}
      />
      <p className="govuk-body-s">{t("moderation.item.anonymous")}</p>
      {canDecide ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {item.kind === "propose-outcome" && undecided ? (
              <>
                <h2 className="govuk-heading-m">{t("moderation.accept.heading")}</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="accept" />
                  <Textarea name="statement" label={t("moderation.accept.statement")} hint={t("moderation.accept.statementHint")} defaultValue={mine("accept").statement ?? item.text.slice(0, 300)} error={errors.statement} rows={3} />
                  <Textarea name="description" label={t("moderation.accept.description")} optional defaultValue={mine("accept").description} error={errors.description} rows={3} />
                  <Radios
                    name="domain"
                    legend={t("moderation.accept.domain")}
                    items={[...domains.map((d) => ({ value: String(d.id), label: d.name })), { value: "new", label: t("moderation.accept.newDomainOption") }]}
                    defaultValue={mine("accept").domain}
                    error={errors.domain}
                  />
                  <TextInput name="newDomain" label={t("moderation.accept.newDomain")} hint={t("moderation.accept.newDomainHint")} optional defaultValue={mine("accept").newDomain} error={errors.newDomain} />
                  <Button>{t("moderation.accept.submit")}</Button>
                </Form>
                <h2 className="govuk-heading-m">{t("moderation.merge.heading")}</h2>
                {outcomes.length === 0 ? (
                  <p className="govuk-body">{t("moderation.merge.none")}</p>
                ) : (
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="merge" />
                    <Radios name="outcome" legend={t("moderation.merge.legend")} items={outcomes.map((o) => ({ value: o.code, label: `${o.code}: ${o.statement}`, hint: o.domain }))} defaultValue={mine("merge").outcome} error={errors.outcome} small />
                    <Button variant="secondary">{t("moderation.merge.submit")}</Button>
                  </Form>
                )}
                <h2 className="govuk-heading-m">{t("moderation.reject.heading")}</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="reject" />
                  <Textarea name="reason" label={t("moderation.reject.reason")} hint={t("moderation.reject.reasonHint")} defaultValue={mine("reject").reason} error={errors.reason} rows={3} />
                  <Button variant="warning">{t("moderation.reject.submit")}</Button>
                </Form>
              </>
            ) : null}
            {item.kind === "free-text" ? (
              <>
                <h2 className="govuk-heading-m">{t("moderation.quote.heading")}</h2>
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="quote" />
                  <Textarea name="quote" label={t("moderation.quote.label")} hint={t("moderation.quote.hint")} defaultValue={mine("quote").quote ?? item.quote ?? item.text} error={errors.quote} rows={4} />
                  <Button>{item.quote ? t("moderation.quote.update") : t("moderation.quote.submit")}</Button>
                </Form>
                {item.quote ? (
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="withdraw-quote" />
                    <Button variant="warning">{t("moderation.quote.withdraw")}</Button>
                  </Form>
                ) : null}
                {undecided ? (
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="reviewed" />
                    <Button variant="secondary">{t("moderation.reviewed.submit")}</Button>
                  </Form>
                ) : null}
              </>
            ) : null}
            <h2 className="govuk-heading-m">{t("moderation.tag.heading")}</h2>
            {themes.length === 0 ? (
              <p className="govuk-body">{t("moderation.tag.none")}</p>
            ) : (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="tag" />
                <Checkboxes name="themes" legend={t("moderation.tag.legend")} items={themes.map((th) => ({ value: String(th.id), label: th.name, hint: th.description || undefined }))} defaultValues={item.themeIds.map(String)} small />
                <Button variant="secondary">{t("moderation.tag.submit")}</Button>
              </Form>
            )}
          </div>
        </div>
      ) : null}
    </>
  );
}
