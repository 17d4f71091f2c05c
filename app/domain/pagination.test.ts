import { describe, expect, it } from "vitest";
import { pageWindow, paginationItems, type PageItem } from "./pagination";

const show = (items: PageItem[]) => items.map((i) => (i.kind === "ellipsis" ? "…" : i.current ? `[${i.number}]` : String(i.number))).join(" ");

describe("paginationItems", () => {
  it("shows nothing for a single page", () => {
    expect(paginationItems(1, 1)).toEqual([]);
    expect(paginationItems(1, 0)).toEqual([]);
  });
  it("shows every page when there are few", () => {
    expect(show(paginationItems(1, 2))).toBe("[1] 2");
    expect(show(paginationItems(2, 3))).toBe("1 [2] 3");
    expect(show(paginationItems(1, 4))).toBe("[1] 2 3 4");
  });
  it("puts an ellipsis in gaps of two pages or more, never for a single missing page", () => {
    expect(show(paginationItems(1, 10))).toBe("[1] 2 … 10");
    expect(show(paginationItems(5, 10))).toBe("1 … 4 [5] 6 … 10");
    expect(show(paginationItems(4, 10))).toBe("1 2 3 [4] 5 … 10");
    expect(show(paginationItems(10, 10))).toBe("1 … 9 [10]");
    expect(show(paginationItems(8, 10))).toBe("1 … 7 [8] 9 10");
  });
});

describe("pageWindow", () => {
  it("slices items and clamps the page", () => {
    expect(pageWindow(0, 1, 20)).toEqual({ pages: 1, page: 1, start: 0, end: 0 });
    expect(pageWindow(45, 2, 20)).toEqual({ pages: 3, page: 2, start: 20, end: 40 });
    expect(pageWindow(45, 3, 20)).toEqual({ pages: 3, page: 3, start: 40, end: 45 });
    expect(pageWindow(45, 9, 20)).toEqual({ pages: 3, page: 3, start: 40, end: 45 });
  });
});
