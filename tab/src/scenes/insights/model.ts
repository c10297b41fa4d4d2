/**
 * What the Insights charts and their tables show, worked out from the API's answer alone:
 * labels in the reader's locale, the numbers as the tables print them, and which values
 * the API held back. Pure, so the page and its tests read the same numbers.
 */
import { type Guarded, type InsightsView, type MonthPoint, SMALL_GROUP_MINIMUM } from "../../../../bot/src/contracts";
import { dateFormat, numberFormat } from "../../lib/format";

export const MONTH_CHOICES = [3, 6, 12] as const;
export type MonthChoice = (typeof MONTH_CHOICES)[number];
export const DEFAULT_MONTHS: MonthChoice = 6;

/** What a table cell says for a value the API held back. */
export const NOT_SHOWN = `Not shown (fewer than ${SMALL_GROUP_MINIMUM} people)`;
/** The note beside any chart with a gap in it. */
export const PRIVACY_NOTE = `Fewer than ${SMALL_GROUP_MINIMUM} people — not shown to protect privacy`;

/** "2026-11" as the first instant of that month in UTC, for a time axis. */
export function monthDate(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** "2026-11" → "Nov 2026" (or the locale's way of writing it). */
export function monthLabel(month: string, locale: string): string {
  return dateFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(monthDate(month));
}

/**
 * A month on a chart's axis, kept short so twelve fit: "Jul", with the year on the first
 * month shown and on every January ("Jun 2026", "Jul" … "Jan 2027").
 */
export function axisMonthLabel(month: string, firstMonth: string, locale: string): string {
  if (month === firstMonth || month.endsWith("-01")) return monthLabel(month, locale);
  return dateFormat(locale, { month: "short", timeZone: "UTC" }).format(monthDate(month));
}

/**
 * The months the API held back, as stretches on a time axis reaching halfway to their
 * neighbours (and no further than the first and last month), to shade the gap.
 */
export function heldBackStretches(points: readonly MonthPoint[]): { startX: Date; endX: Date }[] {
  const stretches: { startX: Date; endX: Date }[] = [];
  const halfway = (a: string, b: string) => new Date((monthDate(a).getTime() + monthDate(b).getTime()) / 2);
  let start = -1;
  points.forEach((p, i) => {
    if (shown(p)) return;
    if (start < 0) start = i;
    const next = points[i + 1];
    if (next && !shown(next)) return;
    const from = points[start - 1] ? halfway(points[start - 1]!.month, points[start]!.month) : monthDate(points[start]!.month);
    const to = next ? halfway(p.month, next.month) : monthDate(p.month);
    stretches.push({ startX: from, endX: to });
    start = -1;
  });
  return stretches;
}

/** A session's day, short: "3 Nov". */
export function dayLabel(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : dateFormat(locale, { day: "numeric", month: "short" }).format(date);
}

export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share 0–1 as a whole percentage: 0.583 → "58%". */
export function formatShare(value: number, locale: string): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** Is there a number to draw? A held-back value is a gap, never a zero. */
export const shown = <G extends Guarded>(g: G): g is G & { value: number } => !g.suppressed && g.value !== null;

/** One cell of a data table: its text, and whether the API held the value back. */
export interface Cell {
  text: string;
  suppressed: boolean;
}

export interface TableRow {
  header: string;
  cells: Cell[];
}

export interface DataTable {
  /** The row header column's title, then one title per value column. */
  columns: [string, ...string[]];
  rows: TableRow[];
}

export const cell = (g: Guarded, format: (value: number) => string): Cell =>
  shown(g) ? { text: format(g.value), suppressed: false } : { text: NOT_SHOWN, suppressed: true };

export const plainCell = (text: string): Cell => ({ text, suppressed: false });

export const anySuppressed = (values: readonly Guarded[]): boolean => values.some((v) => !shown(v));

/**
 * A monthly series for a line chart: the points that can be drawn, and the gaps
 * (indices into those points) where a held-back month sits between two of them, so the
 * line breaks there instead of bridging it.
 */
export function lineSeries(points: readonly MonthPoint[], scale = 1): { data: { x: Date; y: number; month: string }[]; gaps: { startIndex: number; endIndex: number }[] } {
  const data: { x: Date; y: number; month: string }[] = [];
  const gaps: { startIndex: number; endIndex: number }[] = [];
  let missing = false;
  for (const point of points) {
    if (!shown(point)) {
      missing = true;
      continue;
    }
    if (missing && data.length > 0) gaps.push({ startIndex: data.length - 1, endIndex: data.length });
    missing = false;
    data.push({ x: monthDate(point.month), y: point.value * scale, month: point.month });
  }
  return { data, gaps };
}

/** Whole-number ticks for a count axis: d3 would otherwise offer 0.5 people. */
export function countTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  const step = top <= 6 ? 1 : top <= 12 ? 2 : top <= 30 ? 5 : Math.ceil(top / 6 / 10) * 10;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step - 1; t += step) ticks.push(t);
  return ticks;
}

