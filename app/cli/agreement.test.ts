import Ajv from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./main";

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.resolve("docs/schemas/agreement-output.schema.json"), "utf8")));

function cli(args: string[], files: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const code = run(["agreement", ...args], {
    readFile: (p) => {
      if (p in files) return files[p];
      throw new Error("no such file");
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const csv = (rows: string[][]) => ["respondent_id,coder,theme", ...rows.map((r) => r.join(","))].join("\n") + "\n";

describe("cli agreement", () => {
  it("Krippendorff (2011) §C as codings: 4 coders, missing codings, α = 0.743; no kappa with 4 coders", () => {
    const obs: Record<string, (number | null)[]> = {
      A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    };
    const rows = Object.entries(obs).flatMap(([coder, v]) => v.flatMap((x, u) => (x === null ? [] : [[`u${u + 1}`, coder, `v${x}`]])));
    const r = cli(["--codings", "c.csv"], { "c.csv": csv(rows) });
    expect(r.code).toBe(0);
    const out = r.json();
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.alpha).toBeCloseTo(0.743, 3);
    expect(out.kappa).toBeNull();
    expect(out.f1).toBeNull();
    expect(out.units).toBe(12);
    expect(r.stderr).toBe("12 units, 4 coders, alpha=0.743\n");
  });
  it("Cohen's example (methods §7) as a person and the machine: κ = 0.40, and the machine's F1 per theme", () => {
    const rows: string[][] = [];
    const add = (n: number, a: string, b: string) => {
      for (let i = 0; i < n; i++) {
        const id = `p${rows.length / 2 + 1}`;
        rows.push([id, "reader", a], [id, "machine", b]);
      }
    };
    add(20, "yes", "yes");
    add(15, "no", "no");
    add(5, "yes", "no");
    add(10, "no", "yes");
    const out = cli(["--codings", "c.csv", "--seed", "3"], { "c.csv": csv(rows) }).json();
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.kappa).toBeCloseTo(0.4, 12);
    const f = out.f1.reader;
    expect(f.units).toBe(50);
    // yes: tp 20, machine-only 10 (fp), reader-only 5 (fn) → F1 40/55; no: tp 15, fp 5, fn 10 → 30/45.
    expect(f.byTheme.find((t: { theme: string }) => t.theme === "yes").f1).toBeCloseTo(40 / 55, 12);
    expect(f.byTheme.find((t: { theme: string }) => t.theme === "no").f1).toBeCloseTo(30 / 45, 12);
    expect(f.macro).toBeCloseTo((40 / 55 + 30 / 45) / 2, 12);
    expect(f.ci95[0]).toBeLessThan(f.macro);
    expect(f.ci95[1]).toBeGreaterThan(f.macro);
    expect(out.method.parameters).toEqual({ seed: 3, resamples: 1000 });
  });
  it("reports bad input as file:line:column with exit 2", () => {
    expect(cli(["--codings", "c.csv"], { "c.csv": "respondent_id,theme\nA,x\n" }).stderr).toBe('error: c.csv:1:1: the header has no column "coder"\n');
    const r = cli(["--codings", "c.csv"], { "c.csv": "respondent_id,coder,theme\nA,,x\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: c.csv:2:2: the coder is empty\n");
    expect(cli([], {}).stderr).toBe("error: --codings FILE is required\n");
  });
});
