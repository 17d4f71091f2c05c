import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, toCsv } from "./csv";

describe("CSV", () => {
  it("parses quoted fields, doubled quotes, embedded commas and newlines, CRLF and a BOM", () => {
    const table = parseCsv('\uFEFFcode,statement\r\nO1,"I only have to tell my story once"\r\nO2,"Staff ""talk"", plan\ntogether"\r\n');
    expect(table.header).toEqual(["code", "statement"]);
    expect(table.rows.map((r) => r.values.statement)).toEqual(["I only have to tell my story once", 'Staff "talk", plan\ntogether']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("names the line and column of each error", () => {
    const at = (text: string) => {
      try {
        parseCsv(text);
      } catch (e) {
        const err = e as CsvError;
        return [err.line, err.column, err.message];
      }
      return null;
    };
    expect(at("a,b\n1,2\n3\n")).toEqual([3, 2, "expected 2 fields, found 1"]);
    expect(at('a,b\n1,x"y\n')).toEqual([2, 4, "a quote inside an unquoted field"]);
    expect(at('a,b\n1,"open\n')).toEqual([3, 1, "a quoted field is not closed"]);
    expect(at("a,a\n")).toEqual([1, 2, 'the header names "a" twice']);
    expect(at("")).toEqual([1, 1, "the file is empty: a header row is needed"]);
  });
});

describe("CSV export", () => {
  it("neutralises formulas and quotes what needs quoting", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["=SUM(A1)", "plain"],
          ["+1", 'say "hi", then go'],
          ["-2+3", null],
          ["@x", 7],
        ],
      ),
    ).toBe('a,b\r\n\'=SUM(A1),plain\r\n\'+1,"say ""hi"", then go"\r\n\'-2+3,\r\n\'@x,7\r\n');
  });
  it("writes numbers as numbers, negative ones too, whether given as numbers or as plain numeric text", () => {
    expect(toCsv(["n"], [[-5], [-0.25], ["-5"], ["-1.5e3"], [12]])).toBe("n\r\n-5\r\n-0.25\r\n-5\r\n-1.5e3\r\n12\r\n");
  });
  it("guards a formula after any separator a spreadsheet may split on, and quotes the cell", () => {
    expect(toCsv(["a"], [["safe;=1+1"], ["x|@SUM(A1)"], ["a,\t=1"], ["one\n-2+3"], ["b; =HYPERLINK()"]])).toBe(
      'a\r\n"safe;\'=1+1"\r\n"x|\'@SUM(A1)"\r\n"a,\'\t\'=1"\r\n"one\n\'-2+3"\r\n"b; \'=HYPERLINK()"\r\n',
    );
    // Text with separators but no formula is only quoted.
    expect(toCsv(["a"], [["a;b|c"]])).toBe('a\r\n"a;b|c"\r\n');
  });
  it("round-trips through the parser", () => {
    const text = toCsv(["code", "statement"], [["O1", "Line one\nline two, with comma"]]);
    expect(parseCsv(text).rows[0].values).toEqual({ code: "O1", statement: "Line one\nline two, with comma" });
  });
});
