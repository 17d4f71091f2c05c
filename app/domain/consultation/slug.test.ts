import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugify, uniqueSlug } from "./slug";

describe("slugs", () => {
  it("makes readable ASCII addresses from titles", () => {
    expect(slugify("What matters to you about joined-up health and social care?")).toBe("what-matters-to-you-about-joined-up-health-and-social-care");
    expect(slugify("Gofal iechyd: beth sy'n bwysig?")).toBe("gofal-iechyd-beth-syn-bwysig");
    expect(slugify("Café   à la carte")).toBe("cafe-a-la-carte");
    expect(slugify("<script>alert(1)</script>")).toBe("script-alert-1-script");
    expect(slugify("پیشاب")).toBe("consultation");
    expect(slugify("")).toBe("consultation");
  });
  it("always matches the route pattern, at most 60 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const slug = slugify(s);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(60);
        expect(slug).not.toMatch(/^-|-$|--/);
      }),
    );
  });
  it("adds a number when the address is taken", () => {
    const taken = new Set(["care", "care-2"]);
    expect(uniqueSlug("Care", (s) => taken.has(s))).toBe("care-3");
    const long = "a".repeat(70);
    expect(uniqueSlug(long, (s) => s === "a".repeat(60))).toBe(`${"a".repeat(58)}-2`);
  });
});
