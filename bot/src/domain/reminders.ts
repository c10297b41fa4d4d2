/**
 * When reminders go out and how times read in them. Offsets are elapsed time, so a
 * 24-hour reminder is 24 real hours before the start even across a clock change.
 */
import { DateTime } from "luxon";
import { localToInstant } from "./recurrence";

const MINUTE_MS = 60_000;

export interface ReminderTime {
  offsetMinutes: number;
  at: Date;
}

/** One per offset, at start − offset; sorted earliest first. */
export function reminderInstants(startsAt: Date, offsetsMinutes: number[]): ReminderTime[] {
  const start = startsAt.getTime();
  if (Number.isNaN(start)) throw new Error("The session start is not a valid date.");
  return [...new Set(offsetsMinutes)]
    .filter((offset) => Number.isFinite(offset) && offset >= 0)
    .map((offsetMinutes) => ({ offsetMinutes, at: new Date(start - offsetMinutes * MINUTE_MS) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** "HH:mm", overnight when start > end; start === end means none. */
export interface QuietHours {
  start: string;
  end: string;
}

/** Minutes since midnight of an "HH:mm" time, or an error saying what a time should look like. */
function minutesOfDay(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`'${time}' is not a time of day such as 08:30.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** When a personal message due at `at` may go out to someone with these quiet hours in `zone`: `at` itself if outside quiet hours; else the end of the quiet hours; null if that end is at or after `latest` (e.g. the session start — don't wake them for it, drop it). */
export function personalDeliveryTime(at: Date, zone: string, quiet: QuietHours, latest?: Date): Date | null {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return at;
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new Error(`Cannot read ${at.toString()} in the time zone '${zone}'.`);
  const now = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / MINUTE_MS;
  const overnight = start > end;
  const quietNow = overnight ? now >= start || now < end : now >= start && now < end;
  if (!quietNow) return at;
  // Quiet hours end later today, or tomorrow when they started this evening.
  const endDay = now < end ? local : local.plus({ days: 1 });
  const resume = localToInstant(`${endDay.toISODate()}T${quiet.end}`, zone);
  return latest && resume.getTime() >= latest.getTime() ? null : resume;
}

/** The calendar date at an instant in a zone, e.g. "2026-11-20". */
function localDateOf(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new Error(`Cannot read ${at.toString()} in the time zone '${zone}'.`);
  return local.toISODate()!;
}

/** True when the member is away on the local date of `at` in their zone (awayUntil inclusive). */
export function isAway(awayUntil: string | undefined, at: Date, zone: string): boolean {
  return awayUntil !== undefined && awayUntil !== "" && localDateOf(at, zone) <= awayUntil;
}

/**
 * When a personal card due at `at` may reach someone who set themselves away until
 * `awayUntil` (inclusive, a date in their zone): `at` itself when they are not away then,
 * else `time` ("HH:mm") in their zone on the day they are back. Quiet hours apply after
 * this (`personalDeliveryTime`).
 */
export function backFromAway(awayUntil: string | undefined, at: Date, zone: string, time: string): Date {
  if (!awayUntil || !isAway(awayUntil, at, zone)) return at;
  const back = DateTime.fromISO(awayUntil, { zone }).plus({ days: 1 });
  if (!back.isValid) throw new Error(`'${awayUntil}' is not a date such as 2026-11-20.`);
  return localToInstant(`${back.toISODate()}T${time}`, zone);
}

/**
 * The short name of the zone at that moment. British English names European zones
 * (GMT, BST, CET) but writes "GMT-4" for New York, where American English says "EDT";
 * so take the first locale that gives a name, else the offset form.
 */
function zoneAbbreviation(local: DateTime): string {
  const names = ["en-GB", "en-US"].map((locale) => local.setLocale(locale).toFormat("ZZZZ"));
  return names.find((n) => !/^GMT[+-]/.test(n)) ?? names[0]!;
}

/** e.g. "Tue 24 Nov, 09:00 GMT" in that zone (luxon, en-GB style, short zone name). */
export function formatSessionTime(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new Error(`Cannot read ${at.toString()} in the time zone '${zone}'.`);
  // en-US month names: recent British English data writes "Sept", everything else "Sep".
  return `${local.setLocale("en-US").toFormat("ccc d LLL, HH:mm")} ${zoneAbbreviation(local)}`;
}

/** "1 hour", "2 hours": a count with its unit, singular for one. */
function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "a", "a and b", "a, b and c". */
function joinWithAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** How far ahead a reminder is, in words: 15 → "in 15 minutes", 60 → "in 1 hour", 1440 → "tomorrow", 2880 → "in 2 days". */
export function describeLeadTime(minutes: number): string {
  const total = Math.round(minutes);
  if (!(total > 0)) return "now";
  if (total === 1440) return "tomorrow";
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const units = [days && plural(days, "day"), hours && plural(hours, "hour"), mins && plural(mins, "minute")].filter((u): u is string => Boolean(u));
  return `in ${joinWithAnd(units)}`;
}
