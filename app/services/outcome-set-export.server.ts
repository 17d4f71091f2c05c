/**
 * Streamed downloads of one outcome-set version. Every format is built from the
 * same export model (app/domain/outcome-sets/export.ts); drafts carry the
 * "DRAFT – not agreed" mark in each.
 */
import { Readable, PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import type { DB } from "../db.server";
import type { Actor } from "../domain/actor";
import { csvChunks, indicatorCells, jsonChunks, toIndigo, type ExportDocument } from "../domain/outcome-sets";
import { buildExport } from "./outcome-sets.server";
import { appendAudit } from "../repos/audit.server";

export type ExportFormat = "json" | "csv" | "xlsx" | "indigo" | "schedule";

/**
 * One version's export model, for `format`, with the file name it is downloaded as (drafts say
 * so in it); every export is audited. Null when the version does not exist.
 */
export async function exportOutcomeSet(
  db: DB,
  input: { actor: Actor; consultation: { id: number; slug: string; title: string; partnershipName: string }; version: number; format: ExportFormat },
  now: Date,
): Promise<{ doc: ExportDocument; name: string } | null> {
  const { actor, consultation, version } = input;
  const built = await buildExport(db, consultation, version, now);
  if (!built) return null;
  await appendAudit(db, {
    at: now,
    actorUserId: actor.userId,
    partnershipId: actor.partnershipId,
    action: "outcome_set.exported",
    entityType: "outcome_set",
    entityId: `${consultation.id}:${version}`,
    details: { format: input.format },
  });
  return { doc: built.doc, name: `${consultation.slug}-outcome-set-v${version}${built.doc.watermark ? "-DRAFT" : ""}` };
}

/** A file to download: its bytes as a stream, its type and its name. */
export interface ExportFile {
  body: ReadableStream;
  contentType: string;
  filename: string;
}

const stream = (chunks: Iterable<string>) => createReadableStreamFromReadable(Readable.from(chunks, { objectMode: false }));

/** The export model as one of the download formats (XLSX is written while it is sent). */
export function exportFile(doc: ExportDocument, name: string, format: Exclude<ExportFormat, "schedule">): ExportFile {
  switch (format) {
    case "json":
      return { body: stream(jsonChunks(doc)), contentType: "application/json; charset=utf-8", filename: `${name}.json` };
    case "indigo":
      // Only INDIGO pipeline fields: a draft says so in `notes` and in the file name.
      return { body: stream([JSON.stringify(toIndigo(doc), null, 2), "\n"]), contentType: "application/json; charset=utf-8", filename: `${name}-indigo.json` };
    case "csv":
      return { body: stream(csvChunks(doc)), contentType: "text/csv; charset=utf-8", filename: `${name}.csv` };
    case "xlsx":
      return { body: xlsxStream(doc), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: `${name}.xlsx` };
  }
}

type Cell = string | number | null;
interface SheetSpec {
  name: string;
  columns: Array<{ header: string; width: number }>;
  rows: Cell[][];
}

/** The four sheets: outcomes, indicators, weights, provenance. */
export function xlsxSheets(doc: ExportDocument): SheetSpec[] {
  const included = doc.outcomes.filter((o) => o.included);
  const m = doc.method;
  const set = doc.outcomeSet;
  return [
    {
      name: "outcomes",
      columns: [
        { header: "order", width: 8 },
        { header: "domain", width: 28 },
        { header: "code", width: 10 },
        { header: "statement", width: 60 },
        { header: "citizen_statement", width: 60 },
        { header: "included", width: 10 },
        { header: "inclusion_reason", width: 40 },
        { header: "consensus", width: 11 },
        { header: "percent_critical", width: 16 },
        { header: "ci95_lower", width: 12 },
        { header: "ci95_upper", width: 12 },
        { header: "rank", width: 8 },
        { header: "responses", width: 11 },
      ],
      rows: doc.outcomes.map((o) => [
        o.order,
        o.domain,
        o.code,
        o.statement,
        o.citizenStatement,
        o.included ? "yes" : "no",
        o.inclusionReason,
        o.consensus,
        o.percentCritical,
        o.ci95?.lower ?? null,
        o.ci95?.upper ?? null,
        o.rank,
        o.responses,
      ]),
    },
    {
      name: "indicators",
      columns: [
        { header: "code", width: 10 },
        { header: "indicator", width: 10 },
        { header: "name", width: 36 },
        { header: "definition", width: 60 },
        { header: "numerator", width: 30 },
        { header: "denominator", width: 30 },
        { header: "data_source", width: 36 },
        { header: "baseline_value", width: 15 },
        { header: "baseline_date", width: 14 },
        { header: "target_value", width: 14 },
        { header: "target_date", width: 14 },
        { header: "reporting_frequency", width: 20 },
        { header: "validation_method", width: 28 },
        { header: "national_measure", width: 24 },
      ],
      rows: included.flatMap((o) => o.indicators.map((i, k) => [o.code, k + 1, ...indicatorCells(i)])),
    },
    {
      name: "weights",
      columns: [
        { header: "code", width: 10 },
        { header: "statement", width: 60 },
        { header: "citizen_weight", width: 15 },
        { header: "final_weight", width: 13 },
        { header: "difference", width: 12 },
        { header: "weight_reason", width: 50 },
        { header: "amount_gbp", width: 15 },
      ],
      rows: [
        ...included.map((o) => [
          o.code,
          o.statement,
          o.citizenWeight,
          o.finalWeight,
          Number(((o.finalWeight ?? 0) - (o.citizenWeight ?? 0)).toFixed(2)),
          o.weightReason,
          o.amount,
        ]),
        [
          "total",
          "",
          100,
          Number((included.reduce((a, o) => a + Math.round((o.finalWeight ?? 0) * 100), 0) / 100).toFixed(2)),
          null,
          "",
          doc.incentivePot?.amount ?? null,
        ],
      ],
    },
    {
      name: "provenance",
      columns: [
        { header: "field", width: 28 },
        { header: "value", width: 90 },
      ],
      rows: [
        ["consultation", set.consultation.title],
        ["partnership", set.partnership],
        ["version", set.version],
        ["status", set.status],
        ["created_by", set.createdBy],
        ["created_at", set.createdAt],
        ["change_reason", set.changeReason],
        ["proposed_at", set.proposedAt],
        ["agreed_at", set.agreedAt],
        ...set.signatures.map((s): Cell[] => ["signature", `${s.organisation}: ${s.signer ?? "not signed"}${s.signedAt ? ` at ${s.signedAt}` : ""}`]),
        ["incentive_pot_gbp", doc.incentivePot?.amount ?? null],
        ["weight_margin_points", set.weightMargin],
        ["rounds", set.rounds.join(", ")],
        ["method", m.name],
        ["engine_version", m.version],
        ["method_parameters", JSON.stringify(m.parameters)],
        ["based_on_round", m.round],
        ["result_version", m.resultVersion],
        ["responses", m.responseCount],
        ["result_computed_at", m.computedAt],
        ["weighting", m.weighting ? JSON.stringify(m.weighting) : "none"],
        ["generated_at", set.generatedAt],
        ["format", `${doc.format} ${doc.formatVersion}`],
      ],
    },
  ];
}

/**
 * XLSX written by exceljs's streaming writer straight into the response: row 1
 * says which version (and "DRAFT" for drafts), row 2 holds the headers; both stay
 * frozen when scrolling.
 */
function xlsxStream(doc: ExportDocument): ReadableStream {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = "Outcomes that matter";
    const title = `${doc.outcomeSet.consultation.title} – outcome set version ${doc.outcomeSet.version}${doc.watermark ? ` – ${doc.watermark}` : " – agreed"}`;
    for (const spec of xlsxSheets(doc)) {
      const sheet = workbook.addWorksheet(spec.name, {
        views: [{ state: "frozen", ySplit: 2 }],
        headerFooter: { oddHeader: doc.watermark ? `&C${doc.watermark}` : "", oddFooter: "&L&F&RPage &P of &N" },
      });
      sheet.columns = spec.columns.map((c, k) => ({ key: `c${k}`, width: c.width }));
      const banner = sheet.addRow([title]);
      banner.font = { bold: true, color: doc.watermark ? { argb: "FFD4351C" } : undefined };
      banner.commit();
      const head = sheet.addRow(spec.columns.map((c) => c.header));
      head.font = { bold: true };
      head.commit();
      for (const row of spec.rows) sheet.addRow(row).commit();
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((e) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return createReadableStreamFromReadable(out);
}
