/**
 * When a series' sessions happen. The rule is read in "floating" wall-clock form: rrule
 * works on dates whose UTC fields equal the local wall clock, and each wall-clock value is
 * then placed in the series' time zone with luxon. So "Mondays at 09:00" stays 09:00 local
 * across daylight saving changes while the UTC instant moves.
 */
import { IANAZone } from "luxon";
import { RRule, type Options } from "rrule";
import { type LocalDateTime, type SessionSeries } from "../contracts";

export type RecurrenceSpec = Pick<SessionSeries, "rrule" | "startsOn" | "durationMinutes" | "timeZone" | "exceptions">;

export interface Occurrence {
  /** The original local start from the rule; it keys the series' exceptions. */
  key: LocalDateTime;
  /** The actual local start: the key, or where it was moved to (a time in a spring-forward gap reads as the time after it). */
  localStart: LocalDateTime;
  startsAt: Date;
  endsAt: Date;
  skipped: boolean;
  moved: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Wall clocks run at most 14 hours ahead of UTC and 12 behind; a day either side covers both. */
const WINDOW_MARGIN_MS = DAY_MS;
/** rrule stops at the year 9999 on its own; this is "no end" for a search. */
const FAR_FUTURE = new Date(Date.UTC(9999, 11, 31, 23, 59));
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

// ---------------------------------------------------------------------------
// Wall clock and instants

/** The wall clock as a "floating" UTC millisecond count (its UTC fields are the local fields). */
function floatingMs(local: LocalDateTime): number {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) throw new Error(`'${local}' is not a local date and time such as 2026-09-01T09:00.`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(ms);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59)
    throw new Error(`'${local}' is not a real date and time.`);
  return ms;
}

/** A floating date back to its wall-clock text, e.g. 2026-09-01T09:00. */
function floatingToLocal(floating: Date): LocalDateTime {
  return floating.toISOString().slice(0, 16);
}

/** The zone as luxon knows it; an unknown name is a clear error, not a silent UTC. */
function zoneOf(zone: string): IANAZone {
  if (!IANAZone.isValidZone(zone)) throw new Error(`'${zone}' is not a known time zone; use an IANA name such as Europe/Berlin.`);
  return IANAZone.create(zone);
}

/** A wall-clock time in a zone → instant. Times that don't exist (spring-forward gap) move forward by the gap; ambiguous ones (fall-back) take the earlier (first) instant. */
export function localToInstant(local: LocalDateTime, zone: string): Date {
  const tz = zoneOf(zone);
  const wall = floatingMs(local);
  // The offsets in force around this wall clock: before and after any change that day.
  const offsetBefore = tz.offset(wall - DAY_MS);
  const candidates = [...new Set([offsetBefore, tz.offset(wall), tz.offset(wall + DAY_MS)])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => instant + tz.offset(instant) * MINUTE_MS === wall);
  // luxon alone would pick the later instant of an ambiguous time, so choose here.
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: read the wall clock with the offset from before the change, which lands
  // the same distance past the gap as the time was into it (02:30 → 03:30).
  return new Date(wall - offsetBefore * MINUTE_MS);
}

/** The wall clock in a zone at an instant, to the minute, e.g. 2026-09-01T09:00. */
export function instantToLocal(at: Date, zone: string): LocalDateTime {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(ms)) throw new Error("The instant is not a valid date.");
  return floatingToLocal(new Date(ms + zoneOf(zone).offset(ms) * MINUTE_MS));
}

/** Session document id for an occurrence: `ses-<seriesId>-<yyyymmddThhmm of key>`. */
export function sessionIdFor(seriesId: string, key: LocalDateTime): string {
  floatingMs(key);
  return `ses-${seriesId}-${key.replace(/[-:]/g, "")}`;
}

// ---------------------------------------------------------------------------
// Checking a rule

