import { describe, expect, it } from "vitest";
import { canonicalPath, respond } from "./published-pages.server";
import { makeEntry } from "./published-cache.server";

describe("public summary pages", () => {
  it("name one canonical address per version and form", () => {
    expect(canonicalPath("care", undefined, "page")).toBe("/summaries/care");
    expect(canonicalPath("care", 2, "easy-read")).toBe("/summaries/care/v/2/easy-read");
    expect(canonicalPath("care", undefined, "csv")).toBe("/summaries/care/data.csv");
    expect(canonicalPath("care", 3, "json")).toBe("/summaries/care/v/3/data.json");
  });

  it("answer with the gzip body when accepted, and 304 for a matching tag of either encoding", async () => {
    const entry = makeEntry("x".repeat(2000), { "Content-Type": "text/html; charset=utf-8" });
    const plain = respond(new Request("http://x/summaries/care"), entry);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("ETag")).toBe(entry.etag);
    expect(await plain.text()).toBe("x".repeat(2000));
    const gzip = respond(new Request("http://x/summaries/care", { headers: { "Accept-Encoding": "gzip, br" } }), entry);
    expect(gzip.headers.get("Content-Encoding")).toBe("gzip");
    expect(gzip.headers.get("ETag")).toBe(`${entry.etag.slice(0, -1)}-gzip"`);
    const again = respond(new Request("http://x/summaries/care", { headers: { "If-None-Match": gzip.headers.get("ETag")! } }), entry);
    expect(again.status).toBe(304);
  });
});
