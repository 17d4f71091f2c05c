import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { EASY_READ_POINTS, LICENCES, NARRATIVE_FIELDS } from "../domain/publication/summary";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../i18n/config";
import {
  canPublish,
  listVersions,
  loadDraft,
  marginChoices,
  MAX_IMAGE_BYTES,
  publish,
  removeImage,
  resultChoices,
  saveDraft,
  sniffImage,
  storeImage,
  unpublish,
} from "../services/publication.server";
import { BackLink, Button, NotificationBanner, Tag, WarningText } from "../ui/components";
import { defaultPictureHref } from "../ui/publication/EasyReadView";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FileUpload, Radios, Textarea, TextInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";
import { formValues, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("publication:workflow.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const TEXT_MAX = 10_000;
const ALT_MAX = 300;
const textFields = SUPPORTED_LOCALES.flatMap((l) => [...NARRATIVE_FIELDS.map((f) => `${f}_${l}`), ...EASY_READ_POINTS.map((p) => `alt_${p}_${l}`)]);
const SAVE_FIELDS = ["result", "margins", "licence", ...textFields] as const;

const text = (max: number) => z.string({ error: "publication:errors.text" }).max(max, "publication:errors.tooLong").optional().default("");
const saveSchema = z.object({
  result: z.union([z.literal("latest"), z.string().regex(/^\d{1,4}:\d{1,6}$/)], { error: "publication:errors.result" }),
  margins: z.union([z.literal("none"), z.coerce.number().int().positive().max(1_000_000_000)], { error: "publication:errors.margins" }),
  licence: z.enum(LICENCES, { error: "publication:errors.licence" }),
  ...Object.fromEntries(textFields.map((f) => [f, text(f.startsWith("alt_") ? ALT_MAX : TEXT_MAX)])),
});
const publishSchema = z.object({
  changeNote: z.string({ error: "publication:errors.changeNote" }).max(1000, "publication:errors.tooLong").optional().default(""),
});
const pointSchema = z.object({ point: z.enum(EASY_READ_POINTS, { error: "publication:errors.point" }) });

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  return await requireConsultationRole(args, ["officer"]);
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await load(args);
  const db = args.context.db;
  const draft = await loadDraft(db, consultation.id);
  const versions = await listVersions(db, consultation.id);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title, status: consultation.status },
    locales: SUPPORTED_LOCALES.map((l) => ({ code: l, name: LOCALE_NAMES[l] })),
    draft: { ...draft, updatedAt: draft.updatedAt ? formatDate(draft.updatedAt.toISOString(), locale) : null },
    results: (await resultChoices(db, consultation.id)).map((r) => ({ number: r.number, versions: r.versions.map((v) => ({ version: v.version, responseCount: v.responseCount, createdAt: formatDate(v.createdAt.toISOString(), locale) })) })),
    margins: await marginChoices(db, consultation.id),
    versions: versions.map((v) => ({ version: v.version, changeNote: v.changeNote, publishedAt: formatDate(v.publishedAt.toISOString(), locale), withdrawn: Boolean(v.withdrawnAt) })),
    canPublish: canPublish(consultation.status),
  });
}

type ActionErrors = { errors: Record<string, string>; values: Record<string, string> };
const bad = (errors: Record<string, string>, values: Record<string, string>, status = 400) => json<ActionErrors>({ errors, values }, { status });

