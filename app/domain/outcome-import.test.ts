import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { domainCode, validateOutcomeImport } from "./outcome-import";

describe("candidate outcome import", () => {
  it("accepts good rows and names every bad row by line and column", () => {
    const csv = [
      "code,domain,statement,description",
      "O1,Joined-up care,I only have to tell my story once,",
      ",Joined-up care,Missing code,",
      "O1,Joined-up care,Duplicate code,",
      "O 3,,,",
      "O4,Care centred on me,I am seen by people who understand my needs,From seed 001",
    ].join("\n");
    const { rows, problems } = validateOutcomeImport(parseCsv(csv));
    expect(rows.map((r) => r.code)).toEqual(["O1", "O4"]);
    expect(problems).toEqual([
      { line: 3, column: 1, key: "codeRequired" },
      { line: 4, column: 1, key: "codeDuplicate", params: { code: "O1", first: 2 } },
      { line: 5, column: 1, key: "codeFormat", params: { code: "O 3" } },
      { line: 5, column: 2, key: "domainRequired" },
      { line: 5, column: 3, key: "statementRequired" },
    ]);
  });

  it("reports missing columns and empty files", () => {
    expect(validateOutcomeImport(parseCsv("code,statement\n")).problems.map((p) => p.params?.column)).toEqual(["domain", "description"]);
    expect(validateOutcomeImport(parseCsv("code,domain,statement,description\n")).problems).toEqual([{ line: 2, column: 1, key: "noRows" }]);
  });

  it("refuses the code kept for the add-an-outcome page", () => {
    expect(validateOutcomeImport(parseCsv("code,domain,statement,description\nnew,Access,I can get there,\n")).problems).toEqual([
      { line: 2, column: 1, key: "codeReserved", params: { code: "new" } },
    ]);
  });

  it("makes domain codes from names", () => {
    expect(domainCode("Joined-up care")).toBe("joined-up-care");
    expect(domainCode("Care centred on me!")).toBe("care-centred-on-me");
    expect(domainCode("***")).toBe("domain");
  });
});
