import { describe, expect, it } from "vitest";
import type { ExportDocument } from "../domain/outcome-sets";
import { exportFile } from "./outcome-set-export.server";

// jsonChunks reads only the document's own fields: a small one is enough to check the file.
const doc = { format: "outcome-set", formatVersion: "1", watermark: null, outcomes: [{ code: "A1" }, { code: "B2" }] } as unknown as ExportDocument;

async function text(body: ReadableStream): Promise<string> {
  return await new Response(body).text();
}

describe("exportFile", () => {
  it("streams the JSON document with its type and name", async () => {
    const file = exportFile(doc, "care-outcome-set-v1", "json");
    expect(file.contentType).toBe("application/json; charset=utf-8");
    expect(file.filename).toBe("care-outcome-set-v1.json");
    expect(JSON.parse(await text(file.body))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("names each format's file after the version", () => {
    expect(exportFile(doc, "v1-DRAFT", "csv").filename).toBe("v1-DRAFT.csv");
    expect(exportFile(doc, "v1-DRAFT", "csv").contentType).toBe("text/csv; charset=utf-8");
  });
});
