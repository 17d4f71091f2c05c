import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { parseTranslationForm, translationFields } from "../domain/outcome-form";
import { isLocale, LOCALE_NAMES, type Locale } from "../i18n/config";
import { outcomeTranslationsForm, saveOutcomeTranslations } from "../services/outcomes.server";
import { BackLink, Button, Tag } from "../ui/components";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { fail, formValues } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; languageName?: string } | undefined;
    return t("officer:outcomeForm.translationsTitle", { consultation: d?.consultation?.title ?? "", language: d?.languageName ?? "" });
  },
};

// English is the outcomes' own language (changed on each outcome's page); this page translates it.
const localeParam = z.object({ locale: z.string().refine((l) => isLocale(l) && l !== "en") });

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireConsultationRole(args, ["officer"]);
  const p = localeParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const target = p.data.locale as Locale;
  return { ...access, target, form: await outcomeTranslationsForm(args.context.db, access.consultation.id, target) };
}

function ids(form: Awaited<ReturnType<typeof outcomeTranslationsForm>>) {
  return { outcomes: [...form.domains.flatMap((d) => d.outcomes), ...form.unfiled].map((o) => o.id), domains: form.domains.map((d) => d.id) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, target, form } = await load(args);
  const values: Record<string, string> = { ratingText: form.wording.value.text, ratingHint: form.wording.value.hint };
  for (const d of form.domains) values[`domain-${d.id}`] = d.value;
  for (const o of [...form.domains.flatMap((d) => d.outcomes), ...form.unfiled]) {
    values[`statement-${o.id}`] = o.value.statement;
    values[`description-${o.id}`] = o.value.description;
  }
  return json({ consultation: { slug: consultation.slug, title: consultation.title }, target, languageName: LOCALE_NAMES[target], form, values });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, target, form: view } = await load(args);
  const form = await args.request.formData();
  const fieldIds = ids(view);
  const fields = translationFields(fieldIds.outcomes, fieldIds.domains);
  const raw = Object.fromEntries(fields.map((f) => [f, form.getAll(f).length > 1 ? form.getAll(f) : (form.get(f) ?? undefined)]));
  const parsed = parseTranslationForm(raw, fieldIds);
  if (!parsed.ok) return fail(parsed.errors, formValues(form, fields));
  await saveOutcomeTranslations(args.context.db, { actor, consultationId: consultation.id, locale: target, data: parsed.data }, new Date());
  return redirect(`/consultations/${consultation.slug}/outcomes?translated=${target}`);
}

type OutcomeView = Awaited<ReturnType<typeof outcomeTranslationsForm>>["unfiled"][number];

export default function TranslateOutcomes() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors);
  const values: Record<string, string> = actionData?.values ?? data.values;
  const language = data.languageName;
  const lng = data.target;
  const { wording } = data.form;
  const english = (text: string) => <span lang="en">{text}</span>;
  const outcomeFields = (o: OutcomeView) => (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={o.id}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
        <h3 className="govuk-fieldset__heading">
          {o.code}: {english(o.english.statement)} {o.status === "retired" ? <Tag colour="grey">{t("outcomeForm.retiredTag")}</Tag> : null}
        </h3>
      </legend>
      <Textarea
        name={`statement-${o.id}`}
        label={t("outcomeForm.statementIn", { language })}
        error={errors[`statement-${o.id}`]}
        defaultValue={values[`statement-${o.id}`]}
        rows={2}
        optional
        valueLang={lng}
      />
      <Textarea
        name={`description-${o.id}`}
        label={t("outcomeForm.descriptionIn", { language })}
        hint={
          o.english.description ? (
            <>
              {t("outcomeForm.englishDescription")} {english(o.english.description)}
            </>
          ) : undefined
        }
        error={errors[`description-${o.id}`]}
        defaultValue={values[`description-${o.id}`]}
        rows={3}
        optional
        valueLang={lng}
      />
    </fieldset>
  );
  return (
    <>
      <BackLink to={`/consultations/${data.consultation.slug}/outcomes`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{data.consultation.title}</span>
          <h1 className="govuk-heading-l">{t("outcomeForm.translationsHeading", { language })}</h1>
          <p className="govuk-body">{t("outcomeForm.translationsIntro", { language })}</p>
          <p className="govuk-body">{t("outcomeForm.translationsQuestions", { language })}</p>
          <Form method="post" noValidate>
            <h2 className="govuk-heading-m">{t("outcomeForm.wordingHeading")}</h2>
            <TextInput
              name="ratingText"
              label={t("outcomeForm.wordingText", { language })}
              hint={
                wording.english ? (
                  <>
                    {t("outcomeForm.wordingTextHint")} {english(wording.english.text)}
                  </>
                ) : undefined
              }
              error={errors.ratingText}
              defaultValue={values.ratingText}
              valueLang={lng}
            />
            <Textarea
              name="ratingHint"
              label={t("outcomeForm.wordingHint", { language })}
              hint={
                wording.english?.hint ? (
                  <>
                    {t("outcomeForm.wordingHintHint")} {english(wording.english.hint)}
                  </>
                ) : undefined
              }
              error={errors.ratingHint}
              defaultValue={values.ratingHint}
              rows={2}
              optional
              valueLang={lng}
            />
            {data.form.domains.map((d) => (
              <section key={d.id} aria-labelledby={`domain-heading-${d.id}`}>
                <h2 className="govuk-heading-m" id={`domain-heading-${d.id}`} lang="en">
                  {d.english}
                </h2>
                <TextInput
                  name={`domain-${d.id}`}
                  label={t("outcomeForm.domainName", { language })}
                  error={errors[`domain-${d.id}`]}
                  defaultValue={values[`domain-${d.id}`]}
                  optional
                  valueLang={lng}
                />
                {d.outcomes.map(outcomeFields)}
              </section>
            ))}
            {data.form.unfiled.length > 0 ? (
              <section aria-labelledby="domain-heading-none">
                <h2 className="govuk-heading-m" id="domain-heading-none">
                  {t("outcomeForm.noDomain")}
                </h2>
                {data.form.unfiled.map(outcomeFields)}
              </section>
            ) : null}
            <Button>{t("outcomeForm.submitTranslations")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
