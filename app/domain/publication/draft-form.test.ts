import { describe, expect, it } from "vitest";
import { clean, draftSchema, draftTextFields, draftTexts, resultChoice } from "./draft-form";

describe("the publication draft form", () => {
  it("names a narrative and an alt text field per language, in page order", () => {
    const fields = draftTextFields(["en", "cy"]);
    expect(fields.slice(0, 4)).toEqual(["whatWeAsked_en", "whatWeDid_en", "method_en", "contact_en"]);
    expect(fields[4]).toBe("alt_asked_en");
    expect(fields).toContain("contact_cy");
    expect(fields).toHaveLength(18);
  });

  it("validates the choices and limits the texts", () => {
    const schema = draftSchema(["en"]);
    expect(schema.safeParse({ result: "latest", margins: "none", licence: "OGL-3.0" }).success).toBe(true);
    expect(schema.safeParse({ result: "2:3", margins: "5", licence: "CC0-1.0" }).data?.margins).toBe(5);
    const bad = schema.safeParse({ result: "x", margins: "none", licence: "OGL-3.0", alt_asked_en: "a".repeat(301) });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["result", "alt_asked_en"]);
    expect(bad.error?.issues[1].message).toBe("publication:errors.tooLong");
  });

  it("reads the result choice", () => {
    expect(resultChoice("latest")).toEqual({ roundNumber: null, resultVersion: null });
    expect(resultChoice("2:7")).toEqual({ roundNumber: 2, resultVersion: 7 });
  });

  it("cleans texts of control characters and Windows line ends", () => {
    expect(clean(" a\u0000b\r\nc\u0007 ")).toBe("ab\nc");
    expect(clean(undefined)).toBe("");
    expect(draftTexts({ whatWeAsked_en: " asked ", alt_who_en: "who\r" }, ["en"])).toEqual({
      en: { whatWeAsked: "asked", whatWeDid: "", method: "", contact: "", easyReadAlt: { asked: "", who: "who", said: "", did: "", contact: "" } },
    });
  });
});
