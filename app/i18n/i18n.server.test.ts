import { describe, expect, it } from "vitest";
import { serverI18n } from "./i18n.server";

describe("serverI18n", () => {
  it("gives each request its own instance in its own language", () => {
    const welsh = serverI18n("cy");
    const urdu = serverI18n("ur");
    const english = serverI18n("en");
    expect(new Set([welsh, urdu, english]).size).toBe(3);
    expect(serverI18n("cy")).not.toBe(welsh);
    expect(welsh.language).toBe("cy");
    expect(urdu.language).toBe("ur");
    expect(welsh.t("common.back")).not.toBe(english.t("common.back"));
    expect(urdu.dir()).toBe("rtl");
  });

  it("a language change in one request's instance leaves every other instance alone", async () => {
    const a = serverI18n("cy");
    const b = serverI18n("cy");
    const back = b.t("common.back");
    await a.changeLanguage("pl");
    expect(a.language).toBe("pl");
    expect(b.language).toBe("cy");
    expect(b.t("common.back")).toBe(back);
    expect(serverI18n("cy").language).toBe("cy");
  });

  it("falls back to English for staff text missing in Polish, as before", () => {
    const pl = serverI18n("pl");
    const en = serverI18n("en");
    expect(pl.t("officer:actions.save")).toBe(en.t("officer:actions.save"));
    expect(en.t("officer:actions.save")).not.toBe("actions.save");
  });
});
