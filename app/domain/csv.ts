/** RFC 4180 CSV parsing (quoted fields, doubled quotes, CRLF, BOM), with line/column errors. Pure. */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

export interface CsvTable {
  header: string[];
  /** Data rows as objects keyed by header; `line` is the 1-based line where the row starts. */
  rows: Array<{ line: number; values: Record<string, string> }>;
}

export function parseCsvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let col = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    fields.push(field);
    field = "";
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          col += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        field += ch;
        if (ch === "\n") (line++, (col = 0));
      }
      i++;
      col++;
      continue;
    }
    if (ch === '"') {
      if (field !== "" || afterQuote) throw new CsvError("a quote inside an unquoted field", line, col);
      quoted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && src[i + 1] === "\n") i++;
      line++;
      col = 0;
      recordLine = line;
    } else {
      if (afterQuote) throw new CsvError("text after a closing quote", line, col);
      field += ch;
    }
    i++;
    col++;
  }
  if (quoted) throw new CsvError("a quoted field is not closed", line, col);
  if (field !== "" || fields.length > 0 || afterQuote) endRecord();
  return records;
}

/** Parses a CSV with a header row; every row must have as many fields as the header. */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new CsvError("the file is empty: a header row is needed", 1, 1);
  const header = records[0].fields.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, k) => {
    if (!h) throw new CsvError(`column ${k + 1} of the header has no name`, records[0].line, k + 1);
    if (seen.has(h)) throw new CsvError(`the header names "${h}" twice`, records[0].line, k + 1);
    seen.add(h);
  });
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.length) {
      throw new CsvError(`expected ${header.length} fields, found ${r.fields.length}`, r.line, Math.min(r.fields.length, header.length) + 1);
    }
    return { line: r.line, values: Object.fromEntries(header.map((h, k) => [h, r.fields[k]])) };
  });
  return { header, rows };
}

/**
 * One CSV field for export: quoted when needed, and a leading =, +, -, @, tab
 * or carriage return prefixed with ' so spreadsheets do not run it as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends (RFC 4180). */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
