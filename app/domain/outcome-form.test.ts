import { describe, expect, it } from "vitest";
import { outcomeFormSchema, parseTranslationForm, retireFormSchema } from "./outcome-form";

const E = "outcomeForm.errors.";
const errorsOf = (r: ReturnType<typeof outcomeFormSchema.safeParse>) =>
  r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));

describe("the outcome form", () => {
  it("accepts an outcome in an existing or a new domain, trimming what was typed", () => {
    const r = outcomeFormSchema.safeParse({
      code: " O14 ",
      domain: "3",
      statement: " I can get to my appointments easily ",
      description: "",
      source: "Workshop",
    });
    expect(r.success && r.data).toEqual({
      code: "O14",
      domain: "3",
      newDomain: "",
      statement: "I can get to my appointments easily",
      description: "",
      source: "Workshop",
    });
    expect(outcomeFormSchema.safeParse({ code: "A.1", domain: "new", newDomain: "Access", statement: "x" }).success).toBe(true);
  });

  it("says what is wrong with each field", () => {
    expect(errorsOf(outcomeFormSchema.safeParse({}))).toEqual({ code: `${E}codeRequired`, domain: `${E}domainRequired`, statement: `${E}statementRequired` });
    expect(
      errorsOf(
        outcomeFormSchema.safeParse({
          code: "O 1",
          domain: "new",
          newDomain: "",
          statement: "s".repeat(301),
          description: "d".repeat(2001),
          source: "s".repeat(201),
        }),
      ),
    ).toEqual({
      code: `${E}codeFormat`,
      statement: `${E}statementTooLong`,
      description: `${E}descriptionTooLong`,
      source: `${E}sourceTooLong`,
      newDomain: `${E}newDomainRequired`,
    });
    expect(errorsOf(outcomeFormSchema.safeParse({ code: "NEW", domain: "1", statement: "s" }))).toEqual({ code: `${E}codeReserved` });
    expect(errorsOf(outcomeFormSchema.safeParse({ code: "O1", domain: "1; drop table", statement: "s" }))).toEqual({ domain: `${E}domainRequired` });
  });

  it("needs a reason to retire", () => {
    expect(retireFormSchema.safeParse({ reason: "  " }).success).toBe(false);
    expect(retireFormSchema.safeParse({ reason: "Merged into O3" }).success).toBe(true);
  });
});

describe("the translation form", () => {
  const ids = { outcomes: [7, 8], domains: [2] };

  it("reads statements, descriptions, domain names and the wording; blank clears, unsent leaves alone", () => {
    const r = parseTranslationForm(
      {
        ratingText: " Pa mor bwysig yw “[outcome]”? ",
        ratingHint: "",
        "domain-2": "Gofal",
        "statement-7": "Datganiad",
        "description-7": "",
        "statement-8": "",
      },
      ids,
    );
    expect(r).toEqual({
      ok: true,
      data: {
        wording: { text: "Pa mor bwysig yw “[outcome]”?", hint: "" },
        domains: [{ id: 2, name: "Gofal" }],
        outcomes: [
          { id: 7, statement: "Datganiad", description: "" },
          { id: 8, statement: "", description: "" },
        ],
      },
    });
    expect(parseTranslationForm({}, ids)).toEqual({ ok: true, data: { wording: null, domains: [], outcomes: [] } });
  });

  it("refuses wording without [outcome], a hint or description on its own, repeated fields and text too long, in form order", () => {
    const r = parseTranslationForm(
      { ratingText: "Pa mor bwysig?", "statement-8": "", "description-8": "Disgrifiad", "statement-7": ["a", "b"], "domain-2": "d".repeat(121) },
      ids,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        ratingText: `${E}wordingToken`,
        "domain-2": `${E}domainTooLong`,
        "statement-7": `${E}invalid`,
        "statement-8": `${E}descriptionWithoutStatement`,
      },
    });
    expect(parseTranslationForm({ ratingText: "", ratingHint: "Awgrym" }, ids)).toEqual({ ok: false, errors: { ratingText: `${E}hintWithoutWording` } });
  });
});
