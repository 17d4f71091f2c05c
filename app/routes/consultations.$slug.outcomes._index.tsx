import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { CsvError, parseCsv } from "../domain/csv";
import { validateOutcomeImport, type ImportProblem } from "../domain/outcome-import";
import { LOCALE_NAMES, SUPPORTED_LOCALES, isLocale } from "../i18n/config";
import { importOutcomes, listLibrary } from "../services/outcomes.server";
import { BackLink, Button, NotificationBanner, SuccessBanner, Table, Tag } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { ImportReport } from "../ui/ImportReport";
import { FileUpload } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("outcomes.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

const MAX_BYTES = 1_000_000;

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    outcomes: await listLibrary(args.context.db, consultation.id, locale),
    canImport: isOfficerOf(user, consultation.partnershipId),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  if (form.get("intent") !== "import") throw new Response("Bad Request", { status: 400 });
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return fail({ file: "outcomes.import.errors.file" }, {}, 400, { problems: [] as ImportProblem[] });
  if (file.size > MAX_BYTES) return fail({ file: "outcomes.import.errors.fileTooBig" }, {}, 413, { problems: [] as ImportProblem[] });
  let problems: ImportProblem[];
  let rows;
  try {
    ({ rows, problems } = validateOutcomeImport(parseCsv(await file.text())));
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    problems = [{ line: e.line, column: e.column, key: "csv", params: { message: e.message } }];
  }
  if (problems.length > 0 || !rows) return fail({ file: "outcomes.import.errors.report" }, {}, 400, { problems });
  const { created, updated } = await importOutcomes(args.context.db, { actor, consultationId: consultation.id, rows }, new Date());
  return redirect(`/consultations/${consultation.slug}/outcomes?created=${created}&updated=${updated}`);
}

export default function OutcomeLibrary() {
  const { t } = useTranslation();
  const { consultation, outcomes, canImport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const problems = actionData?.problems ?? [];
  const errors = useTranslatedErrors(actionData?.errors, "common", { count: problems.length });
  const created = search.get("created");
  const base = `/consultations/${consultation.slug}/outcomes`;
  const translated = search.get("translated");
  const done = (["added", "saved", "retired", "reinstated"] as const).find((k) => search.get(k));
  const notice = done
    ? t(`officer:outcomeForm.done.${done}`, { code: search.get(done) })
    : isLocale(translated)
      ? t("officer:outcomeForm.done.translated", { language: LOCALE_NAMES[translated] })
      : null;
  return (
    <>
      <BackLink to="/dashboard">{t("common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {created !== null ? (
        <NotificationBanner title={t("common.success")} success>
          <p className="govuk-notification-banner__heading">
            {t("outcomes.import.done", { created: Number(created), updated: Number(search.get("updated") ?? 0) })}
          </p>
        </NotificationBanner>
      ) : null}
      {notice ? <SuccessBanner message={notice} /> : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("outcomes.heading")}</h1>
      {canImport ? (
        <>
          <Link className="govuk-button" to={`${base}/new`} role="button" draggable={false}>
            {t("officer:outcomeForm.add")}
          </Link>
          <p className="govuk-body">
            {t("officer:outcomeForm.translateInto")}{" "}
            {SUPPORTED_LOCALES.filter((l) => l !== "en").map((l, i) => (
              <span key={l}>
                {i > 0 ? " · " : null}
                <Link className="govuk-link" to={`/consultations/${consultation.slug}/edit/${l}/outcomes`} lang={l} hrefLang={l}>
                  {LOCALE_NAMES[l]}
                </Link>
              </span>
            ))}
          </p>
        </>
      ) : null}
      <p className="govuk-body">
        <a className="govuk-link" href={`/consultations/${consultation.slug}/outcomes.csv`} download>
          {t("outcomes.export")}
        </a>
      </p>
      <ImportReport
        problems={problems}
        caption={t("outcomes.import.reportCaption", { count: problems.length })}
        head={[t("outcomes.import.line"), t("outcomes.import.column"), t("outcomes.import.problem")]}
        describe={(p) => t(`outcomes.import.errors.${p.key}`, p.params ?? {})}
      />
      <Table
        caption={t("outcomes.libraryCaption", { count: outcomes.length })}
        head={[
          t("outcomes.col.code"),
          t("outcomes.col.domain"),
          t("outcomes.col.statement"),
          t("outcomes.col.source"),
          t("outcomes.col.status"),
          ...(canImport ? [t("officer:outcomeForm.change")] : []),
        ]}
        rows={outcomes.map((o) => [
          o.code,
          o.domain,
          <span key="s">
            {o.statement}
            {o.description ? <span className="govuk-body-s govuk-!-display-block">{o.description}</span> : null}
          </span>,
          o.source,
          <Tag key="t" colour={o.status === "active" ? "green" : "grey"}>
            {t(`outcomes.status.${o.status}`)}
          </Tag>,
          ...(canImport
            ? [
                <Link key="c" className="govuk-link" to={`${base}/${encodeURIComponent(o.code)}`}>
                  {t("officer:outcomeForm.change")}
                  <span className="govuk-visually-hidden"> {o.code}</span>
                </Link>,
              ]
            : []),
        ])}
      />
      {canImport ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">{t("outcomes.import.heading")}</h2>
            <p className="govuk-body">{t("outcomes.import.intro")}</p>
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="intent" value="import" />
              <FileUpload name="file" label={t("outcomes.import.file")} hint={t("outcomes.import.fileHint")} error={errors.file} accept=".csv,text/csv" />
              <Button>{t("outcomes.import.submit")}</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
