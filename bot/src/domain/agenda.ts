/** A session's agenda: the default shape for its length, the month's theme, and whether an agenda fits. */
import { DateTime } from "luxon";
import { type AgendaFormat, type AgendaItem, type Theme } from "../contracts";

const TITLE_MAX = 120;
const MAX_ITEMS = 12;

/** Titles are at most 120 characters: a long theme is cut with an ellipsis. */
function title(text: string): string {
  return text.length <= TITLE_MAX ? text : `${text.slice(0, TITLE_MAX - 1)}…`;
}

/**
 * Splits a session into three parts at the given fractions of its length. Each boundary is
 * rounded to 5 minutes (to 1 minute for sessions under 20 minutes), so parts stay close to
 * their share, every part keeps at least a minute, and together they fill the session exactly.
 */
function split(durationMinutes: number, firstShare: number, secondShare: number): [number, number, number] {
  const step = durationMinutes >= 20 ? 5 : 1;
  const at = (share: number) => Math.round((durationMinutes * share) / step) * step;
  const first = Math.max(1, at(firstShare));
  const second = Math.min(Math.max(first + 1, at(firstShare + secondShare)), durationMinutes - 1);
  return [first, second - first, durationMinutes - second];
}

/** Only the optional fields that have a value, so items compare and serialise cleanly. */
function item(part: AgendaItem["part"], text: string, minutes: number, ownerId: string | undefined, notes: string): AgendaItem {
  return { part, title: title(text), minutes, ...(ownerId ? { ownerId } : {}), notes };
}

/** The standard shape: input, discussion (or a case clinic), other needs and planning. */
function standardAgenda(durationMinutes: number, opts: { facilitatorId?: string; theme?: Theme; queuedCaseCount?: number }): AgendaItem[] {
  const [input, discussion, planning] = split(durationMinutes, 1 / 4, 1 / 2);
  const cases = opts.queuedCaseCount ?? 0;
  const inputItem = opts.theme
    ? item("input", `Input: ${opts.theme.title}`, input, opts.theme.ownerId ?? opts.facilitatorId, "The person who brings this month's theme shares what they prepared.")
    : item("input", "Input from the facilitator", input, opts.facilitatorId, "A short talk or reading from the facilitator or an invited expert.");
  const middle =
    cases > 0
      ? item("case-clinic", `Case clinic: ${cases} ${cases === 1 ? "case" : "cases"}`, discussion, opts.facilitatorId, "Each case owner describes the situation and their question; the group asks, then suggests.")
      : item("discussion", "Discussion", discussion, opts.facilitatorId, "What the input means for our teams: questions, experiences and ideas.");
  const wrap = item("planning", "Other needs and planning the next meeting", planning, opts.facilitatorId, "Anything else people need, who does what next, and the next session's focus.");
  return [inputItem, middle, wrap];
}

/** The open shape: a short check-in round, an open floor, a wrap-up. */
function openAgenda(durationMinutes: number, facilitatorId: string | undefined): AgendaItem[] {
  const [round, floor, wrapUp] = split(durationMinutes, 1 / 6, 2 / 3);
  return [
    item("round", "Check-in round", round, facilitatorId, "Each person shares a win, a challenge or an ask in a minute or two."),
    item("open-floor", "Open floor", floor, facilitatorId, "The group picks the topics that matter most today."),
    item("wrap-up", "Wrap-up", wrapUp, facilitatorId, "What each person takes away, and any follow-ups with an owner and a date."),
  ];
}

/** The default shape for a session of this length: standard = about a quarter input (facilitator or invited expert), half discussion, a quarter other needs and planning the next meeting (15/30/15 for an hour, minutes rounded to 5, summing exactly to duration); with queued cases the discussion becomes a case clinic. open = a short check-in round, an open floor, a wrap-up. */
export function defaultAgenda(format: AgendaFormat, durationMinutes: number, opts: { facilitatorId?: string; theme?: Theme; queuedCaseCount?: number } = {}): AgendaItem[] {
  if (!Number.isInteger(durationMinutes) || durationMinutes < 3) throw new Error("A session must last at least 3 whole minutes to have an agenda.");
  return format === "open" ? openAgenda(durationMinutes, opts.facilitatorId) : standardAgenda(durationMinutes, opts);
}

/** The theme for the month the session starts in (series.themes keyed "YYYY-MM", in the series zone). */
export function themeFor(themes: Record<string, Theme>, startsAt: Date, zone: string): Theme | undefined {
  const local = DateTime.fromJSDate(startsAt, { zone });
  if (!local.isValid) throw new Error(`Cannot read ${startsAt.toString()} in the time zone '${zone}'.`);
  return themes[local.toFormat("yyyy-MM")];
}

/** null when items fit the session (sum of minutes ≤ duration, at least one item) else a sentence saying what to fix. */
export function checkAgenda(items: AgendaItem[], durationMinutes: number): string | null {
  if (items.length === 0) return "Add at least one agenda item.";
  if (items.length > MAX_ITEMS) return `An agenda can have at most ${MAX_ITEMS} items; merge or remove ${items.length - MAX_ITEMS}.`;
  const odd = items.find((i) => !Number.isInteger(i.minutes) || i.minutes < 1);
  if (odd) return `'${odd.title}' needs a whole number of minutes, at least 1.`;
  const total = items.reduce((sum, i) => sum + i.minutes, 0);
  if (total > durationMinutes)
    return `The agenda takes ${total} minutes but the session lasts ${durationMinutes}; shorten or remove items to save ${total - durationMinutes} ${total - durationMinutes === 1 ? "minute" : "minutes"}.`;
  return null;
}
