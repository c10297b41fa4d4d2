/** When to nudge the owner of a follow-up, and when it counts as overdue, in the owner's own time zone. */
import { DateTime } from "luxon";
import { localToInstant } from "./recurrence";

/** Nudges go out at this local time of day. */
const NUDGE_TIME = "09:00";

/** A calendar date as luxon reads it, or a clear error. */
function dateOf(dueOn: string): DateTime {
  const date = DateTime.fromISO(dueOn, { zone: "UTC" });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !date.isValid) throw new Error(`'${dueOn}' is not a date such as 2026-11-30.`);
  return date;
}

/** Nudges for a follow-up due on `dueOn` for an owner in `zone`: the day before at 09:00 local ("before") and the day after at 09:00 local ("overdue"). */
export function followUpNudges(dueOn: string, zone: string): { kind: "before" | "overdue"; at: Date }[] {
  const due = dateOf(dueOn);
  return [
    { kind: "before", at: localToInstant(`${due.minus({ days: 1 }).toISODate()}T${NUDGE_TIME}`, zone) },
    { kind: "overdue", at: localToInstant(`${due.plus({ days: 1 }).toISODate()}T${NUDGE_TIME}`, zone) },
  ];
}

/** True when the due date has fully passed in the owner's zone (it is a later day there). */
export function isOverdue(dueOn: string, now: Date, zone: string): boolean {
  dateOf(dueOn);
  const today = DateTime.fromJSDate(now, { zone });
  if (!today.isValid) throw new Error(`Cannot read ${now.toString()} in the time zone '${zone}'.`);
  return today.toISODate()! > dueOn;
}