const SUPPORTED_PARTS = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYHOUR", "BYMINUTE"] as const;
const UNSUPPORTED_PARTS: Record<string, string> = {
  BYSECOND: "sessions start on a whole minute, so leave BYSECOND out",
  BYWEEKNO: "BYWEEKNO is not supported; use FREQ=WEEKLY with INTERVAL, or FREQ=MONTHLY with BYDAY",
  BYYEARDAY: "BYYEARDAY is not supported; use BYMONTH with BYMONTHDAY",
  BYEASTER: "BYEASTER is not supported",
  DTSTART: "the first session's date and time is set separately, so leave DTSTART out of the rule",
  TZID: "the series' time zone is set separately, so leave TZID out of the rule",
};
const ALLOWED_FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
const TOO_FREQUENT = ["HOURLY", "MINUTELY", "SECONDLY"];
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const MAX_COUNT = 1000;
const MAX_INTERVAL = 99;
/** The most days each month can have (February counts its leap day). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Parts = Partial<Record<(typeof SUPPORTED_PARTS)[number], string>>;

/** A rule's text as parts, or the sentence saying what is wrong with its shape. */
function splitRule(rrule: string): Parts | string {
  const text = rrule.trim().toUpperCase().replace(/^RRULE:/, "");
  if (text.includes("DTSTART")) return `DTSTART cannot be used here: ${UNSUPPORTED_PARTS.DTSTART}.`;
  if (/[\r\n]/.test(text)) return "The rule must be a single line, e.g. FREQ=WEEKLY;BYDAY=MO.";
  const parts: Parts = {};
  for (const segment of text.split(";").filter((s) => s.length > 0)) {
    const [name = "", value, ...rest] = segment.split("=");
    if (value === undefined || rest.length > 0 || value === "") return `'${segment}' is not a rule part; write parts as NAME=VALUE separated by semicolons, e.g. FREQ=WEEKLY;BYDAY=MO.`;
    if (UNSUPPORTED_PARTS[name]) return `${name} cannot be used here: ${UNSUPPORTED_PARTS[name]}.`;
    if (!(SUPPORTED_PARTS as readonly string[]).includes(name)) return `'${name}' is not a rule part this app understands; use ${SUPPORTED_PARTS.join(", ")}.`;
    const key = name as keyof Parts;
    if (parts[key] !== undefined) return `${name} appears twice; keep one.`;
    parts[key] = value;
  }
  return parts;
}

/** Whole numbers from a comma list, or null when any item is not one. */
function integers(list: string): number[] | null {
  const items = list.split(",");
  return items.every((i) => /^[+-]?\d{1,3}$/.test(i)) ? items.map(Number) : null;
}

/** A comma list of whole numbers each in a range (zero refused when `noZero`), or what to fix. */
function checkIntegerList(name: string, list: string, min: number, max: number, noZero = false): string | null {
  const values = integers(list);
  const range = noZero ? `${min} to -1 or 1 to ${max}` : `${min} to ${max}`;
  if (!values || values.some((v) => v < min || v > max || (noZero && v === 0))) return `${name} must be whole numbers from ${range}, separated by commas.`;
  return null;
}

/** A single whole number in a range, or what to fix. */
function checkSingle(name: string, value: string, min: number, max: number, hint: string): string | null {
  if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max) return `${name} must be a whole number from ${min} to ${max}${hint}.`;
  return null;
}

/** The date and time parts of an UNTIL value, or null when it is not one. */
function parseUntil(value: string): { floating: number; utc: boolean; dateOnly: boolean } | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const ms = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  const back = new Date(ms);
  if (back.getUTCMonth() !== month! - 1 || back.getUTCDate() !== day! || hour > 23 || minute > 59 || second > 59) return null;
  return { floating: ms, utc: m[7] === "Z", dateOnly: m[4] === undefined };
}

/** BYDAY: weekdays, with an ordinal (1TH, -1FR) only where the frequency allows it. */
function checkByDay(list: string, freq: string, hasByMonth: boolean): string | null {
  const maxOrdinal = freq === "MONTHLY" || (freq === "YEARLY" && hasByMonth) ? 5 : freq === "YEARLY" ? 53 : 0;
  for (const item of list.split(",")) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!m) return `BYDAY must be weekdays such as MO,WE or, for monthly rules, 1TH or -1FR; '${item}' is not one.`;
    if (m[1] === undefined) continue;
    const n = Number(m[1]);
    if (maxOrdinal === 0) return `BYDAY=${item}: a numbered weekday only works with FREQ=MONTHLY or FREQ=YEARLY; write ${m[2]} alone.`;
    if (n === 0 || Math.abs(n) > maxOrdinal) return `BYDAY=${item}: the number must be from 1 to ${maxOrdinal} (or -1 to -${maxOrdinal} counting from the end).`;
  }
  return null;
}

