import { CONTROL } from "../domain/outcome-sets/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { move } from "../domain/outcome-sets";
import type { Actor } from "../domain/actor";
import { codeParam, requireCommissioner, versionParam } from "../auth/outcome-set-access.server";
import { editDraft, outcomeSetPage, proposeOutcomeSet, returnToDraft, signOutcomeSet, startFramework, startNewVersion } from "../services/outcome-sets.server";
import { BackLink, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { DomainTable } from "../ui/outcome-sets/DomainTable";
import { Downloads } from "../ui/outcome-sets/Downloads";
import { OutcomeSetActions } from "../ui/outcome-sets/OutcomeSetActions";
import { OutcomeSetSummary } from "../ui/outcome-sets/OutcomeSetSummary";
import { StartOutcomeSet } from "../ui/outcome-sets/StartOutcomeSet";
import { VersionsNav } from "../ui/outcome-sets/VersionsNav";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("commissioner:framework.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireCommissioner(args);
  const q = new URL(args.request.url).searchParams.get("version");
  const page = await outcomeSetPage(args.context.db, { consultation, userId: user.id, locale, version: q === null ? undefined : versionParam(q) });
  if (!page) throw new Response("Not Found", { status: 404 });
  return json(page);
}

const versionField = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, "errors.conflict")
  .transform(Number);
const moveSchema = z.object({ version: versionField, code: z.string().max(40), direction: z.enum(["up", "down"]) });
const newVersionSchema = z.object({
  reason: z
    .string({ error: "errors.changeReason" })
    .trim()
    .min(1, "errors.changeReason")
    .max(2000, "errors.changeReason")
    .refine((s) => !CONTROL.test(s), "errors.changeReason"),
});

interface Context {
  db: LoaderFunctionArgs["context"]["db"];
  actor: Actor;
  consultationId: number;
  base: string;
  now: Date;
}

/** The whole set's refusals are about the page's buttons, shown against them (`intent`); a conflict unless told. */
const refused = (key: string, status = 409) => fail({ intent: `errors.${key}` }, {}, status);

/** The version a step applies to (the one the page showed); null when the form does not name one. */
const versionOf = (form: FormData) => {
  const version = versionField.safeParse(form.get("version"));
  return version.success ? version.data : null;
};

const intents = {
  start: async (_form: FormData, c: Context) => {
    const r = await startFramework(c.db, c, c.now);
    return r.ok ? redirect(`${c.base}?notice=started`) : refused(r.reason === "no-result" ? "noResult" : "exists");
  },
  "new-version": async (form: FormData, c: Context) => {
    const parsed = parseForm(form, newVersionSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const r = await startNewVersion(c.db, { ...c, reason: parsed.data.reason }, c.now);
    return r.ok ? redirect(`${c.base}?notice=versionStarted`) : refused("conflict");
  },
  move: async (form: FormData, c: Context) => {
    const parsed = moveSchema.safeParse({ version: form.get("version"), code: form.get("code"), direction: form.get("direction") });
    if (!parsed.success) return refused("conflict", 400);
    const code = codeParam(parsed.data.code);
    const { version, direction } = parsed.data;
    const r = await editDraft(
      c.db,
      { ...c, version, action: "outcome_set.reordered", details: { code, direction }, edit: (content) => move(content, code, direction) },
      c.now,
    );
    return r.ok ? redirect(`${c.base}#outcome-${code}`) : refused("conflict");
  },
  propose: async (form: FormData, c: Context) => {
    const version = versionOf(form);
    if (version === null) return refused("conflict", 400);
    const r = await proposeOutcomeSet(c.db, { ...c, version }, c.now);
    return r.ok
      ? redirect(`${c.base}?notice=proposed`)
      : refused(r.reason === "not-ready" ? "notReady" : r.reason === "no-signatories" ? "noSignatories" : "conflict");
  },
  withdraw: async (form: FormData, c: Context) => {
    const version = versionOf(form);
    if (version === null) return refused("conflict", 400);
    const r = await returnToDraft(c.db, { ...c, version }, c.now);
    return r.ok ? redirect(`${c.base}?notice=withdrawn`) : refused("conflict");
  },
  sign: async (form: FormData, c: Context) => {
    const version = versionOf(form);
    if (version === null) return refused("conflict", 400);
    const r = await signOutcomeSet(c.db, { ...c, version }, c.now);
    if (!r.ok)
      return refused(
        r.reason === "not-signatory" ? "notSignatory" : r.reason === "already-signed" ? "alreadySigned" : "conflict",
        r.reason === "not-signatory" ? 403 : 409,
      );
    return redirect(`${c.base}?notice=${r.value.agreed ? "agreed" : "signed"}`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireCommissioner(args);
  const form = await args.request.formData();
  const context: Context = {
    db: args.context.db,
    actor,
    consultationId: consultation.id,
    base: `/consultations/${consultation.slug}/framework`,
    now: new Date(),
  };
  return await runIntent(form, intents, context);
}

const NOTICES = ["started", "weights", "proposed", "withdrawn", "signed", "agreed", "versionStarted"];

export default function Framework() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const set = data.set;
  const base = `/consultations/${data.consultation.slug}/framework`;
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ intent: "framework-actions", reason: "reason" }} />
      {notice && NOTICES.includes(notice) && !actionData ? <SuccessBanner message={t(`notice.${notice}`)} /> : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{set ? t("framework.headingVersion", { version: set.version }) : t("framework.heading")}</h1>
      {!set ? (
        <StartOutcomeSet data={data} />
      ) : (
        <>
          <OutcomeSetSummary set={set} signatories={data.signatories} />
          {data.versions.length > 1 ? <VersionsNav versions={data.versions} current={set.version} base={base} /> : null}
          {set.domains.map((d) => (
            <DomainTable key={d.name} set={set} domain={d} base={base} />
          ))}
          <p className="govuk-body" data-testid="total-final">
            {t("framework.total", { total: set.totalFinal.toFixed(2) })}
          </p>
          {set.status === "draft" && set.isLatest ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`${base}/weights`}>
                {t("framework.setWeights")}
              </Link>
            </p>
          ) : null}
          <OutcomeSetActions data={data} set={set} errors={errors} values={actionData?.values} />
          <Downloads base={base} version={set.version} agreed={set.status === "agreed"} />
        </>
      )}
    </>
  );
}
