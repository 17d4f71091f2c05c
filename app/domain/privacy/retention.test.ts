import { describe, expect, it } from "vitest";
import { checkRetentionDate, isRetentionDue, MAX_RETENTION_DAYS } from "./retention";

const d = (s: string) => new Date(s);

describe("retention", () => {
  it("is due on and after the date, once", () => {
    expect(isRetentionDue({ personalDataRetainUntil: d("2027-01-01"), personalDataDeletedAt: null }, d("2026-12-31T23:59:59Z"))).toBe(false);
    expect(isRetentionDue({ personalDataRetainUntil: d("2027-01-01"), personalDataDeletedAt: null }, d("2027-01-01"))).toBe(true);
    expect(isRetentionDue({ personalDataRetainUntil: d("2027-01-01"), personalDataDeletedAt: d("2027-01-02") }, d("2027-02-01"))).toBe(false);
    expect(isRetentionDue({ personalDataRetainUntil: null, personalDataDeletedAt: null }, d("2099-01-01"))).toBe(false);
  });
  it("must fall after closing and within the limit", () => {
    const now = d("2026-11-25");
    expect(checkRetentionDate(d("2026-12-01"), d("2027-01-01"), now)).toBe("beforeClose");
    expect(checkRetentionDate(d("2027-02-01"), d("2027-01-01"), now)).toBeNull();
    expect(checkRetentionDate(new Date(now.getTime() + (MAX_RETENTION_DAYS + 1) * 86_400_000), null, now)).toBe("tooLate");
  });
});
