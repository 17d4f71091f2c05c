import Ajv from "ajv";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../domain/csv";
import { run } from "./main";

const FIX = "test/fixtures/reference";
const files: Record<string, string> = {};

function cli(args: string[], extra: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = run(args, {
    readFile: (p) => {
      if (p in extra) return extra[p];
      if (p in files) return files[p];
      return readFileSync(p, "utf8");
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe("cli weights", () => {
  it("prints respondent_id,weight in input order matching R to 1e-9, summary on stderr", () => {
    const r = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--tolerance", "1e-12"]);
    expect(r.code).toBe(0);
    const out = parseCsv(r.stdout).rows.map((x) => x.values);
    const expected = parseCsv(readFileSync(`${FIX}/panel_a_expected_weights.csv`, "utf8")).rows.map((x) => x.values);
    expect(out.map((x) => x.respondent_id)).toEqual(expected.map((x) => x.respondent_id));
    out.forEach((x, i) => {
      expect(x.weight.replace(/^0\.|\./, "").replace(/^0+/, "").length).toBeGreaterThanOrEqual(12);
      expect(Math.abs(Number(x.weight) - Number(expected[i].weight)) / Number(expected[i].weight)).toBeLessThan(1e-9);
    });
    expect(r.stderr).toMatch(/iterations=\d+ converged=true max_margin_error=\S+ deff=1\.516828 n_eff=263\.7082/);
  });

  it("names file, line and column for bad input and exits 2", () => {
    const bad = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], { "m.csv": "variable,category,target\nage_band,18-44,lots\n" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: m.csv:2:3: target "lots" is not a non-negative number\n');
    expect(bad.stdout).toBe("");
    const unknown = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], { "m.csv": "variable,category,target\nincome,high,5\n" });
    expect(unknown.stderr).toContain('m.csv:2:1: "income" is not one of: respondent_id,');
    const disagree = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], { "m.csv": "variable,category,target\nsex,female,100\nsex,male,100\nage_band,18-44,100\nage_band,45-64,100\nage_band,65+,1000\n" });
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toContain("differ by more than 0.1% (totals-disagree)");
    expect(cli(["weights", "--margins", "x"]).stderr).toBe("error: --respondents FILE is required\n");
    expect(cli(["frobnicate"]).code).toBe(2);
  });
});

describe("cli aggregate", () => {
  const schema = JSON.parse(readFileSync(path.resolve("docs/schemas/aggregate-output.schema.json"), "utf8"));
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it("produces JSON that validates against the published schema and matches the reference items", () => {
    const r = cli(["aggregate", "--responses", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--group-weighting", "pooled"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    const expected = parseCsv(readFileSync(`${FIX}/panel_a_expected_items.csv`, "utf8")).rows.map((x) => x.values);
    for (const e of expected) {
      const item = out.items.find((i: { code: string }) => i.code === e.code);
      expect(item.weightedPercentCritical).toBeCloseTo(Number(e.weighted_pct_critical), 5);
      expect(item.weightedMean).toBeCloseTo(Number(e.weighted_mean), 5);
    }
    expect(Object.keys(out.items[0].byGroup).sort()).toEqual(["carer", "citizen", "professional"]);
    const included = out.items.filter((i: { framework: { included: boolean } }) => i.framework.included);
    expect(included.reduce((a: number, i: { framework: { proposedWeight: number } }) => a + Math.round(i.framework.proposedWeight * 100), 0)).toBe(included.length ? 10000 : 0);
  });

  it("reads rounds, U and blanks, and rejects a bad rating with its position", () => {
    const csv = "respondent_id,round,group,O1,O2\nA,1,carer,8,U\nB,1,carer,9,\nA,2,carer,7,3\n";
    const r = cli(["aggregate", "--responses", "r.csv", "--rule", "median-iqr"], { "r.csv": csv });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validate(out)).toBe(true);
    const o2r1 = out.items.find((i: { code: string; round: number }) => i.code === "O2" && i.round === 1);
    expect(o2r1.n).toBe(1);
    expect(o2r1.nUnable).toBe(1);
    expect(o2r1.percentCritical).toBeNull();
    const bad = cli(["aggregate", "--responses", "r.csv"], { "r.csv": "respondent_id,group,O1\nA,carer,10\n" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: r.csv:2:3: "10" is not a rating: use 1 to 9, U (unable to score) or leave it empty\n');
    expect(cli(["aggregate", "--responses", "r.csv", "--rule", "vibes"], { "r.csv": csv }).stderr).toContain("--rule must be comet, median-iqr or rand-ucla");
  });
});

describe("cli rank and pairwise", () => {
  it("borda and schulze on the reference ballots", () => {
    files["t.csv"] = readFileSync(`${FIX}/tennessee_ballots.csv`, "utf8").replace("percent_of_voters", "count");
    const b = JSON.parse(cli(["rank", "--ballots", "t.csv", "--method", "borda"]).stdout);
    expect(b.ranking.map((x: { points: number }) => x.points)).toEqual([194, 173, 126, 107]);
    const s = JSON.parse(cli(["rank", "--ballots", `${FIX}/schulze_wikipedia_ballots.csv`, "--method", "schulze"]).stdout);
    expect(s.ranking.map((x: { item: string }) => x.item).join(">")).toBe("E>A>C>B>D");
  });

  it("pairwise Bradley–Terry", () => {
    const r = cli(["pairwise", "--wins", "w.csv"], { "w.csv": "winner,loser,wins\nA,B,3\nB,A,1\n" });
    expect(JSON.parse(r.stdout).strengths.A).toBeCloseTo(Math.sqrt(3), 8);
  });

  it("runs as a real process through npm with exit codes 0 and 2", () => {
    const ok = spawnSync("npm", ["run", "--silent", "cli", "--", "rank", "--ballots", `${FIX}/schulze_wikipedia_ballots.csv`, "--method", "borda"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).method).toBe("borda");
    const bad = spawnSync("npm", ["run", "--silent", "cli", "--", "rank", "--ballots", "no-such-file.csv", "--method", "borda"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("no-such-file.csv: cannot read the file");
  });
});
