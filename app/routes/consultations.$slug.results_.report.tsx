import { CONTROL } from "../domain/outcome-sets/content";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { OFFICER_ITEMS } from "../domain/publication/cos-star";
import { useTranslation } from "../i18n/use-translation";
import { listRoundNumbers } from "../services/results.server";
import { saveReportTexts, studyReport } from "../services/study-report.server";
import { BackLink, Button, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea } from "../ui/fields";
import { CosStarList } from "../ui/publication/CosStar";
import { ResultsNav } from "../ui/results/ResultsNav";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("commissioner:report.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

/** The study reported against the COS-STAR checklist: what the data answers, and what the officer must still write. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const db = args.context.db;
  const report = await studyReport(db, consultation.id, locale, "staff");
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    rounds: await listRoundNumbers(db, consultation.id),
    locale,
    items: report.items,
    statements: report.statements,
    texts: Object.fromEntries(OFFICER_ITEMS.map((id) => [id, report.texts[id]?.text ?? ""])),
    canWrite: isOfficerOf(user, consultation.partnershipId),
  });
}

const textField = z
  .string()
  .optional()
  .transform((s) => (s ?? "").replace(/\r\n?/g, "\n").trim())
  .refine((s) => s.length <= 5000, "report.errors.tooLong")
  .refine((s) => !CONTROL.test(s), "report.errors.control");
const schema = z.object(Object.fromEntries(OFFICER_ITEMS.map((id) => [`item-${id}`, textField])) as Record<string, typeof textField>);

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, locale } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const raw = Object.fromEntries(OFFICER_ITEMS.map((id) => [`item-${id}`, form.get(`item-${id}`) ?? undefined]));
  if (Object.values(raw).some((v) => v !== undefined && typeof v !== "string")) throw new Response("Bad Request", { status: 400 });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return fail(errors, raw as Record<string, string>);
  }
  const texts = Object.fromEntries(OFFICER_ITEMS.map((id) => [id, parsed.data[`item-${id}`]]));
  await saveReportTexts(args.context.db, { consultationId: consultation.id, actor, texts, locale }, new Date());
  return redirect(`/consultations/${consultation.slug}/results/report?notice=saved#officer-items`);
}

export default function StudyReport() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const missing = data.items.filter((i) => i.missing);
  const base = `/consultations/${data.consultation.slug}/results/report`;
  return (
    <>
      <BackLink to={`/consultations/${data.consultation.slug}/results/study`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {search.get("notice") === "saved" && !actionData ? <SuccessBanner message={t("report.saved")} /> : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("report.heading")}</h1>
      <div className="app-no-print">
        <ResultsNav slug={data.consultation.slug} rounds={data.rounds} current="report" />
      </div>
      <p className="govuk-body">{t("report.intro")}</p>
      <ul className="govuk-list app-no-print">
        <li>
          <a className="govuk-link" href={`${base}.csv`} download>
            {t("report.csv")}
          </a>
        </li>
      </ul>
      <p className="govuk-body app-no-print">{t("report.printHint")}</p>
      {missing.length ? (
        <div className="govuk-inset-text" data-testid="to-write">
          <p className="govuk-body">{t("report.toWriteIntro", { count: missing.length })}</p>
          <ul className="govuk-list govuk-list--bullet">
            {missing.map((i) => (
              <li key={i.id}>
                {data.canWrite ? (
                  <a className="govuk-link" href={`#item-${i.id}`}>
                    {i.id}. {t(`publication:cosStar.item.${i.id}`)}
                  </a>
                ) : (
                  `${i.id}. ${t(`publication:cosStar.item.${i.id}`)}`
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CosStarList items={data.items} statements={data.statements} locale={data.locale} />
      {data.canWrite ? (
        <div className="govuk-grid-row app-no-print">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m" id="officer-items" tabIndex={-1}>
              {t("report.formHeading")}
            </h2>
            <p className="govuk-body">{t("report.formIntro")}</p>
            <Form method="post" noValidate>
              {OFFICER_ITEMS.map((id) => (
                <Textarea
                  key={id}
                  name={`item-${id}`}
                  id={`item-${id}`}
                  label={`${id}. ${t(`publication:cosStar.item.${id}`)}`}
                  hint={t(`report.hints.${id}`)}
                  defaultValue={values[`item-${id}`] ?? data.texts[id]}
                  error={errors[`item-${id}`]}
                />
              ))}
              <Button>{t("report.save")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
