import Ajv from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../domain/csv";
import { run } from "./main";

const FIX = "test/fixtures/reference";
const SAMPLE = `${FIX}/themes_sample.csv`;
const CODEBOOK = `${FIX}/themes_codebook.csv`;
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.resolve("docs/schemas/themes-output.schema.json"), "utf8")));

function cli(args: string[], extra: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = run(["themes", ...args], { readFile: (p) => extra[p] ?? readFileSync(p, "utf8"), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const sampleIds = parseCsv(readFileSync(SAMPLE, "utf8")).rows.map((r) => r.values.respondent_id);

describe("cli themes", () => {
  it("with a codebook: the codebook's themes, one assignment per response in input order, valid against the schema", () => {
    const r = cli(["--responses", SAMPLE, "--codebook", CODEBOOK]);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.method.name).toBe("tfidf-nearest-centroid");
    expect(out.themes.map((t: { id: string }) => t.id)).toEqual(parseCsv(readFileSync(CODEBOOK, "utf8")).rows.map((x) => x.values.theme));
    expect(out.assignments.map((a: { respondent_id: string }) => a.respondent_id)).toEqual(sampleIds);
    expect(out.reviewOrder).toHaveLength(sampleIds.length);
    expect(r.stderr).toMatch(/^65 responses, 13 themes \(tfidf-nearest-centroid\), seed 1; \d+ ms\n$/);
  });
  it("confirmed codings come back as the person's with confidence 1 and leave the review queue", () => {
    const codings = "respondent_id,theme\nR0001,money\nR0001,carers\nR0010,coordination\n";
    const out = cli(["--responses", SAMPLE, "--codebook", CODEBOOK, "--codings", "c.csv"], { "c.csv": codings }).json();
    expect(validate(out)).toBe(true);
    expect(out.assignments[0]).toEqual({
      respondent_id: "R0001",
      themes: [
        { id: "money", confidence: 1 },
        { id: "carers", confidence: 1 },
      ],
      source: "person",
    });
    expect(out.reviewOrder).not.toContain("R0001");
    expect(out.reviewOrder).toHaveLength(63);
  });
  it("without a codebook: suggested themes with made-up ids stable for a seed; --k (or --themes) sets their number", () => {
    const a = cli(["--responses", SAMPLE, "--k", "8", "--seed", "5"]);
    expect(a.code).toBe(0);
    const out = a.json();
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.themes).toHaveLength(8);
    expect(out.themes.reduce((s: number, t: { size: number }) => s + t.size, 0)).toBe(65);
    expect(cli(["--responses", SAMPLE, "--themes", "8", "--seed", "5"]).stdout).toBe(a.stdout);
    expect(cli(["--responses", SAMPLE, "--k", "8", "--seed", "6"]).stdout).not.toBe(a.stdout);
  });
  it("reads other column names and UTF-8 text (Welsh)", () => {
    const csv = "id,ateb\nA,Mae angen bws i'r ysbyty\nB,Rwy'n unig iawn\nC,bws yn hwyr eto\nD,unig ers i fy ngŵr farw\n";
    const r = cli(["--responses", "w.csv", "--id", "id", "--text", "ateb", "--language", "cy", "--k", "2"], { "w.csv": csv });
    expect(r.code).toBe(0);
    const out = r.json();
    expect(validate(out)).toBe(true);
    const by = Object.fromEntries(out.assignments.map((x: { respondent_id: string; themes: { id: string }[] }) => [x.respondent_id, x.themes[0].id]));
    expect(by.A).toBe(by.C);
    expect(by.B).toBe(by.D);
    expect(by.A).not.toBe(by.B);
  });
  it("reports bad input as file:line:column with exit 2", () => {
    const cases: [string[], Record<string, string>, string][] = [
      [["--responses", "r.csv"], { "r.csv": "respondent_id,answer\nA,x\n" }, 'error: r.csv:1:1: the header has no column "text"\n'],
      [["--responses", "r.csv"], { "r.csv": "respondent_id,text\nA,x\nA,y\n" }, "error: r.csv:3:1: respondent A appears twice\n"],
      [
        ["--responses", SAMPLE, "--codebook", "cb.csv"],
        { "cb.csv": "theme,label,description\nBad Theme,x,y\n" },
        'error: cb.csv:2:1: theme "Bad Theme" must be lower-case letters, digits and hyphens\n',
      ],
      [
        ["--responses", SAMPLE, "--codebook", CODEBOOK, "--codings", "c.csv"],
        { "c.csv": "respondent_id,theme\nR0001,parking\n" },
        'error: c.csv:2:2: theme "parking" is not in the codebook\n',
      ],
      [
        ["--responses", SAMPLE, "--codebook", CODEBOOK, "--codings", "c.csv"],
        { "c.csv": "respondent_id,theme\nR9999,money\n" },
        `error: c.csv:2:1: respondent R9999 is not in ${SAMPLE}\n`,
      ],
      [["--responses", SAMPLE, "--codings", "c.csv"], {}, "error: --codings needs --codebook\n"],
      [["--responses", SAMPLE, "--k", "0"], {}, "error: --k must be at least 1\n"],
      [["--responses", SAMPLE, "--codebook", CODEBOOK, "--k", "4"], {}, "error: --k sets the number of suggested themes: it cannot be used with --codebook\n"],
      [["--responses", "missing.csv"], {}, "error: missing.csv: cannot read the file\n"],
    ];
    for (const [args, files, message] of cases) {
      const r = cli(args, files);
      expect(r.code, message).toBe(2);
      expect(r.stderr).toBe(message);
      expect(r.stdout).toBe("");
    }
  });
});
