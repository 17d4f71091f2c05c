import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { clean, draftSchema, draftTexts, resultChoice } from "../domain/publication/draft-form";
import { EASY_READ_POINTS } from "../domain/publication/summary";
import { SUPPORTED_LOCALES } from "../i18n/config";
import { MAX_IMAGE_BYTES, publicationPage, publish, removeImage, saveDraft, sniffImage, storeImage, unpublish } from "../services/publication.server";
import { BackLink, NotificationBanner, Tag, WarningText } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { DraftForm } from "../ui/publication/DraftForm";
import { ImagesForm } from "../ui/publication/ImagesForm";
import { PreviewLinks, PublishedVersions, PublishForms } from "../ui/publication/PublishForms";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, formValues, parseForm, runIntent, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("publication:workflow.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const saveSchema = draftSchema(SUPPORTED_LOCALES);
const publishSchema = z.object({
  changeNote: z.string({ error: "publication:errors.changeNote" }).max(1000, "publication:errors.tooLong").optional().default(""),
});
const pointSchema = z.object({ point: z.enum(EASY_READ_POINTS, { error: "publication:errors.point" }) });

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  return json(await publicationPage(args.context.db, consultation, locale));
}

type Context = Awaited<ReturnType<typeof requireConsultationRole>> & { db: ActionFunctionArgs["context"]["db"]; back: string };

const intents = {
  async save(form: FormData, { db, consultation, actor, back }: Context) {
    const parsed = parseForm(form, saveSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const d = parsed.data;
    const marginsId = d.margins === "none" ? null : d.margins;
    const saved = await saveDraft(
      db,
      consultation,
      { ...resultChoice(d.result), marginsId, licence: d.licence, texts: draftTexts(d, SUPPORTED_LOCALES) },
      actor,
      new Date(),
    );
    if (!saved.ok) return fail({ [saved.reason]: `publication:errors.${saved.reason}` }, formValues(form, schemaFields(saveSchema)));
    return redirect(`${back}?notice=saved`);
  },
  async image(form: FormData, { db, consultation, actor, back }: Context) {
    const parsed = parseForm(form, pointSchema);
    const file = form.get("file");
    const bytes = file && typeof file !== "string" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    const values = formValues(form, ["point"]);
    if (!parsed.ok || !bytes) return fail({ ...(parsed.ok ? {} : parsed.errors), ...(bytes ? {} : { file: "publication:errors.file" }) }, values);
    if (bytes.length > MAX_IMAGE_BYTES) return fail({ file: "publication:errors.fileTooBig" }, values, 413);
    const mime = sniffImage(bytes);
    if (!mime) return fail({ file: "publication:errors.fileType" }, values);
    await storeImage(db, consultation, parsed.data.point, bytes, mime, actor, new Date());
    return redirect(`${back}?notice=image`);
  },
  async "remove-image"(form: FormData, { db, consultation, actor, back }: Context) {
    const parsed = parseForm(form, pointSchema);
    if (!parsed.ok) return fail(parsed.errors);
    await removeImage(db, consultation, parsed.data.point, actor, new Date());
    return redirect(`${back}?notice=imageRemoved`);
  },
  async publish(form: FormData, { db, consultation, actor, locale, back }: Context) {
    const parsed = parseForm(form, publishSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const outcome = await publish(db, consultation, { changeNote: clean(parsed.data.changeNote), changeNoteLang: locale }, actor, new Date());
    if (!outcome.ok) {
      const key =
        outcome.reason === "not-closed"
          ? "publication:errors.notClosed"
          : outcome.reason === "no-result"
            ? "publication:errors.noResult"
            : "publication:errors.changeNoteNeeded";
      return fail({ changeNote: key }, { changeNote: parsed.data.changeNote }, 422);
    }
    return redirect(`${back}?notice=published&version=${outcome.value}`);
  },
  async unpublish(_form: FormData, { db, consultation, actor, back }: Context) {
    const outcome = await unpublish(db, consultation, actor, new Date());
    if (!outcome.ok) return fail({ unpublish: "publication:errors.notPublished" }, {}, 422);
    return redirect(`${back}?notice=unpublished`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const access = await requireConsultationRole(args, ["officer"]);
  const contentType = args.request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data") && Number(args.request.headers.get("Content-Length") ?? 0) > MAX_IMAGE_BYTES + 100_000) {
    return fail({ file: "publication:errors.fileTooBig" }, {}, 413);
  }
  let form: FormData;
  try {
    form = await args.request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
  return await runIntent(form, intents, { ...access, db: args.context.db, back: `/consultations/${access.consultation.slug}/publication` });
}

const NOTICES = ["saved", "image", "imageRemoved", "published", "unpublished"];

export default function Publication() {
  const { t } = useTranslation("publication");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const errors = useTranslatedErrors(actionData?.errors, "publication");
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const base = `/consultations/${data.consultation.slug}`;
  const live = data.versions.find((v) => !v.withdrawn);
  const published = data.consultation.status === "published" && live;
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">
            {t(`workflow.notice.${NOTICES.includes(notice) ? notice : "saved"}`, { version: search.get("version") ?? "" })}
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("workflow.heading")}</h1>
      <p className="govuk-body">
        {t("workflow.status")} <Tag colour={published ? "green" : "grey"}>{t(`workflow.statusValue.${data.consultation.status}`)}</Tag>
        {published ? (
          <>
            {" "}
            <a className="govuk-link" href={`/summaries/${data.consultation.slug}`}>
              {t("workflow.viewPublished", { version: live.version })}
            </a>
          </>
        ) : null}
      </p>
      <ol className="app-steps govuk-list govuk-list--number">
        <li>{t("workflow.step1")}</li>
        <li>{t("workflow.step2")}</li>
        <li>{t("workflow.step3")}</li>
      </ol>
      {data.results.length === 0 ? (
        <WarningText assistive={t("workflow.warning")}>
          {t("workflow.noResults")}{" "}
          <Link className="govuk-link" to={`${base}/results`}>
            {t("workflow.toResults")}
          </Link>
        </WarningText>
      ) : null}
      <DraftForm data={data} errors={errors} values={values} />
      <ImagesForm images={data.draft.images} errors={errors} values={values} />
      <PreviewLinks base={base} locales={data.locales} />
      <PublishForms data={data} published={Boolean(published)} errors={errors} values={values} />
      <PublishedVersions slug={data.consultation.slug} versions={data.versions} />
    </>
  );
}
