import { describe, expect, it } from "vitest";
import { detectLocale, serverI18n } from "./i18n.server";
import { previewLocaleCookie, previewSlugOf } from "./preview-path";

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

describe("detectLocale and the staff preview's own language", () => {
  const req = (path: string, cookie = "", accept = "") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie, "Accept-Language": accept } });

  it("uses the preview's cookie only inside that preview; everywhere else the officer's own lng cookie", () => {
    const cookies = "lng=en; preview_lng=cy";
    expect(detectLocale(req("/s/joined-up-care/preview", cookies))).toBe("cy");
    expect(detectLocale(req("/s/joined-up-care/preview/q/3", cookies))).toBe("cy");
    expect(detectLocale(req("/dashboard", cookies))).toBe("en");
    expect(detectLocale(req("/consultations/joined-up-care/rounds/1", cookies))).toBe("en");
    expect(detectLocale(req("/s/joined-up-care", cookies))).toBe("en");
    expect(detectLocale(req("/s/joined-up-care/previewer", cookies))).toBe("en");
  });

  it("still lets ?lng win, ignores an unknown preview language, and falls back to Accept-Language", () => {
    expect(detectLocale(req("/s/x/preview?lng=pl", "preview_lng=cy"))).toBe("pl");
    expect(detectLocale(req("/s/x/preview", "preview_lng=xx; lng=ur"))).toBe("ur");
    expect(detectLocale(req("/s/x/preview", "", "cy-GB,en;q=0.5"))).toBe("cy");
  });

  it("scopes the preview cookie to the preview's path, for six hours, HttpOnly", () => {
    expect(previewSlugOf("/s/joined-up-care/preview/check")).toBe("joined-up-care");
    expect(previewSlugOf("/consultations/joined-up-care")).toBeNull();
    expect(previewLocaleCookie("joined-up-care", "cy", true)).toBe(
      "preview_lng=cy; Path=/s/joined-up-care/preview; Max-Age=21600; SameSite=Lax; HttpOnly; Secure",
    );
  });
});
