import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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

  it("starts from a base-weight column (raking is invariant to scaling the base weights) and rejects a bad one", () => {
    const panel = readFileSync(`${FIX}/panel_a.csv`, "utf8").trim().split("\n");
    const withBase = panel.map((l, i) => `${l},${i === 0 ? "design_weight" : "2.5"}`).join("\n");
    const r = cli(["weights", "--respondents", "p.csv", "--margins", `${FIX}/margins.csv`, "--base-weight", "design_weight", "--tolerance", "1e-12"], {
      "p.csv": withBase,
    });
    expect(r.code).toBe(0);
    const expected = parseCsv(readFileSync(`${FIX}/panel_a_expected_weights.csv`, "utf8")).rows;
    parseCsv(r.stdout).rows.forEach((x, i) => expect(Math.abs(Number(x.values.weight) / Number(expected[i].values.weight) - 1)).toBeLessThan(1e-9));
    const bad = cli(["weights", "--respondents", "p.csv", "--margins", `${FIX}/margins.csv`, "--base-weight", "design_weight"], {
      "p.csv": withBase.replace(/,2\.5$/m, ",-1"),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: p.csv:2:11: base weight "-1" must be a positive number\n');
  });

  it("trims weights to LOWER,UPPER times the mean (untrimmed range 0.38–4.64)", () => {
    const r = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--trim", "0.4,2.5"]);
    expect(r.code).toBe(0);
    const w = parseCsv(r.stdout).rows.map((x) => Number(x.values.weight));
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    expect(mean).toBeCloseTo(375, 4); // 150000 / 400
    expect(Math.max(...w) / mean).toBeLessThanOrEqual(2.5 + 1e-6);
    expect(Math.min(...w) / mean).toBeGreaterThanOrEqual(0.4 - 1e-6);
    expect(r.stderr).toMatch(/converged=true .* trim_rounds=\d+/);
    expect(cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--trim", "2"]).stderr).toBe(
      "error: --trim must be LOWER,UPPER, e.g. 0.3,3\n",
    );
  });

  it("names file, line and column for bad input and exits 2", () => {
    const bad = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], { "m.csv": "variable,category,target\nage_band,18-44,lots\n" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: m.csv:2:3: target "lots" is not a non-negative number\n');
    expect(bad.stdout).toBe("");
    const unknown = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], { "m.csv": "variable,category,target\nincome,high,5\n" });
    expect(unknown.stderr).toContain('m.csv:2:1: "income" is not one of: respondent_id,');
    const disagree = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", "m.csv"], {
      "m.csv": "variable,category,target\nsex,female,100\nsex,male,100\nage_band,18-44,100\nage_band,45-64,100\nage_band,65+,1000\n",
    });
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toContain("differ by more than 0.1% (totals-disagree)");
    expect(cli(["weights", "--margins", "x"]).stderr).toBe("error: --respondents FILE is required\n");
    expect(cli(["frobnicate"]).code).toBe(2);
  });
});

