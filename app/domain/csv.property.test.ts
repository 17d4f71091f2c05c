// Property-based and edge-case checks of the RFC 4180 parser.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, parseCsvRecords } from "./csv";

/** RFC 4180 writer used only by this test: quote every field that needs it. */
const field = (s: string) => (/[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s);

describe("CSV parser properties", () => {
  it("reads back any table written by the RFC 4180 rules, with LF or CRLF, with or without a BOM", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r\n", "é", "1"), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 })),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.boolean(),
        (rows, eol, bom, trailing) => {
          const text = (bom ? "\uFEFF" : "") + rows.map((r) => r.map(field).join(",")).join(eol) + (trailing ? eol : "");
          expect(parseCsvRecords(text).map((r) => r.fields)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives each record the line it starts on, counting newlines inside quotes", () => {
    const records = parseCsvRecords('a,b\r\n"x\ny\nz",1\r\n"",2\n\nlast,3');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 7]);
    expect(records[1].fields).toEqual(["x\ny\nz", "1"]);
    expect(records[2].fields).toEqual(["", "2"]);
  });

  it("keeps a line holding only an empty quoted field as a record", () => {
    expect(parseCsv('name\n""\nBob\n').rows.map((r) => r.values.name)).toEqual(["", "Bob"]);
  });

  it("locates text after a closing quote", () => {
    try {
      parseCsv('a,b\n1,"two"x\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect([(e as CsvError).line, (e as CsvError).column]).toEqual([2, 8]);
    }
  });
});
