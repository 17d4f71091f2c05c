import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import type { Actor } from "../domain/actor";
import { STAKEHOLDER_GROUPS } from "../domain/survey/questions";
import { createTheme, deleteTheme, editTheme, listPublishedThemes } from "../services/moderation.server";
import { BackLink, Button, SuccessBanner, Table, WarningText } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea, TextInput } from "../ui/fields";
import { ParticipationNav } from "../ui/participation";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("participation:codebook.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const GROUPS = [...STAKEHOLDER_GROUPS, "not-stated"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const { themes, quotes } = await listPublishedThemes(args.context.db, consultation.id);
  const search = new URL(args.request.url).searchParams;
  const editId = Number(search.get("edit"));
  const deleteId = Number(search.get("delete"));
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    canEdit: isOfficerOf(user, consultation.partnershipId),
    themes,
    quotes: quotes.map((q) => ({ ...q, themes: q.themeIds.map((id) => themes.find((t) => t.id === id)?.name).filter(Boolean) as string[] })),
    editing: themes.find((t) => t.id === editId) ?? null,
    deleting: themes.find((t) => t.id === deleteId) ?? null,
  });
}

const schema = z.object({
  name: z
    .string({ error: "participation:codebook.errors.nameRequired" })
    .trim()
    .min(1, "participation:codebook.errors.nameRequired")
    .max(80, "participation:codebook.errors.nameTooLong"),
  description: z.string().trim().max(500, "participation:codebook.errors.descriptionTooLong").optional().default(""),
});
const themeIdOf = (form: FormData) => {
  const id = z.coerce.number().int().positive().safeParse(form.get("themeId"));
  if (!id.success) throw new Response("Bad Request", { status: 400 });
  return id.data;
};
const notFound = () => new Response("Not Found", { status: 404 });

type Context = { db: ActionFunctionArgs["context"]["db"]; target: { actor: Actor; consultationId: number }; base: string };

/** Creating and editing share one form: its errors come back with the intent so the page knows which form to show them in. */
function saveTheme(intent: "create" | "edit") {
  return async (form: FormData, c: Context) => {
    const themeId = intent === "edit" ? themeIdOf(form) : null;
    const parsed = parseForm(form, schema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values, 400, { intent });
    const now = new Date();
    const r = themeId ? await editTheme(c.db, { ...c.target, ...parsed.data, themeId }, now) : await createTheme(c.db, { ...c.target, ...parsed.data }, now);
    if (!r.ok && r.reason === "missing") throw notFound();
    if (!r.ok) return fail({ name: "participation:codebook.errors.nameTaken" }, parsed.data as Record<string, string>, 400, { intent });
    return redirect(`${c.base}?${themeId ? "saved" : "created"}=1`);
  };
}

const handlers = {
  create: saveTheme("create"),
  edit: saveTheme("edit"),
  async delete(form: FormData, c: Context) {
    const r = await deleteTheme(c.db, { ...c.target, themeId: themeIdOf(form) }, new Date());
    if (!r.ok) throw notFound();
    return redirect(`${c.base}?deleted=1`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const context: Context = { db: args.context.db, target: { actor, consultationId: consultation.id }, base: `/consultations/${consultation.slug}/codebook` };
  return await runIntent(await args.request.formData(), handlers, context);
}

export default function Codebook() {
  const { t } = useTranslation("participation");
  const { consultation, canEdit, themes, quotes, editing, deleting } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "participation");
  const values: Record<string, string> = actionData?.values ?? (editing ? { name: editing.name, description: editing.description } : {});
  const notice = search.get("created")
    ? t("codebook.created")
    : search.get("saved")
      ? t("codebook.saved")
      : search.get("deleted")
        ? t("codebook.deleted")
        : null;
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/moderation`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? <SuccessBanner message={notice} /> : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("codebook.heading")}</h1>
      <ParticipationNav slug={consultation.slug} current="codebook" officer={canEdit} />
      <p className="govuk-body">{t("codebook.intro")}</p>
      {themes.length === 0 ? (
        <p className="govuk-body" data-testid="no-themes">
          {t("codebook.none")}
        </p>
      ) : (
        <Table
          caption={t("codebook.caption", { count: themes.length })}
          head={[
            t("codebook.col.theme"),
            t("codebook.col.total"),
            ...GROUPS.map((g) => (g === "not-stated" ? t("participation.notRecorded") : t(`stakeholderGroup.${g}`))),
            ...(canEdit ? [t("codebook.col.action")] : []),
          ]}
          numericColumns={[1, 2, 3, 4, 5, 6]}
          rows={themes.map((th) => [
            <span key="n">
              {th.name}
              {th.description ? <span className="govuk-body-s govuk-!-display-block">{th.description}</span> : null}
            </span>,
            String(th.count),
            ...GROUPS.map((g) => String(th.byGroup[g] ?? 0)),
            ...(canEdit
              ? [
                  <ul key="a" className="govuk-summary-list__actions-list">
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`?edit=${th.id}#name`}>
                        {t("codebook.edit")}
                        <span className="govuk-visually-hidden"> {th.name}</span>
                      </Link>
                    </li>
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`/consultations/${consultation.slug}/codebook/${th.id}/outcome`}>
                        {t("themes:candidate.link")}
                        <span className="govuk-visually-hidden"> {th.name}</span>
                      </Link>
                    </li>
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`?delete=${th.id}#delete-theme`}>
                        {t("codebook.delete")}
                        <span className="govuk-visually-hidden"> {th.name}</span>
                      </Link>
                    </li>
                  </ul>,
                ]
              : []),
          ])}
        />
      )}
      {canEdit && deleting ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m" id="delete-theme" tabIndex={-1}>
              {t("codebook.deleteHeading", { name: deleting.name })}
            </h2>
            <WarningText assistive={t("codebook.warning")}>{t("codebook.deleteWarning", { count: deleting.count })}</WarningText>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="themeId" value={deleting.id} />
              <div className="govuk-button-group">
                <Button variant="warning">{t("codebook.deleteSubmit")}</Button>
                <Link className="govuk-link" to=".">
                  {t("codebook.cancel")}
                </Link>
              </div>
            </Form>
          </div>
        </div>
      ) : canEdit ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">{editing ? t("codebook.editHeading", { name: editing.name }) : t("codebook.createHeading")}</h2>
            <Form method="post" noValidate key={editing?.id ?? "new"}>
              <input type="hidden" name="intent" value={editing ? "edit" : "create"} />
              {editing ? <input type="hidden" name="themeId" value={editing.id} /> : null}
              <TextInput name="name" label={t("codebook.name")} defaultValue={values.name} error={errors.name} />
              <Textarea name="description" label={t("codebook.description")} optional defaultValue={values.description} error={errors.description} rows={2} />
              <Button>{editing ? t("codebook.saveSubmit") : t("codebook.createSubmit")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
      <h2 className="govuk-heading-m">{t("codebook.quotesHeading")}</h2>
      {quotes.length === 0 ? (
        <p className="govuk-body">{t("codebook.noQuotes")}</p>
      ) : (
        quotes.map((q) => (
          <figure key={q.id} className="govuk-inset-text">
            <blockquote className="govuk-body">{q.text}</blockquote>
            <figcaption className="govuk-body-s">
              {t("codebook.quoteRound", { number: q.roundNumber })}
              {q.themes.length ? ` · ${t("moderation.themesList", { themes: q.themes.join(", ") })}` : ""}
            </figcaption>
          </figure>
        ))
      )}
    </>
  );
}
