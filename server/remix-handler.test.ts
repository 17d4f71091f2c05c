import { describe, expect, it } from "vitest";
import { withoutNul } from "./remix-handler.js";

describe("withoutNul", () => {
  const form = "application/x-www-form-urlencoded; charset=UTF-8";
  it("drops %00 and raw NUL bytes from url-encoded forms, keeping everything else byte for byte", async () => {
    const body = Buffer.from("a=x%00y&b=%E2%9C%93&c=100%25%2500&d=\u0000z", "latin1");
    const clean = await withoutNul(body, form);
    expect(clean.body.toString("latin1")).toBe("a=xy&b=%E2%9C%93&c=100%25%2500&d=z");
    expect(new URLSearchParams(clean.body.toString()).get("c")).toBe("100%%00");
    expect(clean.contentType).toBe(form);
  });

  it("drops NUL from a multipart body's text fields and keeps its files byte for byte", async () => {
    const sent = new FormData();
    sent.append("reason", "a\u0000b");
    sent.append("file", new File([new Uint8Array([0, 1, 0, 2])], "data.csv", { type: "text/csv" }));
    const request = new Response(sent);
    const contentType = request.headers.get("content-type")!;
    const body = Buffer.from(await request.arrayBuffer());
    const parsed = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    const clean = await withoutNul(body, contentType, parsed);
    const got = await new Response(new Uint8Array(clean.body), { headers: { "Content-Type": clean.contentType! } }).formData();
    expect(got.get("reason")).toBe("ab");
    const file = got.get("file") as File;
    expect(file.name).toBe("data.csv");
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0, 1, 0, 2]);
  });

  it("leaves bodies without NUL, and other media types, exactly as they came", async () => {
    const clean = Buffer.from("a=b");
    expect((await withoutNul(clean, form)).body).toBe(clean);
    const plain = new FormData();
    plain.append("x", "y");
    const r = new Response(plain);
    const ct = r.headers.get("content-type")!;
    const body = Buffer.from(await r.arrayBuffer());
    expect((await withoutNul(body, ct, await new Response(body, { headers: { "Content-Type": ct } }).formData())).body).toBe(body);
    const other = Buffer.from([0x2d, 0x00]);
    expect((await withoutNul(other, "application/json")).body).toBe(other);
  });
});
