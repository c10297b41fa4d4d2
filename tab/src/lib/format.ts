const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the user's locale, e.g. "20 Nov 2026" or "Nov 20, 2026". */
export function formatDate(iso: string, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    dateFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : format.format(date);
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
