// The themes engine is pure TypeScript: no Node built-ins, no framework, no database, no i18n.
// Its only outside imports are the two text libraries chosen in decision 0030.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as engine from "./index";

const sources = readdirSync(__dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("themes engine purity", () => {
  it.each(sources)("%s imports only the engine, ../csv and the text libraries", (file) => {
    const text = readFileSync(path.join(__dirname, file), "utf8");
    const imports = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+$|^\.\.\/csv$|^stopword$|^porter2$/);
    expect(text).not.toMatch(/\brequire\(|process\.|Date\.now|Math\.random/);
  });
  it("exports the main entry points from the index", () => {
    for (const name of ["cohenKappa", "krippendorffAlphaNominal", "f1Agreement", "chiSquareTest", "fisherExact", "themesByGroup", "features", "tfidf", "lsa"]) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
