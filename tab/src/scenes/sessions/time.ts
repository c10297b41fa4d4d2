/**
 * Times for the Sessions scene. Every time is shown in the reader's own zone (the server
 * says which) and names that zone, because members sit in several. Moving a session is
 * the exception: its new start is typed in the session's zone, as the server stores it.
 */
import { dateFormat } from "../../lib/format";

/** The formatter for `options` in `timeZone` (the shared cache; an unknown zone falls back to the browser's). */
const formatter = (locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) => dateFormat(locale, { ...options, timeZone });

const WHEN: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
const DAY: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };

const valid = (iso: string): Date | undefined => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** "Tue, 24 Nov 2026, 09:00 GMT": a moment in `timeZone`, the zone's short name included. */
export function formatWhen(iso: string, locale: string, timeZone: string): string {
  const date = valid(iso);
  return date ? formatter(locale, timeZone, WHEN).format(date) : "";
}

/** "Tue, 24 Nov 2026, 09:00 – 09:30 GMT": a session's start and end in `timeZone`. */
export function formatSpan(startIso: string, endIso: string, locale: string, timeZone: string): string {
  const start = valid(startIso);
  const end = valid(endIso);
  if (!start) return "";
  if (!end || end < start) return formatWhen(startIso, locale, timeZone);
  return formatter(locale, timeZone, WHEN).formatRange(start, end);
}

/** "Tue, 24 Nov 2026": the day a moment falls on in `timeZone`. */
export function formatDay(iso: string, locale: string, timeZone: string): string {
  const date = valid(iso);
  return date ? formatter(locale, timeZone, DAY).format(date) : "";
}

/** "Europe/London (GMT)": the zone's id, which people recognise, and its current short name. */
export function zoneLabel(timeZone: string, locale: string, at: Date = new Date()): string {
  const short = formatter(locale, timeZone, { timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
}

function wallClock(date: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = formatter("en-US", timeZone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") % 24, minute: part("minute") };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The wall-clock time of `iso` in `timeZone` as "2026-11-24T09:00", what a datetime-local input holds. */
export function localInZone(iso: string, timeZone: string): string {
  const date = valid(iso);
  if (!date) return "";
  const w = wallClock(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today's date in `timeZone`, "2026-11-24". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localInZone(now.toISOString(), timeZone).slice(0, 10);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time ("2026-11-24T09:00") in `timeZone` names, to preview a move
 * in the reader's zone. In a daylight-saving gap it lands an hour later, as clocks do.
 */
export function instantOfLocal(local: string, timeZone: string): Date | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - t;
  };
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return Number.isNaN(guess) ? undefined : new Date(guess);
}
