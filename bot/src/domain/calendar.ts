/** A session as an iCalendar (.ics) file, so members can put it in their own calendar. */
import { createEvent, type EventAttributes } from "ics";
import { type Session } from "../contracts";

const DEFAULT_PRODUCT_ID = "-//Practice Circles//Sessions//EN";

/** The calendar entry's body: why, who leads, the agenda, and how to join. */
function descriptionOf(session: CalendarSession, communityName: string, facilitatorName: string | undefined): string {
  const lines = [session.status === "skipped" ? `This ${communityName} session is cancelled.` : `A ${communityName} session.`];
  if (facilitatorName) lines.push(`Facilitator: ${facilitatorName}`);
  if (session.theme) lines.push(`Theme: ${session.theme.title}`);
  if (session.agenda.length > 0) {
    lines.push("", "Agenda:");
    for (const item of session.agenda) lines.push(`- ${item.title} (${item.minutes} min)`);
  }
  if (session.joinUrl) lines.push("", `Join: ${session.joinUrl}`);
  return lines.join("\n");
}

/** An instant from the session document, or a clear error naming the field. */
function millis(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`The session's ${field} '${value}' is not a valid date and time.`);
  return ms;
}

/** An iCalendar (.ics) file for one session, built with the `ics` package: UID `<sessionId>@practice-circles`, start/end in UTC, title, description (agenda lines and join link), url = joinUrl, status CANCELLED when skipped. Returns the text; throws an Error with a clear message if ics reports one. SEQUENCE is the session's revision. */
/** The parts of a session its calendar entry shows. */
export type CalendarSession = Pick<Session, "id" | "title" | "startsAt" | "endsAt" | "status" | "revision" | "updatedAt" | "joinUrl" | "theme" | "agenda">;

export function sessionCalendar(session: CalendarSession, opts: { communityName: string; facilitatorName?: string; productId?: string }): string {
  const updated = millis(session.updatedAt, "updatedAt");
  // `timestamp` (DTSTAMP) is read by ics but missing from its types; it makes the file repeatable.
  const event: EventAttributes & { timestamp: number } = {
    uid: `${session.id}@practice-circles`,
    productId: opts.productId ?? DEFAULT_PRODUCT_ID,
    start: millis(session.startsAt, "startsAt"),
    startInputType: "utc",
    startOutputType: "utc",
    end: millis(session.endsAt, "endsAt"),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${opts.communityName}: ${session.title}`,
    description: descriptionOf(session, opts.communityName, opts.facilitatorName),
    status: session.status === "skipped" ? "CANCELLED" : "CONFIRMED",
    // Calendars apply a changed or cancelled event only when its sequence has gone up.
    sequence: session.revision,
    lastModified: updated,
    timestamp: updated,
    ...(session.joinUrl ? { url: session.joinUrl } : {}),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw new Error(`Could not build the calendar file for session ${session.id}: ${error?.message ?? "the calendar library returned nothing"}.`);
  return value;
}
