import { describe, expect, it } from "vitest";
import { codingChoice, NONE } from "./coding-choice";

describe("codingChoice", () => {
  it("gives the answer and the ticked themes as numbers", () => {
    expect(codingChoice("12", ["3", "5"])).toEqual({ ok: true, value: { answerId: 12, themeIds: [3, 5] } });
  });
  it("accepts 'none' alone as no themes", () => {
    expect(codingChoice("12", [NONE])).toEqual({ ok: true, value: { answerId: 12, themeIds: [] } });
  });
  it("refuses nothing ticked, and 'none' ticked with themes", () => {
    expect(codingChoice("12", [])).toEqual({ ok: false, reason: "choose" });
    expect(codingChoice("12", [NONE, "3"])).toEqual({ ok: false, reason: "noneAndThemes" });
  });
  it("calls ids that are not ids a bad request", () => {
    expect(codingChoice("x", ["3"])).toEqual({ ok: false, reason: "bad-request" });
    expect(codingChoice(null, ["3"])).toEqual({ ok: false, reason: "bad-request" });
    expect(codingChoice("12", ["3", "-1"])).toEqual({ ok: false, reason: "bad-request" });
    expect(codingChoice("12", ["0"])).toEqual({ ok: false, reason: "bad-request" });
  });
});
