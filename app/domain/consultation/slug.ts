/**
 * Web addresses for consultations: lower-case ASCII letters, digits and single
 * hyphens, at most 60 characters, from the English title; unique by suffix.
 */
export const SLUG_PATTERN = /^[a-z0-9-]{1,80}$/;
const MAX = 60;

export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX)
    .replace(/-+$/g, "");
  return base || "consultation";
}

/** The slug for `title` that `taken` does not hold yet: "title", "title-2", "title-3"… */
export function uniqueSlug(title: string, taken: (slug: string) => boolean): string {
  const base = slugify(title);
  if (!taken(base)) return base;
  for (let k = 2; ; k++) {
    const suffix = `-${k}`;
    const candidate = `${base.slice(0, MAX - suffix.length).replace(/-+$/g, "")}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}
