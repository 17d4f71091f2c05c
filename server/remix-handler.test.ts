import { describe, expect, it } from "vitest";
import { withoutNul } from "./remix-handler.js";

describe("withoutNul", () => {
  const form = "application/x-www-form-urlencoded; charset=UTF-8";
  it("drops %00 and raw NUL bytes from url-encoded forms, keeping everything else byte for byte", () => {
    const body = Buffer.from("a=x%00y&b=%E2%9C%93&c=100%25%2500&d=\u0000z", "latin1");
    expect(withoutNul(body, form).toString("latin1")).toBe("a=xy&b=%E2%9C%93&c=100%25%2500&d=z");
    expect(new URLSearchParams(withoutNul(body, form).toString()).get("c")).toBe("100%%00");
  });
  it("leaves other bodies alone (multipart carries files)", () => {
    const body = Buffer.from([0x2d, 0x00, 0x25, 0x30, 0x30]);
    expect(withoutNul(body, "multipart/form-data; boundary=x")).toBe(body);
    const clean = Buffer.from("a=b");
    expect(withoutNul(clean, form)).toBe(clean);
  });
});