/** At least one month in BYMONTH must have one of the BYMONTHDAY days (no 30 February). */
function checkMonthDays(byMonth: string | undefined, byMonthDay: string | undefined): string | null {
  if (!byMonthDay) return null;
  const months = byMonth ? (integers(byMonth) ?? []) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const days = integers(byMonthDay) ?? [];
  const possible = months.some((m) => days.some((d) => Math.abs(d) <= (MONTH_DAYS[m - 1] ?? 0)));
  return possible ? null : `BYMONTHDAY=${byMonthDay} never falls in BYMONTH=${byMonth}: those months are shorter; choose days that exist in them.`;
}

/** The days of a month (1–31) a monthday or a numbered weekday can land on, across month lengths 28 to 31. */
function monthDayRange(value: number, weekday: boolean): [number, number] {
  if (weekday) return value > 0 ? [7 * value - 6, 7 * value] : [29 + 7 * value, 38 + 7 * value];
  return value > 0 ? [value, value] : [29 + value, 32 + value];
}

/** A numbered weekday and a day of the month that can never coincide (the 5th Monday on the 1st). */
function checkOrdinalsMeetMonthDays(parts: Parts): string | null {
  if (!parts.BYDAY || !parts.BYMONTHDAY) return null;
  const ordinals = parts.BYDAY.split(",").map((item) => /^([+-]?\d+)[A-Z]{2}$/.exec(item)?.[1]);
  if (ordinals.some((n) => n === undefined)) return null;
  const meets = ordinals.some((n) =>
    (integers(parts.BYMONTHDAY!) ?? []).some((d) => {
      const [wLo, wHi] = monthDayRange(Number(n), true);
      const [dLo, dHi] = monthDayRange(d, false);
      return Math.max(wLo, dLo) <= Math.min(wHi, dHi);
    }),
  );
  return meets ? null : `BYDAY=${parts.BYDAY} never falls on BYMONTHDAY=${parts.BYMONTHDAY}; keep one of them, or choose days that can meet.`;
}

/** How many dates a single month can offer a MONTHLY rule before BYSETPOS picks one. */
function maxDatesPerMonth(parts: Parts): number {
  const byDayMax = parts.BYDAY ? parts.BYDAY.split(",").reduce((sum, item) => sum + (/^[A-Z]{2}$/.test(item) ? 5 : 1), 0) : Infinity;
  const byMonthDayMax = parts.BYMONTHDAY ? new Set(parts.BYMONTHDAY.split(",")).size : Infinity;
  const max = Math.min(byDayMax, byMonthDayMax);
  return Number.isFinite(max) ? max : 1;
}

/** Combinations that would never (or hardly ever) produce a date, refused before rrule searches for one in vain. */
function checkCombinations(parts: Parts, freq: string, interval: number): string | null {
  const dayFilters = parts.BYDAY || parts.BYMONTH || parts.BYMONTHDAY;
  if (freq === "DAILY" && interval > 1 && dayFilters)
    return "With FREQ=DAILY and INTERVAL above 1, leave out BYDAY, BYMONTH and BYMONTHDAY; for chosen weekdays use FREQ=WEEKLY with BYDAY.";
  if (parts.BYSETPOS && freq !== "MONTHLY" && freq !== "YEARLY") return "BYSETPOS only works with FREQ=MONTHLY or FREQ=YEARLY; remove it.";
  if (parts.BYSETPOS && !parts.BYDAY && !parts.BYMONTHDAY) return "BYSETPOS picks among the days chosen by BYDAY or BYMONTHDAY; add one of them, or remove BYSETPOS.";
  if (freq === "WEEKLY" && parts.BYMONTHDAY) return "BYMONTHDAY does not fit a weekly rule; for days of the month use FREQ=MONTHLY.";
  if (freq === "WEEKLY" && parts.BYMONTH && interval > 4) return "With FREQ=WEEKLY and BYMONTH, INTERVAL can be at most 4, or some chosen months could be missed entirely.";
  if (freq === "MONTHLY" && parts.BYMONTH && interval > 1) return "With FREQ=MONTHLY and INTERVAL above 1, BYMONTH could miss every chosen month; use FREQ=YEARLY with BYMONTH, or drop BYMONTH.";
  if (freq === "MONTHLY" && parts.BYSETPOS) {
    const max = maxDatesPerMonth(parts);
    const beyond = (integers(parts.BYSETPOS) ?? []).find((p) => Math.abs(p) > max);
    if (beyond !== undefined) return `BYSETPOS=${beyond} asks for more days than a month offers here (at most ${max}); choose 1 to ${max} or -1 to -${max}.`;
  }
  if (freq === "MONTHLY" || (freq === "YEARLY" && parts.BYMONTH)) return checkOrdinalsMeetMonthDays(parts) ?? checkMonthDays(parts.BYMONTH, parts.BYMONTHDAY);
  return checkMonthDays(parts.BYMONTH, parts.BYMONTHDAY);
}

