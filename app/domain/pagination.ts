/**
 * Which page links a GOV.UK pagination block shows: the first and last pages, the current
 * page and its neighbours, and an ellipsis for each gap of more than one page (a gap of
 * exactly one page shows that page instead). Pure, so it is unit-tested on its own.
 */
export type PageItem = { kind: "page"; number: number; current: boolean } | { kind: "ellipsis" };

export function paginationItems(current: number, total: number): PageItem[] {
  if (total <= 1) return [];
  const wanted = new Set([1, total, current - 1, current, current + 1].filter((n) => n >= 1 && n <= total));
  const pages = [...wanted].sort((a, b) => a - b);
  const items: PageItem[] = [];
  pages.forEach((n, i) => {
    const previous = pages[i - 1];
    if (previous !== undefined && n - previous === 2) items.push({ kind: "page", number: n - 1, current: false });
    else if (previous !== undefined && n - previous > 2) items.push({ kind: "ellipsis" });
    items.push({ kind: "page", number: n, current: n === current });
  });
  return items;
}

/** The page count and the slice of `count` items on `page` (1-based), page clamped to the range. */
export function pageWindow(count: number, page: number, perPage: number): { pages: number; page: number; start: number; end: number } {
  const pages = Math.max(1, Math.ceil(count / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * perPage;
  return { pages, page: current, start, end: Math.min(count, start + perPage) };
}
