import { describe, expect, it } from "vitest";
import { themesByGroup } from "./independence";
import { formatP, groupSentence } from "./group-sentence";

const answers = (group: string, n: number, withTheme: number) => Array.from({ length: n }, (_, i) => ({ group, themes: i < withTheme ? ["a"] : [] }));

describe("groupSentence", () => {
  it("names the group with the highest lift and says the difference is unlikely to be chance", () => {
    const [r] = themesByGroup([...answers("carer", 20, 16), ...answers("citizen", 40, 8)], ["a"]);
    const s = groupSentence(r);
    expect(s).toMatchObject({ key: "more", group: "carer", chance: false });
    if (s.key === "more") expect(s.lift).toBe(2);
  });
  it("says it could be chance when p is not small", () => {
    const [r] = themesByGroup([...answers("carer", 10, 3), ...answers("citizen", 10, 2)], ["a"]);
    expect(groupSentence(r)).toMatchObject({ key: "more", group: "carer", chance: true });
  });
  it("says nothing when no answer carries the theme", () => {
    const [r] = themesByGroup([...answers("carer", 5, 0), ...answers("citizen", 5, 0)], ["a"]);
    expect(groupSentence(r)).toEqual({ key: "none" });
  });
  it("formats p-values", () => {
    expect(formatP(0.0001, "en")).toBe("< 0.001");
    expect(formatP(0.0123, "en")).toBe("0.01");
    expect(formatP(0.0042, "en")).toBe("0.004");
    expect(formatP(0.5, "en")).toBe("0.50");
  });
});
