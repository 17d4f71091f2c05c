/** Dates in the page's language, day month year, as GOV.UK style asks. Call on the server only:
 * browsers' locale data differ (Chromium has no Welsh month names), which breaks hydration. */
export function formatDate(iso: string, locale: string): string {
  const tag = locale === "cy" ? "cy-GB" : `${locale}-GB`;
  try {
    return new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date(iso));
  }
}