describe("cli raking errors point at the row and column responsible", () => {
  const M = (body: string) => ({ "m.csv": `variable,category,target\n${body}` });
  const margins = "sex,female,77100\nsex,male,72900\n";
  it("a respondent whose category has no target: the respondents file, their line, the variable's column", () => {
    const r = cli(["weights", "--respondents", "r.csv", "--margins", "m.csv"], { ...M(margins), "r.csv": "respondent_id,sex\nA,female\nB,male\nC,other\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: r.csv:4:2: Respondent 3 is in category "other" of margin sex, which has no target (no-target)\n');
  });
  it("a category with a target but no respondents: the margins file's line and category column", () => {
    const r = cli(["weights", "--respondents", "r.csv", "--margins", "m.csv"], {
      ...M(margins + "sex,other,10\n"),
      "r.csv": "respondent_id,sex\nA,female\nB,male\n",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: m.csv:4:2: Margin sex: category "other" has a target but no respondents (empty-category)\n');
  });
  it("a category given two targets: its second line and the target column", () => {
    const r = cli(["weights", "--respondents", "r.csv", "--margins", "m.csv"], {
      ...M(margins + "sex,male,70000\n"),
      "r.csv": "respondent_id,sex\nA,female\nB,male\n",
    });
    expect(r.stderr).toBe('error: m.csv:4:3: category "male" of sex is given two different targets\n');
  });
  it("in aggregate, the respondent is named by id and round and located in the responses file", () => {
    const r = cli(["aggregate", "--responses", "r.csv", "--margins", "m.csv"], {
      ...M(margins),
      "r.csv": "respondent_id,round,group,sex,O1\nA,1,carer,female,8\nB,1,carer,male,7\nA,2,carer,female,8\nB,2,carer,x,7\n",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: r.csv:5:4: Respondent B (round 2) is in category "x" of margin sex, which has no target (no-target)\n');
  });
  it("non-convergence names the margins file and exits 2", () => {
    const r = cli(["weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--max-iterations", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: test\/fixtures\/reference\/margins\.csv: Raking did not converge in 2 iterations .*\(not-converged\)\n$/);
    expect(r.stdout).toBe("");
  });
});

describe("cli aggregate", () => {
  it("produces JSON that matches the reference items (schema conformance: schema.test.ts)", () => {
    const r = cli(["aggregate", "--responses", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`, "--group-weighting", "pooled"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const expected = parseCsv(readFileSync(`${FIX}/panel_a_expected_items.csv`, "utf8")).rows.map((x) => x.values);
    for (const e of expected) {
      const item = out.items.find((i: { code: string }) => i.code === e.code);
      expect(item.weightedPercentCritical).toBeCloseTo(Number(e.weighted_pct_critical), 5);
      expect(item.weightedMean).toBeCloseTo(Number(e.weighted_mean), 5);
    }
    expect(Object.keys(out.items[0].byGroup).sort()).toEqual(["carer", "citizen", "professional"]);
    const included = out.items.filter((i: { framework: { included: boolean } }) => i.framework.included);
    expect(included.reduce((a: number, i: { framework: { proposedWeight: number } }) => a + Math.round(i.framework.proposedWeight * 100), 0)).toBe(
      included.length ? 10000 : 0,
    );
  });

  it("reads rounds, U and blanks, and rejects a bad rating with its position", () => {
    const csv = "respondent_id,round,group,O1,O2\nA,1,carer,8,U\nB,1,carer,9,\nA,2,carer,7,3\n";
    const r = cli(["aggregate", "--responses", "r.csv", "--rule", "median-iqr"], { "r.csv": csv });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
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
    const ok = spawnSync("npm", ["run", "--silent", "cli", "--", "rank", "--ballots", `${FIX}/schulze_wikipedia_ballots.csv`, "--method", "borda"], {
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).method).toBe("borda");
    const bad = spawnSync("npm", ["run", "--silent", "cli", "--", "rank", "--ballots", "no-such-file.csv", "--method", "borda"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("no-such-file.csv: cannot read the file");
    const weights = spawnSync("npm", ["run", "--silent", "cli", "--", "weights", "--respondents", `${FIX}/panel_a.csv`, "--margins", `${FIX}/margins.csv`], {
      encoding: "utf8",
    });
    expect(weights.status).toBe(0);
    const lines = weights.stdout.trim().split("\n");
    expect(lines[0]).toBe("respondent_id,weight");
    expect(lines).toHaveLength(401);
    const expected = readFileSync(`${FIX}/panel_a_expected_weights.csv`, "utf8").trim().split("\n");
    const [id, w] = lines[1].split(",");
    const [eid, ew] = expected[1].split(",");
    expect(id).toBe(eid);
    expect(Math.abs(Number(w) - Number(ew)) / Number(ew)).toBeLessThan(1e-9);
    expect(weights.stderr).toMatch(/converged=true .*deff=1\.516828 n_eff=263\.7082/);
    const located = spawnSync("npm", ["run", "--silent", "cli", "--", "aggregate", "--responses", `${FIX}/margins.csv`], { encoding: "utf8" });
    expect(located.status).toBe(2);
    expect(located.stderr).toBe(`error: ${FIX}/margins.csv:1:1: the header has no column "respondent_id"\n`);
  });
});
