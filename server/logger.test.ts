import { describe, expect, it } from "vitest";
import { loggablePath, requestIdOf } from "./logger.js";

describe("what a request log line may say", () => {
  it("drops the query string and fragment", () => {
    expect(loggablePath("/s/joined-up-care/q/3?lng=cy#main")).toBe("/s/joined-up-care/q/3");
  });
  it("replaces the secret of invitation and joining links, and any long token-like segment", () => {
    expect(loggablePath("/invite/abc")).toBe("/invite/:secret");
    expect(loggablePath("/join/Zx9-short/extra")).toBe("/join/:secret/extra");
    expect(loggablePath("/summaries/x/images/0123456789abcdefghijKLMNOP")).toBe("/summaries/x/images/:secret");
    expect(loggablePath("/consultations/joined-up-care/framework/2/trace/O1")).toBe("/consultations/joined-up-care/framework/2/trace/O1");
  });
  it("keeps a proxy's plain request id only behind a trusted proxy", () => {
    expect(requestIdOf("lb-1234.abc", true)).toBe("lb-1234.abc");
    expect(requestIdOf("lb-1234.abc", false)).not.toBe("lb-1234.abc");
    expect(requestIdOf('bad"id\n{', true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf("x".repeat(65), true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