/** Checks each part's value on its own, or returns the sentence saying what to fix. */
function checkValues(parts: Parts, freq: string): string | null {
  return (
    (parts.INTERVAL !== undefined ? checkSingle("INTERVAL", parts.INTERVAL, 1, MAX_INTERVAL, " (1 means every time)") : null) ??
    (parts.COUNT !== undefined ? checkSingle("COUNT", parts.COUNT, 1, MAX_COUNT, " (the number of sessions)") : null) ??
    (parts.UNTIL !== undefined && !parseUntil(parts.UNTIL) ? "UNTIL must be a real date such as 20261231 (or a date and time such as 20261231T170000Z)." : null) ??
    (parts.COUNT !== undefined && parts.UNTIL !== undefined ? "Use COUNT or UNTIL, not both: one says how many sessions, the other when they stop." : null) ??
    (parts.WKST !== undefined && !WEEKDAYS.includes(parts.WKST) ? `WKST must be one weekday: ${WEEKDAYS.join(", ")}.` : null) ??
    (parts.BYDAY !== undefined ? checkByDay(parts.BYDAY, freq, parts.BYMONTH !== undefined) : null) ??
    (parts.BYMONTHDAY !== undefined ? checkIntegerList("BYMONTHDAY", parts.BYMONTHDAY, -31, 31, true) : null) ??
    (parts.BYMONTH !== undefined ? checkIntegerList("BYMONTH", parts.BYMONTH, 1, 12) : null) ??
    (parts.BYSETPOS !== undefined ? checkIntegerList("BYSETPOS", parts.BYSETPOS, -366, 366, true) : null) ??
    (parts.BYHOUR !== undefined ? checkSingle("BYHOUR", parts.BYHOUR, 0, 23, "; one hour only, since sessions repeat at most daily") : null) ??
    (parts.BYMINUTE !== undefined ? checkSingle("BYMINUTE", parts.BYMINUTE, 0, 59, "; one minute only, since sessions repeat at most daily") : null)
  );
}

/** The frequency, or what to fix about it. */
function checkFreq(freq: string | undefined): string | null {
  if (freq === undefined) return "Add FREQ to say how often sessions repeat, e.g. FREQ=WEEKLY.";
  if (TOO_FREQUENT.includes(freq)) return `FREQ=${freq} is more often than sessions can repeat; use DAILY, WEEKLY, MONTHLY or YEARLY.`;
  if (!ALLOWED_FREQS.includes(freq)) return `FREQ=${freq} is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY.`;
  return null;
}

/** A probe start for rules with no start yet: a leap year, so 29 February rules can be found. */
const PROBE_START = new Date(Date.UTC(2028, 0, 1, 9, 0));

/** null when the rule is usable, else a sentence saying what to fix (unknown part, DTSTART included, COUNT/UNTIL nonsense, FREQ missing, more often than daily (FREQ=HOURLY etc. refused), etc.). */
export function checkRrule(rrule: string): string | null {
  if (rrule.trim() === "") return "The rule is empty; write one such as FREQ=WEEKLY;BYDAY=MO.";
  const parts = splitRule(rrule);
  if (typeof parts === "string") return parts;
  const freq = parts.FREQ;
  const problem = checkFreq(freq) ?? checkValues(parts, freq!) ?? checkCombinations(parts, freq!, Number(parts.INTERVAL ?? 1));
  if (problem) return problem;
  const probe = new RRule({ ...optionsOf(parts), dtstart: PROBE_START }, true);
  if (!probe.after(PROBE_START, true))
    return "This rule never produces a date: its BYDAY, BYMONTHDAY, BYMONTH and BYSETPOS parts cannot all be true at once.";
  return null;
}

// ---------------------------------------------------------------------------
// Expanding a series

/** rrule's options from checked parts, leaving out UNTIL (read separately, in the series' zone). */
function optionsOf(parts: Parts): Partial<Options> {
  const text = Object.entries(parts)
    .filter(([name]) => name !== "UNTIL")
    .map(([name, value]) => `${name}=${value}`)
    .join(";");
  return RRule.parseString(text);
}

/**
 * UNTIL as a floating wall clock in the series' zone. A date alone includes that whole
 * day; a UTC time (ending in Z) is moved to the zone's wall clock; otherwise it is local.
 */
