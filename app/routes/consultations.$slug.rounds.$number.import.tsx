import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "../i18n/use-translation";
import { requireRoundRole } from "../auth/round-access.server";
import { IMPORT_CHANNELS, PROFILE_COLUMNS, type ImportProblem } from "../domain/survey/response-import";
import { findConsultationSettings } from "../services/consultations.server";
import { outcomeStatements } from "../services/results.server";
import { listQuestionTranslationsOfRound } from "../services/survey-builder.server";
import { importQuestions, importRoundResponses, listImports, responsesByChannel } from "../services/response-imports.server";
import { BackLink, Button, SuccessBanner, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { ImportReport } from "../ui/ImportReport";
import { FileUpload, Radios } from "../ui/fields";
import { formatDateTime } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

/**
 * An officer imports a round's responses collected on paper, by phone, at an event…:
 * one CSV with the command line's `aggregate` columns plus free-text columns.
 */
export const handle: RouteHandle = {
  title: (t, data) => t("officer:responseImport.title", { number: (data as { round?: { number: number } } | undefined)?.round?.number ?? "" }),
};

const MAX_BYTES = 2_000_000;

/** Responses can be added once the round has opened, until the consultation is published. */
function canImport(roundStatus: string, consultationStatus: string) {
  return roundStatus !== "draft" && (consultationStatus === "open" || consultationStatus === "closed");
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, locale } = await requireRoundRole(args, ["officer"]);
  const db = args.context.db;
  const status = (await findConsultationSettings(db, consultation.id))!.status;
  const questions = await importQuestions(db, round.id);
  const texts = await listQuestionTranslationsOfRound(db, round.id);
  const statements = await outcomeStatements(db, consultation.id, locale);
  const text = (id: number) =>
    texts.find((x) => x.questionId === id && x.locale === locale)?.text ?? texts.find((x) => x.questionId === id && x.locale === "en")?.text ?? "";
  const imports = await listImports(db, round.id);
  const channels = await responsesByChannel(db, consultation.id);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    round: { number: round.number, status: round.status },
    open: canImport(round.status, status),
    ratingColumns: questions
      .filter((q) => q.type === "rating" && q.outcomeCode)
      .map((q) => ({ column: q.outcomeCode!, text: statements[q.outcomeCode!] ?? "" })),
    textColumns: questions.filter((q) => q.type === "free-text" || q.type === "propose-outcome").map((q) => ({ column: `q${q.number}`, text: text(q.id) })),
    imports: imports.map((i) => ({ ...i, createdAt: formatDateTime(i.createdAt.toISOString(), locale) })),
    channels: channels.find((r) => r.round === round.number) ?? { round: round.number, channels: {}, total: 0 },
  });
}

const channelSchema = z.object({ channel: z.enum(IMPORT_CHANNELS, { error: "responseImport.errors.channel" }) });
// Control characters and path separators out of the name we keep and show.
const fileName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200) || "responses.csv";

type ActionData = { errors: Record<string, string>; problems: ImportProblem[]; params?: Record<string, string | number> };
const noProblems: Pick<ActionData, "problems"> = { problems: [] };

export async function action(args: ActionFunctionArgs) {
  const { consultation, round, actor, locale } = await requireRoundRole(args, ["officer"]);
  const db = args.context.db;
  const here = `/consultations/${consultation.slug}/rounds/${round.number}/import`;
  if (!canImport(round.status, (await findConsultationSettings(db, consultation.id))!.status)) {
    return fail({ file: "responseImport.errors.closed" }, {}, 409, noProblems);
  }
  const form = await args.request.formData();
  const errors: Record<string, string> = {};
  const channel = channelSchema.safeParse({ channel: form.get("channel") ?? undefined });
  if (!channel.success) errors.channel = "responseImport.errors.channel";
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) errors.file = "responseImport.errors.file";
  else if (file.size > MAX_BYTES) return fail({ ...errors, file: "responseImport.errors.fileTooBig" }, {}, 413, noProblems);
  if (!channel.success || !file || typeof file === "string" || errors.file) return fail(errors, {}, 400, noProblems);
  const result = await importRoundResponses(
    db,
    { consultationId: consultation.id, round: { id: round.id, number: round.number }, actor },
    { name: fileName(file.name), text: await file.text(), channel: channel.data.channel },
    new Date(),
  );
  if (result.ok) return redirect(`${here}?imported=${result.value.count}`);
  if (result.reason === "already-imported") {
    const p = result.previous;
    const params = { file: p.fileName, date: formatDateTime(p.createdAt.toISOString(), locale), name: p.importedBy ?? "", count: p.responseCount };
    return fail({ file: "responseImport.errors.alreadyImported" }, {}, 409, { ...noProblems, params });
  }
  return fail({ file: "responseImport.errors.report" }, {}, 400, { problems: result.problems, params: { count: result.problems.length } });
}

