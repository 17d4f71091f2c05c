// The exported CSV opened by a real spreadsheet library (exceljs, reading with fast-csv), with
// each separator a spreadsheet may use: no cell may come out as a formula, and numbers must
// come out as numbers.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { toCsv } from "./csv";

/**
 * How a spreadsheet types a cell it reads: a number if it is one, a formula if (after any
 * whitespace) it starts with =, +, - or @, else text. exceljs keeps such text as text, so the
 * map gives it the formula typing that Excel, LibreOffice and Google Sheets apply on opening.
 */
function asSpreadsheetWould(datum: string): ExcelJS.CellValue {
  if (datum === "") return null;
  const n = Number(datum);
  if (!Number.isNaN(n) && Number.isFinite(n)) return n;
  if (/^\s*[=+\-@]/.test(datum)) return { formula: datum.trim().slice(1), date1904: false } as ExcelJS.CellFormulaValue;
  return datum;
}

async function open(csv: string, delimiter: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  return workbook.csv.read(Readable.from([csv]), {
    parserOptions: { delimiter, relaxQuotes: true, discardUnmappedColumns: false, strictColumnHandling: false },
    map: asSpreadsheetWould,
  } as never);
}

const HOSTILE = [
  "safe;=1+1",
  "x|@SUM(A1:A9)",
  "tab,\t=1+1",
  "line\r\n=cmd|' /C calc'!A0",
  '=HYPERLINK("http://x")',
  "+1+1",
  "@SUM(1)",
  "-2+3",
  "\t=1",
  "\r=1",
  "a, -1+1",
  "b; =1",
];

it("no cell of an export is a formula, whichever separator the spreadsheet splits on", async () => {
  const csv = toCsv(
    ["code", "text", "n"],
    HOSTILE.map((text, i) => [`H${i}`, text, -i]),
  );
  for (const delimiter of [",", ";", "|", "\t"]) {
    const sheet = await open(csv, delimiter);
    let cells = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells++;
        expect(cell.type, `${delimiter}: ${JSON.stringify(cell.value)}`).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    expect(cells).toBeGreaterThan(HOSTILE.length);
  }
});

it("numbers, negative ones included, open as numbers", async () => {
  const csv = toCsv(
    ["n", "m"],
    [
      [-5, "-5"],
      [0, "3.25"],
      [-0.5, "-1e3"],
      [42, "7"],
    ],
  );
  const sheet = await open(csv, ",");
  const values = sheet.getRows(2, 4)!.map((row) => [row.getCell(1).value, row.getCell(2).value]);
  expect(values).toEqual([
    [-5, -5],
    [0, 3.25],
    [-0.5, -1000],
    [42, 7],
  ]);
});
