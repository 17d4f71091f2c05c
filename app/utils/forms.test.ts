// The GOV.UK date input's three fields become one yyyy-mm-dd value for the schemas.
import { describe, expect, it } from "vitest";
import { dateField } from "./consultation-form";
import { datePartsValue, parseForm } from "./forms";
import { z } from "zod";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("date input parts", () => {
  it("joins day, month and year into yyyy-mm-dd; blank parts are no date; a plain field is used when there are no parts", () => {
    expect(datePartsValue(form({ "opensAt-day": "4", "opensAt-month": "1", "opensAt-year": "2027" }), "opensAt")).toBe("2027-01-04");
    expect(datePartsValue(form({ "opensAt-day": " 04 ", "opensAt-month": "12", "opensAt-year": "2027" }), "opensAt")).toBe("2027-12-04");
    expect(datePartsValue(form({ "opensAt-day": "", "opensAt-month": "", "opensAt-year": "" }), "opensAt")).toBe("");
    expect(datePartsValue(form({ "opensAt-day": "31", "opensAt-month": "2", "opensAt-year": "27" }), "opensAt")).toBe("27-2-31");
    expect(datePartsValue(form({ opensAt: "2027-01-04" }), "opensAt")).toBeNull();
  });

  it("through a schema: a real date parses, an impossible one is the field's error and its parts come back as typed", () => {
    const schema = z.object({ opensAt: dateField("form.errors.opensAt", false) });
    const ok = parseForm(form({ "opensAt-day": "4", "opensAt-month": "1", "opensAt-year": "2027" }), schema, ["opensAt"]);
    expect(ok).toEqual({ ok: true, data: { opensAt: new Date("2027-01-04T00:00:00Z") } });
    const bad = parseForm(form({ "opensAt-day": "31", "opensAt-month": "2", "opensAt-year": "2027" }), schema, ["opensAt"]);
    expect(bad).toEqual({ ok: false, errors: { opensAt: "form.errors.opensAt" }, values: { opensAt: "2027-02-31" } });
    const partial = parseForm(form({ "opensAt-day": "4", "opensAt-month": "", "opensAt-year": "2027" }), schema, ["opensAt"]);
    expect(partial.ok).toBe(false);
  });
});

describe("the form protocol", () => {
  it("reads the fields from the schema, through refinements and transforms, in the schema's order", async () => {
    const { schemaFields, fail } = await import("./forms");
    const base = z.object({ title: z.string(), count: z.coerce.number(), tags: z.array(z.string()).optional() });
    expect(schemaFields(base)).toEqual(["title", "count", "tags"]);
    expect(schemaFields(base.refine((v) => v.count > 0, { message: "x", path: ["count"] }))).toEqual(["title", "count", "tags"]);
    expect(schemaFields(base.transform((v) => v.title))).toEqual(["title", "count", "tags"]);
    expect(schemaFields(z.string())).toEqual([]);
    const parsed = parseForm(
      form({ title: "Hi", count: "x", extra: "dropped" }),
      base.refine((v) => v.count > 0, { message: "errors.count", path: ["count"] }),
    );
    expect(parsed).toEqual({ ok: false, errors: { count: expect.any(String) }, values: { title: "Hi", count: "x" } });
    const refused = fail({ title: "errors.title" }, { title: "" }, 409, { detail: "d" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ errors: { title: "errors.title" }, values: { title: "" }, detail: "d" });
    expect(fail({ a: "b" }).status).toBe(400);
  });
});

describe("intents", () => {
  it("runs the handler named by the form's intent, and answers 400 for any other", async () => {
    const { runIntent } = await import("./forms");
    const handlers = { save: (_f: FormData, c: { n: number }) => new Response(String(c.n + 1)), remove: async () => new Response("removed") };
    expect(await (await runIntent(form({ intent: "save" }), handlers, { n: 1 })).text()).toBe("2");
    expect(await (await runIntent(form({ intent: "remove" }), handlers, { n: 1 })).text()).toBe("removed");
    for (const bad of [form({ intent: "toString" }), form({ intent: "other" }), form({})]) {
      const thrown = await runIntent(bad, handlers, { n: 1 }).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
    }
  });
});