export async function action(args: ActionFunctionArgs) {
  const { consultation, user, locale } = await load(args);
  const db = args.context.db;
  const back = `/consultations/${consultation.slug}/publication`;
  const contentType = args.request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data") && Number(args.request.headers.get("Content-Length") ?? 0) > MAX_IMAGE_BYTES + 100_000) {
    return bad({ file: "publication:errors.fileTooBig" }, {}, 413);
  }
  let form: FormData;
  try {
    form = await args.request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
  const intent = form.get("intent");
  const ref = consultation;
  if (intent === "save") {
    const parsed = parseForm(form, saveSchema, SAVE_FIELDS);
    if (!parsed.ok) return bad(parsed.errors, parsed.values);
    const d = parsed.data as z.infer<typeof saveSchema> & Record<string, string>;
    const [roundNumber, resultVersion] = d.result === "latest" ? [null, null] : d.result.split(":").map(Number);
    const choices = await resultChoices(db, consultation.id);
    if (roundNumber !== null && !choices.some((r) => r.number === roundNumber && r.versions.some((v) => v.version === resultVersion))) {
      return bad({ result: "publication:errors.result" }, formValues(form, SAVE_FIELDS));
    }
    const marginsId = d.margins === "none" ? null : d.margins;
    if (marginsId !== null && !(await marginChoices(db, consultation.id)).some((m) => m.id === marginsId)) return bad({ margins: "publication:errors.margins" }, formValues(form, SAVE_FIELDS));
    const texts = Object.fromEntries(
      SUPPORTED_LOCALES.map((l) => [
        l,
        {
          ...(Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, clean(d[`${f}_${l}`])])) as Record<(typeof NARRATIVE_FIELDS)[number], string>),
          easyReadAlt: Object.fromEntries(EASY_READ_POINTS.map((p) => [p, clean(d[`alt_${p}_${l}`])])),
        },
      ]),
    );
    await saveDraft(db, ref, { roundNumber, resultVersion, marginsId, licence: d.licence, texts }, user.id, new Date());
    return redirect(`${back}?notice=saved`);
  }
  if (intent === "image") {
    const parsed = parseForm(form, pointSchema, ["point"]);
    const file = form.get("file");
    const bytes = file && typeof file !== "string" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    if (!parsed.ok || !bytes) return bad({ ...(parsed.ok ? {} : parsed.errors), ...(bytes ? {} : { file: "publication:errors.file" }) }, formValues(form, ["point"]));
    if (bytes.length > MAX_IMAGE_BYTES) return bad({ file: "publication:errors.fileTooBig" }, formValues(form, ["point"]), 413);
    const mime = sniffImage(bytes);
    if (!mime) return bad({ file: "publication:errors.fileType" }, formValues(form, ["point"]));
    await storeImage(db, ref, parsed.data.point, bytes, mime, user.id, new Date());
    return redirect(`${back}?notice=image`);
  }
  if (intent === "remove-image") {
    const parsed = parseForm(form, pointSchema, ["point"]);
    if (!parsed.ok) return bad(parsed.errors, {});
    await removeImage(db, ref, parsed.data.point, user.id, new Date());
    return redirect(`${back}?notice=imageRemoved`);
  }
  if (intent === "publish") {
    const parsed = parseForm(form, publishSchema, ["changeNote"]);
    if (!parsed.ok) return bad(parsed.errors, parsed.values);
    const outcome = await publish(db, ref, { changeNote: clean(parsed.data.changeNote), changeNoteLang: locale }, user.id, new Date());
    if (!outcome.ok) {
      const key = outcome.reason === "not-closed" ? "publication:errors.notClosed" : outcome.reason === "no-result" ? "publication:errors.noResult" : "publication:errors.changeNoteNeeded";
      return bad({ changeNote: key }, { changeNote: parsed.data.changeNote }, 422);
    }
    return redirect(`${back}?notice=published&version=${outcome.version}`);
  }
  if (intent === "unpublish") {
    const outcome = await unpublish(db, ref, user.id, new Date());
    if (!outcome.ok) return bad({ unpublish: "publication:errors.notPublished" }, {}, 422);
    return redirect(`${back}?notice=unpublished`);
  }
  throw new Response("Bad Request", { status: 400 });
}

/** Text as typed, without control characters other than line breaks and tabs. */
function clean(value: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (value ?? "").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/\r\n?/g, "\n").trim();
}

