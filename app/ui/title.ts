import type { TFunction } from "i18next";

/** A route's `handle.title` builds its page title from its loader data. */
export interface RouteHandle {
  title?: (t: TFunction, data: unknown) => string;
}

/** "Page – Service", prefixed "Error: " when the page shows form errors. */
export function pageTitle(t: TFunction, page: string | undefined, hasErrors: boolean): string {
  const base = page ? `${page} – ${t("service.name")}` : t("service.name");
  return hasErrors ? `${t("errors.titlePrefix")} ${base}` : base;
}
