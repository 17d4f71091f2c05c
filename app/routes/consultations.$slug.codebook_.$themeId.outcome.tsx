import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { outcomeFormSchema } from "../domain/outcome-form";
import { useTranslation } from "../i18n/use-translation";
import { listDomainChoices } from "../services/outcomes.server";
import { createOutcomeFromTheme, outcomeFromThemeForm, themeForOutcome } from "../services/themes.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes } from "../ui/fields";
import { OutcomeFields } from "../ui/outcomes";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, formValues, parseForm, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:candidate.title", { theme: (data as { theme?: { name: string } } | undefined)?.theme?.name ?? "" }),
};

function themeIdOf(params: LoaderFunctionArgs["params"]): number {
  const id = z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31)
    .safeParse(params.themeId);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  return id.data;
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireConsultationRole(args, ["officer"]);
  const db = args.context.db;
  const form = await outcomeFromThemeForm(db, consultation.id, themeIdOf(args.params));
  if (!form) throw new Response("Not Found", { status: 404 });
  return json({ consultation: { slug: consultation.slug, title: consultation.title }, ...form, domains: await listDomainChoices(db, consultation.id, locale) });
}

const quotesSchema = z.array(z.coerce.number().int().positive()).max(3, "themes:candidate.errors.tooManyQuotes");

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const themeId = themeIdOf(args.params);
  const theme = await themeForOutcome(args.context.db, consultation.id, themeId);
  if (!theme) throw new Response("Not Found", { status: 404 });
  const form = await args.request.formData();
  const values = { ...formValues(form, schemaFields(outcomeFormSchema)), quotes: form.getAll("quotes").map(String).join(",") };
  const parsed = parseForm(form, outcomeFormSchema);
  const quotes = quotesSchema.safeParse(form.getAll("quotes"));
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  if (!quotes.success)
    errors.quotes = quotes.error.issues[0]?.message.startsWith("themes:") ? quotes.error.issues[0].message : "themes:candidate.errors.quoteUnknown";
  else if (quotes.data.some((q) => !theme.quotes.some((x) => x.id === q))) errors.quotes = "themes:candidate.errors.quoteUnknown";
  if (!parsed.ok || Object.keys(errors).length) return fail(errors, values);
  const result = await createOutcomeFromTheme(
    args.context.db,
    { actor, consultationId: consultation.id, themeId, form: parsed.data, quoteIds: quotes.data ?? [] },
    new Date(),
  );
  if (!result.ok) {
    if (result.reason === "missing") throw new Response("Not Found", { status: 404 });
    const field: Record<string, string> =
      result.reason === "quote"
        ? { quotes: "themes:candidate.errors.quoteUnknown" }
        : result.reason === "domain"
          ? { domain: "officer:outcomeForm.errors.domainRequired" }
          : { code: "officer:outcomeForm.errors.codeTaken" };
    return fail(field, values, result.reason === "code-taken" ? 409 : 400);
  }
  return redirect(`/consultations/${consultation.slug}/outcomes?added=${encodeURIComponent(result.value.code)}`);
}

export default function OutcomeFromTheme() {
  const { t } = useTranslation("themes");
  const { consultation, theme, domains, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = useTranslatedErrors(actionData?.errors, "officer");
  const values: Record<string, string> = actionData?.values ?? defaults;
  const chosen = (values.quotes ?? "").split(",").filter(Boolean);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/codebook`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{consultation.title}</span>
          <h1 className="govuk-heading-l">{t("candidate.heading")}</h1>
          <p className="govuk-body">{t("candidate.intro", { theme: theme.name, count: theme.answers })}</p>
          {theme.outcomes.length ? (
            <p className="govuk-inset-text" data-testid="theme-outcomes">
              {t("candidate.already", { codes: theme.outcomes.map((o) => o.code).join(", ") })}
            </p>
          ) : null}
          <Form method="post" noValidate>
            <OutcomeFields values={values} errors={errors} domains={domains} />
            {theme.quotes.length ? (
              <Checkboxes
                name="quotes"
                legend={t("candidate.quotesLegend")}
                hint={t("candidate.quotesHint")}
                optional
                error={errors.quotes}
                defaultValues={chosen}
                items={theme.quotes.map((q) => ({ value: String(q.id), label: `“${q.text}”` }))}
              />
            ) : (
              <p className="govuk-body" data-testid="no-quotes">
                {t("candidate.noQuotes")}{" "}
                <Link className="govuk-link" to={`/consultations/${consultation.slug}/moderation`}>
                  {t("candidate.moderationLink")}
                </Link>
              </p>
            )}
            <Button>{t("candidate.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}
