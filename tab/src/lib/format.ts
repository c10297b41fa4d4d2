/**
 * Dates, days and counts in the reader's locale. Intl formatters are slow to make, so each
 * (locale, options) pair is made once and kept; an unknown locale or time zone falls back
 * to the browser's own rather than failing.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The one date formatter for `locale` and `options`, made on first use. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(id);
  if (!format) {
    const { timeZone: _zone, ...withoutZone } = options;
    format = firstThatWorks(
      () => new Intl.DateTimeFormat(locale, options),
      () => new Intl.DateTimeFormat(undefined, options),
      // An unknown time zone: the browser's own zone rather than nothing.
      () => new Intl.DateTimeFormat(undefined, withoutZone),
    );
    dateFormats.set(id, format);
  }
  return format;
}

/** The one number formatter for `locale` and `options`, made on first use. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const id = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = firstThatWorks(
      () => new Intl.NumberFormat(locale, options),
      () => new Intl.NumberFormat(undefined, options),
    );
    numberFormats.set(id, format);
  }
  return format;
}

function firstThatWorks<T>(...makers: [() => T, ...(() => T)[]]): T {
  let failure: unknown;
  for (const make of makers) {
    try {
      return make();
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** A calendar date in the user's locale and time zone, e.g. "20 Nov 2026" or "Nov 20, 2026". */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateFormat(locale, { dateStyle: "medium" }).format(date);
}

/** A moment in the user's locale and time zone, e.g. "20 Nov 2026, 14:05". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/**
 * A date with no time of day (YYYY-MM-DD, e.g. a review-by date) in the user's locale.
 * Formatted in UTC so no time zone can move it to the day before.
 */
export function formatCalendarDate(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** The name of an ISO weekday (1 = Monday) in the reader's language. */
export function weekdayName(isoWeekday: number, locale: string): string {
  // 2024-01-01 was a Monday.
  return dateFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

/** Today's date in the reader's own calendar (YYYY-MM-DD). */
export function todayLocal(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `day` ("2026-11-24") plus `days`, as a date again; anything that is not a date comes back as it was. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
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
