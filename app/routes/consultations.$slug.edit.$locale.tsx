import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isLocale, LOCALE_NAMES, type Locale } from "../i18n/config";
import { listConsultationTranslations } from "../services/consultations.server";
import { saveTranslation } from "../services/consultations.server";
import { BackLink, Button } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Markdown } from "../ui/Markdown";
import { TextInput, Textarea } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { textSchema } from "../utils/consultation-form";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; languageName?: string } | undefined;
    return t("officer:text.title", { consultation: d?.consultation?.title ?? "", language: d?.languageName ?? "" });
  },
};

const localeParam = z.object({ locale: z.string().refine(isLocale) });

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireConsultationRole(args, ["officer"]);
  const p = localeParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  return { ...access, target: p.data.locale as Locale };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, target } = await load(args);
  const all = await listConsultationTranslations(args.context.db, consultation.id);
  const row = all.find((t) => t.locale === target);
  const english = all.find((t) => t.locale === "en");
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    target,
    languageName: LOCALE_NAMES[target],
    values: { title: row?.title ?? "", summary: row?.summary ?? "", briefing: row?.briefing ?? "", privacyNotice: row?.privacyNotice ?? "" },
    english: target === "en" ? null : (english ?? null),
    removable: target !== "en" && Boolean(row),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, target } = await load(args);
  const form = await args.request.formData();
  // A blank Save is an error (the title is required), never a removal: removing asks first (edit.$locale_.remove).
  const parsed = parseForm(form, textSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  await saveTranslation(args.context.db, { actor, consultationId: consultation.id, locale: target, text: parsed.data }, new Date());
  return redirect(`/consultations/${consultation.slug}?saved=${target}`);
}

export default function EditText() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const values: Record<string, string> = actionData?.values ?? data.values;
  const english = data.english;
  const reference = (field: "title" | "summary" | "briefing" | "privacyNotice") =>
    english && english[field] ? (
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{t("text.showEnglish", { field: t(`field.${field}`) })}</span>
        </summary>
        <div className="govuk-details__text">
          {field === "briefing" ? (
            <Markdown source={english[field]} topLevel={2} lang="en" />
          ) : (
            english[field].split(/\n{2,}/).map((para, i) => (
              <p className="govuk-body" key={i} lang="en">
                {para}
              </p>
            ))
          )}
        </div>
      </details>
    ) : null;
  return (
    <>
      <BackLink to={`/consultations/${data.consultation.slug}`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">{t("text.heading", { language: data.languageName })}</h1>
          <p className="govuk-body">{data.target === "en" ? t("text.introEnglish") : t("text.introOther", { language: data.languageName })}</p>
          <Form method="post" noValidate>
            <TextInput name="title" label={t("field.title")} error={errors.title} defaultValue={values.title} />
            {reference("title")}
            <Textarea
              name="summary"
              label={t("field.summary")}
              hint={t("form.summaryHint")}
              error={errors.summary}
              defaultValue={values.summary}
              rows={3}
              optional
            />
            {reference("summary")}
            <Textarea
              name="briefing"
              label={t("field.briefing")}
              hint={t("text.briefingHint")}
              error={errors.briefing}
              defaultValue={values.briefing}
              rows={15}
              optional
            />
            {reference("briefing")}
            <Textarea
              name="privacyNotice"
              label={t("field.privacyNotice")}
              hint={t("text.privacyHint")}
              error={errors.privacyNotice}
              defaultValue={values.privacyNotice}
              rows={8}
              optional
            />
            {reference("privacyNotice")}
            <Button>{t("actions.save")}</Button>
          </Form>
          {data.removable ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/consultations/${data.consultation.slug}/edit/${data.target}/remove`}>
                {t("text.remove", { language: data.languageName })}
              </Link>
            </p>
          ) : null}
          {data.values.briefing ? (
            <section aria-labelledby="briefing-preview">
              <h2 className="govuk-heading-m" id="briefing-preview">
                {t("text.briefingPreview")}
              </h2>
              <div className="govuk-inset-text">
                <Markdown source={data.values.briefing} topLevel={3} lang={data.target} />
              </div>
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}