export default function ImportResponses() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const problems = actionData?.problems ?? [];
  const errors = useTranslatedErrors(actionData?.errors, "officer", actionData?.params);
  const imported = search.get("imported");
  const roundPage = `/consultations/${data.consultation.slug}/rounds/${data.round.number}`;
  const channelRows = Object.entries(data.channels.channels);
  return (
    <>
      <BackLink to={roundPage}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {imported !== null && !actionData ? <SuccessBanner message={t("responseImport.done", { count: Number(imported) })} /> : null}
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("responseImport.heading", { number: data.round.number })}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">{t("responseImport.intro")}</p>
          <h2 className="govuk-heading-m">{t("responseImport.columnsHeading")}</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>{t("responseImport.colId")}</li>
            <li>{t("responseImport.colRound", { number: data.round.number })}</li>
            <li>{t("responseImport.colChannel", { channels: IMPORT_CHANNELS.join(", ") })}</li>
            <li>{t("responseImport.colProfile", { columns: ["group", ...Object.keys(PROFILE_COLUMNS)].join(", ") })}</li>
          </ul>
        </div>
      </div>
      <ImportReport
        problems={problems}
        caption={t("responseImport.reportCaption", { count: problems.length })}
        head={[t("responseImport.line"), t("responseImport.column"), t("responseImport.problem")]}
        describe={(p) => t(`responseImport.errors.${p.key}`, p.params ?? {})}
      />
      <Table
        caption={t("responseImport.answerColumnsCaption")}
        head={[t("responseImport.columnName"), t("responseImport.holds")]}
        rows={[
          ...data.ratingColumns.map((c) => [<code key="c">{c.column}</code>, t("responseImport.ratingColumn", { text: c.text })]),
          ...data.textColumns.map((c) => [<code key="c">{c.column}</code>, t("responseImport.textColumn", { text: c.text })]),
        ]}
      />
      {data.open ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Form method="post" encType="multipart/form-data" noValidate>
              <Radios
                name="channel"
                legend={t("responseImport.channelLegend")}
                hint={t("responseImport.channelHint")}
                error={errors.channel}
                items={IMPORT_CHANNELS.map((c) => ({ value: c, label: t(`responseImport.channel.${c}`) }))}
              />
              <FileUpload name="file" label={t("responseImport.file")} hint={t("responseImport.fileHint")} error={errors.file} accept=".csv,text/csv" />
              <Button>{t("responseImport.submit")}</Button>
            </Form>
          </div>
        </div>
      ) : (
        <div className="govuk-inset-text" id="file">
          {t("responseImport.notOpen")}
        </div>
      )}
      <Table
        caption={t("responseImport.byChannelCaption", { number: data.round.number })}
        head={[t("responseImport.channelCol"), t("responseImport.responsesCol")]}
        numericColumns={[1]}
        rows={[
          ...channelRows.map(([c, n]) => [
            t(`responseImport.channel.${c}`),
            <span key="n" data-testid={`channel-${c}`}>
              {n}
            </span>,
          ]),
          [
            <strong key="t">{t("responseImport.total")}</strong>,
            <strong key="n" data-testid="channel-total">
              {data.channels.total}
            </strong>,
          ],
        ]}
      />
      {data.imports.length > 0 ? (
        <Table
          caption={t("responseImport.historyCaption")}
          head={[t("responseImport.when"), t("responseImport.who"), t("responseImport.fileCol"), t("responseImport.responsesCol")]}
          numericColumns={[3]}
          rows={data.imports.map((i) => [i.createdAt, i.importedBy ?? t("responseImport.someone"), i.fileName, String(i.responseCount)])}
        />
      ) : null}
    </>
  );
}
