// The engine is pure TypeScript: no Node built-ins, no framework, no database, no i18n.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as engine from "./index";

const sources = readdirSync(__dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("engine purity", () => {
  it.each(sources)("%s imports only the engine and ../csv", (file) => {
    const text = readFileSync(path.join(__dirname, file), "utf8");
    const imports = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+$|^\.\.\/csv$/);
    expect(text).not.toMatch(/\brequire\(|process\.|Date\.now|Math\.random/);
  });
  it("exports the version and the main entry points from the index", () => {
    expect(engine.ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    for (const name of [
      "aggregate",
      "aggregateColumns",
      "rake",
      "RakingError",
      "wilsonInterval",
      "weightedProportion",
      "quantileType7",
      "borda",
      "schulze",
      "bradleyTerry",
      "buildFramework",
      "publishCount",
      "compareRounds",
    ]) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
