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

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  /** The fields in header order. */
  fields: string[];
  /** The fields keyed by header name (built on first use). */
  readonly values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

class Row implements CsvRow {
  #values: Record<string, string> | undefined;
  constructor(
    readonly line: number,
    readonly fields: string[],
    private readonly header: string[],
  ) {}
  get values(): Record<string, string> {
    if (!this.#values) {
      const v: Record<string, string> = {};
      for (let k = 0; k < this.header.length; k++) v[this.header[k]] = this.fields[k];
      this.#values = v;
    }
    return this.#values;
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text into records (RFC 4180: fields separated by commas, records by CRLF, LF or
 * CR, fields optionally in double quotes with "" for a quote; a leading BOM is ignored). Lines
 * with nothing on them are skipped. Errors carry the 1-based line and column of the character.
 */
export function parseCsvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  const records: Array<{ line: number; fields: string[] }> = [];
  let i = 0;
  let line = 1;
  let lineStart = 0; // index of the first character of the current line, for columns
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let c = src.charCodeAt(i);
    if (c === LF || c === CR) {
      // An empty line.
      i += c === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    for (;;) {
      // One field starting at i.
      c = i < n ? src.charCodeAt(i) : -1;
      if (c === QUOTE) {
        let value = "";
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) throw new CsvError("a quoted field is not closed", line, j - lineStart + 1);
          const d = src.charCodeAt(j);
          if (d === QUOTE) {
            if (src.charCodeAt(j + 1) === QUOTE) {
              value += src.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            value += src.slice(from, j);
            j++;
            break;
          }
          if (d === LF || (d === CR && src.charCodeAt(j + 1) !== LF)) {
            line++;
            lineStart = j + 1;
          }
          j++;
        }
        fields.push(value);
        i = j;
        c = i < n ? src.charCodeAt(i) : -1;
        if (c !== COMMA && c !== LF && c !== CR && c !== -1) throw new CsvError("text after a closing quote", line, i - lineStart + 1);
      } else {
        let j = i;
        while (j < n) {
          const d = src.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          if (d === QUOTE) throw new CsvError("a quote inside an unquoted field", line, j - lineStart + 1);
          j++;
        }
        fields.push(src.slice(i, j));
        i = j;
        c = i < n ? src.charCodeAt(i) : -1;
      }
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of record: CRLF, LF, CR or end of text.
      if (c === CR && src.charCodeAt(i + 1) === LF) i += 2;
      else if (c !== -1) i++;
      if (c !== -1) {
        line++;
        lineStart = i;
      }
      break;
    }
    records.push({ line: recordLine, fields });
  }
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
  const rows: CsvRow[] = new Array(records.length - 1);
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r];
    if (fields.length !== header.length) {
      throw new CsvError(`expected ${header.length} fields, found ${fields.length}`, line, Math.min(fields.length, header.length) + 1);
    }
    rows[r - 1] = new Row(line, fields, header);
  }
  return { header, rows };
}

/** A plain decimal number (as a number or as text): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * Where a spreadsheet could start a formula: at the start of the cell, or just after anything
 * a spreadsheet may split cells on (`,` `;` `|` tab, or a line break), after any spaces, when
 * the next character is `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
const FORMULA_AFTER_SEPARATOR = /([,;|\t\r\n])( *)(?=[=+\-@\t\r])/g;
const FORMULA_AT_START = /^ *[=+\-@\t\r]/;
/** Characters that make a field need quotes: RFC 4180's, and the other separators spreadsheets use. */
const NEEDS_QUOTES = /[",;|\t\r\n]/;

/**
 * One CSV field for export, following OWASP's CSV injection guidance: numbers (including
 * negative ones) are written as numbers; text gets a ' before every place a spreadsheet could
 * start a formula, including after a `;`, `|` or tab it might split on, and is quoted when it
 * holds a quote, a separator or a line break, so a spreadsheet opening the file with `;` or
 * `|` as its separator reads neither a formula nor an extra cell.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let safe = value;
  if (!PLAIN_NUMBER.test(value)) {
    safe = value.replace(FORMULA_AFTER_SEPARATOR, "$1$2'");
    if (FORMULA_AT_START.test(safe)) safe = `'${safe}`;
  }
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends (RFC 4180). */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