function floatingUntil(value: string, zone: string): Date {
  const until = parseUntil(value)!;
  if (until.dateOnly) return new Date(until.floating + DAY_MS - 1);
  if (!until.utc) return new Date(until.floating);
  return new Date(floatingMs(instantToLocal(new Date(until.floating), zone)) + (until.floating % MINUTE_MS));
}

/** The series' rule as a floating-time rrule starting at `startsOn`; throws with the fix when the rule is not usable. */
function ruleOf(spec: RecurrenceSpec): RRule {
  zoneOf(spec.timeZone);
  const problem = checkRrule(spec.rrule);
  if (problem) throw new Error(`The series' rule cannot be used: ${problem}`);
  const parts = splitRule(spec.rrule) as Parts;
  const until = parts.UNTIL ? floatingUntil(parts.UNTIL, spec.timeZone) : null;
  return new RRule({ ...optionsOf(parts), dtstart: new Date(floatingMs(spec.startsOn)), until, tzid: null }, true);
}

/** An occurrence of the rule as it really happens: skipped, moved, or as planned. */
function occurrenceAt(spec: RecurrenceSpec, key: LocalDateTime): Occurrence {
  const exception = spec.exceptions[key];
  const skipped = exception?.skipped === true;
  const moved = !skipped && exception?.movedTo !== undefined && exception.movedTo !== key;
  const startsAt = localToInstant(moved ? exception!.movedTo! : key, spec.timeZone);
  // Read back, so a time in a spring-forward gap shows as the wall clock it really starts at.
  const localStart = instantToLocal(startsAt, spec.timeZone);
  return { key, localStart, startsAt, endsAt: new Date(startsAt.getTime() + spec.durationMinutes * MINUTE_MS), skipped, moved };
}

/** True when the key is a date the rule really produces (an exception for any other key is ignored). */
function isRuleDate(rule: RRule, key: LocalDateTime): boolean {
  const at = new Date(floatingMs(key));
  return rule.between(at, at, true).length === 1;
}

/** The moved occurrences of the series: they are found by their new time, not their old one. */
function movedOccurrences(spec: RecurrenceSpec, rule: RRule): Occurrence[] {
  return Object.keys(spec.exceptions)
    .filter((key) => LOCAL_PATTERN.test(key))
    .map((key) => occurrenceAt(spec, key))
    .filter((o) => o.moved && isRuleDate(rule, o.key));
}

/** Earliest actual start first; the key breaks ties so the order is stable. */
function byStart(a: Occurrence, b: Occurrence): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || a.key.localeCompare(b.key);
}

/** A Date argument that is a real instant, or a clear error. */
function instant(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(ms)) throw new Error(`${name} must be a valid date.`);
  return ms;
}

/** Occurrences whose actual start is in [from, to), in order of actual start; skipped ones included with skipped=true. */
export function occurrencesBetween(spec: RecurrenceSpec, from: Date, to: Date): Occurrence[] {
  const start = instant(from, "from");
  const end = instant(to, "to");
  if (start >= end) return [];
  const rule = ruleOf(spec);
  const inWindow = (o: Occurrence) => o.startsAt.getTime() >= start && o.startsAt.getTime() < end;
  const planned = rule
    .between(new Date(start - WINDOW_MARGIN_MS), new Date(end + WINDOW_MARGIN_MS), true)
    .map((floating) => occurrenceAt(spec, floatingToLocal(floating)))
    .filter((o) => !o.moved && inWindow(o));
  return [...planned, ...movedOccurrences(spec, rule).filter(inWindow)].sort(byStart);
}

/** The first `count` occurrences (not skipped) starting at or after `from`. */
export function nextOccurrences(spec: RecurrenceSpec, from: Date, count: number): Occurrence[] {
  const start = instant(from, "from");
  if (!(count > 0)) return [];
  const rule = ruleOf(spec);
  const planned: Occurrence[] = [];
  // Walk the rule forward and stop as soon as enough sessions are found.
  rule.between(new Date(start - WINDOW_MARGIN_MS), FAR_FUTURE, true, (floating) => {
    const o = occurrenceAt(spec, floatingToLocal(floating));
    if (!o.skipped && !o.moved && o.startsAt.getTime() >= start) planned.push(o);
    return planned.length < count;
  });
  const moved = movedOccurrences(spec, rule).filter((o) => o.startsAt.getTime() >= start);
  return [...planned, ...moved].sort(byStart).slice(0, count);
}
