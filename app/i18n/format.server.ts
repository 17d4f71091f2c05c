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

/** Date and time (24-hour clock, UK time) in the page's language. Server only, as formatDate. */
export function formatDateTime(iso: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Europe/London",
  };
  try {
    return new Intl.DateTimeFormat(locale === "cy" ? "cy-GB" : `${locale}-GB`, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat("en-GB", options).format(new Date(iso));
  }
}