export const PILOT_OUTCOMES = [
  { key: "worked", label: "Worked" },
  { key: "mixed", label: "Mixed" },
  { key: "didNotWork", label: "Didn't work" },
] as const;

export const STAGES = [
  { key: "concept", label: "Concept" },
  { key: "piloting", label: "Piloting" },
  { key: "adopted", label: "Adopted" },
  { key: "habit", label: "Habit" },
] as const;

/** The quarter a month falls in: "2026-11" → "2026-Q4". */
export function quarterOf(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return `${year}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarter of `month` and the `count - 1` before it, newest first. */
export function recentQuarters(month: string, count = 4): string[] {
  const [year, m] = month.split("-").map(Number) as [number, number];
  let q = Math.floor((m - 1) / 3) + 1;
  let y = year;
  const quarters: string[] = [];
  for (let i = 0; i < count; i++) {
    quarters.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return quarters;
}

/** "2026-Q4" → "Oct–Dec 2026" in the reader's locale. */
export function quarterLabel(quarter: string, locale: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3 + 1;
  const month = (m: number) => dateFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
  return `${month(first)}–${month(first + 2)} ${year}`;
}

/** True when the period holds nothing at all to show: a new community, or a quiet stretch. */
export function isEmpty(view: InsightsView): boolean {
  const months = [...view.activeMembers, ...view.checkInRate, ...view.artifactsPerMonth];
  const practices = view.practicesPerStage.some((p) => p.concept + p.piloting + p.adopted + p.habit > 0);
  const pilots = [view.pilotReports.worked, view.pilotReports.mixed, view.pilotReports.didNotWork].some((g) => shown(g) && g.value > 0);
  return (
    months.every((p) => !shown(p) || p.value === 0) &&
    view.attendance.length === 0 &&
    view.crossDepartmentPairs.length === 0 &&
    !practices &&
    !pilots &&
    view.stories.length === 0
  );
}

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;
const SUB_ENTITY = /^artifact:([A-Za-z0-9._:@-]{1,200}):([A-Za-z0-9._@-]{1,200})$/;

/**
 * Where a story's link goes. The server writes a library link as the tab's web address
 * (`?community=…&item=…`) or, in Teams, a deep link naming `artifact:<community>:<item>`;
 * either, for this community, opens the item here in the tab. Another https address is kept.
 */
export function storyTarget(link: string | null, communityId: string): { kind: "item"; id: string } | { kind: "href"; href: string } | undefined {
  const trimmed = link?.trim();
  if (!trimmed) return undefined;
  if (ID.test(trimmed) && !trimmed.includes(":")) return { kind: "item", id: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  const item = url.searchParams.get("item");
  if (item && ID.test(item) && url.searchParams.get("community") === communityId) return { kind: "item", id: item };
  if (url.hostname === "teams.microsoft.com") {
    try {
      const context: unknown = JSON.parse(url.searchParams.get("context") ?? "{}");
      const sub = SUB_ENTITY.exec(String((context as { subEntityId?: unknown }).subEntityId ?? ""));
      if (sub && sub[1] === communityId) return { kind: "item", id: sub[2]! };
    } catch {
      // Not a link we wrote: keep it as it is.
    }
  }
  return url.protocol === "https:" ? { kind: "href", href: url.toString() } : undefined;
}
