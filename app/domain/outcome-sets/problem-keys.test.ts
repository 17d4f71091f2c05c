import { describe, expect, it } from "vitest";
import { problemKeys } from "./rules";

describe("problemKeys", () => {
  it("names each field's problem as its key under errors.", () => {
    expect(problemKeys({ total: "weightTotal", "weight-A1": "weight" })).toEqual({ total: "errors.weightTotal", "weight-A1": "errors.weight" });
  });
  it("keeps an empty set empty", () => {
    expect(problemKeys({})).toEqual({});
  });
});
