import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { roundBanner } from "./RoundStatus";

const t = ((key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key)) as unknown as TFunction;
const banner = (query: string) => roundBanner(t, new URLSearchParams(query));

describe("the round page's banner", () => {
  it("says what the officer just did, the first of the redirect's notes", () => {
    expect(banner("status=open")).toBe("round.statusChanged.open");
    expect(banner("status=anything")).toBe("round.statusChanged.closed");
    expect(banner("ratings=4")).toBe('round.ratingsAdded {"n":4}');
    expect(banner("ratings=x")).toBe('round.ratingsAdded {"n":0}');
    expect(banner("settings=1&created=1")).toBe("round.settingsSaved");
    expect(banner("created=1")).toBe("round.created");
  });

  it("is absent when there is nothing to say", () => {
    expect(banner("")).toBeNull();
  });
});
