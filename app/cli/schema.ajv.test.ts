// Validates real aggregate output with Ajv, a full JSON Schema implementation. Ajv is a declared
// devDependency (package.json); schema.test.ts checks the same without any schema library, so
// this file can be deleted on its own if Ajv is ever dropped.
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./main";

const FIX = "test/fixtures/reference";
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.resolve("docs/schemas/aggregate-output.schema.json"), "utf8")));

function aggregateOut(args: string[], extra: Record<string, string> = {}) {
  let stdout = "";
  const code = run(["aggregate", ...args], { readFile: (p) => extra[p] ?? readFileSync(p, "utf8"), stdout: (t) => (stdout += t), stderr: () => {} });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe("aggregate output against the JSON Schema (Ajv)", () => {
  it("weighted panel A", () => {
    const out = aggregateOut(["--responses", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`]);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });
  it("two rounds with U and blanks", () => {
    const out = aggregateOut(["--responses", "r.csv", "--rule", "median-iqr"], {
      "r.csv": "respondent_id,round,group,O1,O2\nA,1,carer,8,U\nB,1,carer,9,\nA,2,carer,7,3\n",
    });
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });
  it("rejects a broken document", () => {
    const out = aggregateOut(["--responses", `${FIX}/panel_a.csv`]);
    out.items[0].distribution = [1, 2];
    expect(validate(out)).toBe(false);
    const noHistory = aggregateOut(["--responses", `${FIX}/panel_a.csv`]);
    noHistory.framework[0].history = [];
    expect(validate(noHistory)).toBe(false);
  });
});
