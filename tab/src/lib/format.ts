const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${key}`;
  let format = formats.get(id);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat(undefined, options);
    }
    formats.set(id, format);
  }
  return format;
}

/** A calendar date in the user's locale and time zone, e.g. "20 Nov 2026" or "Nov 20, 2026". */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : formatter(locale, "date", { dateStyle: "medium" }).format(date);
}

/** A moment in the user's locale and time zone, e.g. "20 Nov 2026, 14:05". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : formatter(locale, "datetime", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/**
 * A date with no time of day (YYYY-MM-DD, e.g. a review-by date) in the user's locale.
 * Formatted in UTC so no time zone can move it to the day before.
 */
export function formatCalendarDate(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : formatter(locale, "day", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** "psychological-safety" → "Psychological safety", for slugs we have no label for. */
export function humanizeSlug(slug: string): string {
  const words = slug.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 item", "12 items". */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
