import { describe, expect, it } from "vitest";
import { countThemes, isFaithfulQuote, nextProposalCode } from "./moderation";

describe("quotes stay the participant's words", () => {
  const original = "I had to tell my story five times to different people at Queen's Medical Centre, and nobody talked to each other.";
  it("accepts the whole answer, a shortened one, and bracketed cuts or replacements", () => {
    expect(isFaithfulQuote(original, original)).toBe(true);
    expect(isFaithfulQuote(original, "I had to tell my story five times […] and nobody talked to each other.")).toBe(true);
    expect(isFaithfulQuote(original, "I had to tell my story five times to different people at [the hospital]")).toBe(true);
    expect(isFaithfulQuote(original, "nobody talked to each other")).toBe(true);
  });
  it("refuses added or reordered words, empty quotes and broken brackets", () => {
    expect(isFaithfulQuote(original, "I had to tell my story ten times")).toBe(false);
    expect(isFaithfulQuote(original, "nobody talked to each other and I had to tell my story")).toBe(false);
    expect(isFaithfulQuote(original, "[…]")).toBe(false);
    expect(isFaithfulQuote(original, "I had to tell [my story")).toBe(false);
    expect(isFaithfulQuote(original, "")).toBe(false);
  });
  it("ignores case and punctuation, keeps apostrophes and non-English letters", () => {
    expect(isFaithfulQuote(original, "QUEEN'S MEDICAL CENTRE")).toBe(true);
    expect(isFaithfulQuote("Roedd y gofal yn wych, diolch", "roedd y gofal yn wych")).toBe(true);
    expect(isFaithfulQuote("Opieka była świetna", "opieka była świetna")).toBe(true);
  });
});

describe("codes for accepted proposals", () => {
  it("continue after the highest P-code", () => {
    expect(nextProposalCode([])).toBe("P1");
    expect(nextProposalCode(["O1", "O13", "P1", "P9", "p3"])).toBe("P10");
  });
});

describe("counts per theme and stakeholder group", () => {
  it("counts each answer once per theme it carries", () => {
    const counts = countThemes(
      [1, 2, 3],
      [
        { group: "carer", themeIds: [1, 2] },
        { group: "carer", themeIds: [1, 1] },
        { group: "citizen", themeIds: [2] },
        { group: "citizen", themeIds: [99] },
      ],
    );
    expect(counts.get(1)).toEqual({ total: 2, byGroup: { carer: 2 } });
    expect(counts.get(2)).toEqual({ total: 2, byGroup: { carer: 1, citizen: 1 } });
    expect(counts.get(3)).toEqual({ total: 0, byGroup: {} });
  });
});
