import { describeLeadTime, formatSessionTime } from "../../domain/reminders";

/**
 * How a card shows a time. In a channel or group chat every reader has their own zone, so
 * the card carries Adaptive Card `{{DATE()}}`/`{{TIME()}}` functions that Teams renders on
 * each reader's device. In a personal chat the bot knows the reader: the time is written
 * out in their zone, with the zone named.
 */
export type TimeDisplay = { zone: string } | "device";

/** Personal cards name the reader's zone; without one, the device renders the time. */
export const timeDisplayFor = (zone: string | null | undefined): TimeDisplay => (zone ? { zone } : "device");

/**
 * The instant as the text functions require it: `yyyy-MM-ddTHH:mm:ssZ`, no fractional
 * seconds (a malformed argument is shown raw instead of being localised).
 */
export function cardInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "Tue, Nov 24th, 2026 at 9:00 AM" on each reader's device, or "Tue 24 Nov, 10:00 CET" in a named zone. */
export function whenText(startsAt: string, display: TimeDisplay): string {
  if (display === "device") {
    const at = cardInstant(startsAt);
    return `{{DATE(${at}, SHORT)}} at {{TIME(${at})}}`;
  }
  return formatSessionTime(new Date(startsAt), display.zone);
}

/** Plain text for fallbackText and notifications, where the text functions do not run: the session's own zone. */
export function plainWhen(startsAt: string, zone: string): string {
  return formatSessionTime(new Date(startsAt), zone);
}

/** "in 15 minutes", "tomorrow"… as the domain says it. */
export const leadTime = (minutes: number): string => describeLeadTime(minutes);

/** "Mon 30 Nov 2026" for a due date (a calendar date, no zone involved). */
export function dueDateText(isoDate: string): string {
  const at = new Date(`${isoDate}T12:00:00Z`);
  if (!Number.isFinite(at.getTime())) return isoDate;
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(at);
}