export default function Publication() {
  const { t } = useTranslation("publication");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = search.get("notice");
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const base = `/consultations/${data.consultation.slug}`;
  const live = data.versions.find((v) => !v.withdrawn);
  const published = data.consultation.status === "published" && live;
  const resultValue = data.draft.roundNumber === null ? "latest" : `${data.draft.roundNumber}:${data.draft.resultVersion}`;
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {notice ? (
        <NotificationBanner title={t("common:common.success")} success>
          <p className="govuk-notification-banner__heading">{t(`workflow.notice.${["saved", "image", "imageRemoved", "published", "unpublished"].includes(notice) ? notice : "saved"}`, { version: search.get("version") ?? "" })}</p>
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

      <h2 className="govuk-heading-m">{t("workflow.draftHeading")}</h2>
      {data.draft.updatedAt ? <p className="govuk-body-s">{t("workflow.draftSaved", { date: data.draft.updatedAt })}</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Radios
          name="result"
          legend={t("workflow.fields.result")}
          defaultValue={values.result ?? resultValue}
          error={errors.result}
          items={[
            { value: "latest", label: t("workflow.fields.resultLatest") },
            ...data.results.flatMap((r) => r.versions.map((v) => ({ value: `${r.number}:${v.version}`, label: t("workflow.fields.resultVersion", { round: r.number, version: v.version, count: v.responseCount, date: v.createdAt }) }))),
          ]}
        />
        <Radios
          name="margins"
          legend={t("workflow.fields.margins")}
          defaultValue={values.margins ?? (data.draft.marginsId ? String(data.draft.marginsId) : "none")}
          error={errors.margins}
          items={[{ value: "none", label: t("workflow.fields.marginsFromResult") }, ...data.margins.map((m) => ({ value: String(m.id), label: m.name }))]}
        />
        <Radios
          name="licence"
          legend={t("workflow.fields.licence")}
          defaultValue={values.licence ?? data.draft.licence}
          error={errors.licence}
          items={LICENCES.map((l) => ({ value: l, label: t(`licences.${l.replace(/[.-]/g, "")}`) }))}
        />
        {data.locales.map((l) => {
          const saved = data.draft.texts[l.code];
          return (
            <fieldset className="govuk-fieldset app-locale-fieldset" key={l.code}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{t("workflow.fields.textsIn", { language: l.name })}</legend>
              <Textarea name={`whatWeAsked_${l.code}`} label={t("workflow.fields.whatWeAsked")} hint={t("workflow.fields.whatWeAskedHint")} optional defaultValue={values[`whatWeAsked_${l.code}`] ?? saved?.whatWeAsked ?? ""} error={errors[`whatWeAsked_${l.code}`]} />
              <Textarea name={`whatWeDid_${l.code}`} label={t("workflow.fields.whatWeDid")} hint={t("workflow.fields.whatWeDidHint")} optional defaultValue={values[`whatWeDid_${l.code}`] ?? saved?.whatWeDid ?? ""} error={errors[`whatWeDid_${l.code}`]} />
              <Textarea name={`method_${l.code}`} label={t("workflow.fields.method")} hint={t("workflow.fields.methodHint")} optional rows={3} defaultValue={values[`method_${l.code}`] ?? saved?.method ?? ""} error={errors[`method_${l.code}`]} />
              <Textarea name={`contact_${l.code}`} label={t("workflow.fields.contact")} hint={t("workflow.fields.contactHint")} optional rows={3} defaultValue={values[`contact_${l.code}`] ?? saved?.contact ?? ""} error={errors[`contact_${l.code}`]} />
              {EASY_READ_POINTS.map((p) => (
                <TextInput
                  key={p}
                  name={`alt_${p}_${l.code}`}
                  label={t("workflow.fields.alt", { point: t(`easyRead.points.${p}`) })}
                  hint={t("workflow.fields.altHint")}
                  optional
                  defaultValue={values[`alt_${p}_${l.code}`] ?? saved?.easyReadAlt?.[p] ?? ""}
                  error={errors[`alt_${p}_${l.code}`]}
                />
              ))}
            </fieldset>
          );
        })}
        <Button>{t("workflow.save")}</Button>
      </Form>

      <h2 className="govuk-heading-m">{t("workflow.imagesHeading")}</h2>
      <p className="govuk-body">{t("workflow.imagesIntro")}</p>
      <ul className="govuk-list" data-testid="images">
        {EASY_READ_POINTS.map((p) => (
          <li key={p}>
            {t(`easyRead.points.${p}`)}:{" "}
            {data.draft.images[p] ? (
              <Form method="post" className="app-inline-form">
                <input type="hidden" name="intent" value="remove-image" />
                <input type="hidden" name="point" value={p} />
                {t("workflow.imageSet")}{" "}
                <button type="submit" className="app-link-button">
                  {t("workflow.removeImage")}
                  <span className="govuk-visually-hidden"> {t(`easyRead.points.${p}`)}</span>
                </button>
              </Form>
            ) : (
              <>
                <img src={defaultPictureHref(p)} alt="" width="40" height="40" className="app-picture-thumb" /> {t("workflow.noImage")}
              </>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="image" />
        <Radios name="point" legend={t("workflow.fields.point")} small defaultValue={values.point} error={errors.point} items={EASY_READ_POINTS.map((p) => ({ value: p, label: t(`easyRead.points.${p}`) }))} />
        <FileUpload name="file" label={t("workflow.fields.file")} hint={t("workflow.fields.fileHint")} error={errors.file} accept="image/png,image/jpeg,image/webp" />
        <Button variant="secondary">{t("workflow.upload")}</Button>
      </Form>

      <h2 className="govuk-heading-m">{t("workflow.previewHeading")}</h2>
      <p className="govuk-body">{t("workflow.previewIntro")}</p>
      <ul className="govuk-list">
        {data.locales.map((l) => (
          <li key={l.code}>
            <Link className="govuk-link" to={`${base}/publication/preview?lng=${l.code}`}>
              {t("workflow.previewIn", { language: l.name })}
            </Link>{" "}
            ·{" "}
            <Link className="govuk-link" to={`${base}/publication/preview?lng=${l.code}&view=easy-read`}>
              {t("workflow.previewEasyReadIn", { language: l.name })}
            </Link>
          </li>
        ))}
      </ul>

      <h2 className="govuk-heading-m">{t("workflow.publishHeading")}</h2>
      {data.canPublish ? null : <p className="govuk-body">{t("workflow.mustBeClosed")}</p>}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="publish" />
        <Textarea
          name="changeNote"
          label={t("workflow.fields.changeNote")}
          hint={t(data.versions.length > 0 ? "workflow.fields.changeNoteHintRequired" : "workflow.fields.changeNoteHint")}
          optional={data.versions.length === 0}
          rows={3}
          defaultValue={values.changeNote}
          error={errors.changeNote}
        />
        <Button>{t(data.versions.length > 0 ? "workflow.republish" : "workflow.publish")}</Button>
      </Form>
      {published ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="unpublish" />
          {errors.unpublish ? <p className="govuk-error-message">{errors.unpublish}</p> : null}
          <Button variant="warning">{t("workflow.unpublish")}</Button>
        </Form>
      ) : null}

      {data.versions.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("workflow.versionsHeading")}</h2>
          <ul className="govuk-list" data-testid="workflow-versions">
            {data.versions.map((v) => (
              <li key={v.version}>
                {v.withdrawn ? (
                  t("summary.versionWithdrawn", { version: v.version, date: v.publishedAt })
                ) : (
                  <a className="govuk-link" href={`/summaries/${data.consultation.slug}/v/${v.version}`}>
                    {t("summary.versionLink", { version: v.version, date: v.publishedAt })}
                  </a>
                )}
                {v.changeNote ? ` – ${v.changeNote}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
