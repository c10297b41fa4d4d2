import { type CheckInAnswers, type CheckInCardState, type SessionBrief, SMALL_GROUP_MINIMUM, CHECK_IN_LIMITS } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  type ChoiceSetInput,
  clip,
  execute,
  heading,
  openUrl,
  paragraph,
  plain,
  type RichTextBlock,
  subtle,
  type TextInput,
  type TextRun,
  withRefresh,
} from "./adaptive";
import { countOf, kicker, sessionRef } from "./sessionCards";
import { plainWhen, type TimeDisplay, whenText } from "./sessionTime";
import { VERBS } from "./verbs";

/** The form's inputs, by the ids Teams submits them under. */
export const CHECK_IN_FIELDS = ["win", "challenge", "ask", "energy", "practice", "private"] as const;
export type CheckInField = (typeof CHECK_IN_FIELDS)[number];

/** The limits CheckInAnswers enforces, so the inputs stop people before the server does. */

export const ENERGY_LABELS: Record<string, string> = {
  "1": "1 · Running on empty",
  "2": "2 · Low",
  "3": "3 · Steady",
  "4": "4 · Good",
  "5": "5 · Full of energy",
};

export interface CheckInCardOptions {
  display: TimeDisplay;
  /** Teams user ids (MRIs) whose clients refresh the card by themselves; at most 60 are kept. */
  userIds?: readonly string[];
  /** Shows the form although the reader has checked in (after "Edit"). */
  editing?: boolean;
  /** What went wrong with the last submit, in a sentence, above the form. */
  problem?: string;
  /** Answers to show in the form instead of the saved ones (what was just typed). */
  values?: Partial<CheckInAnswers>;
}

/** "5 people have checked in": the one number everyone sees. */
export function checkInCountLine(count: number): string {
  if (count <= 0) return "No one has checked in yet.";
  return `${countOf(count, "person", "people")} ${count === 1 ? "has" : "have"} checked in.`;
}

const refreshed = (card: AdaptiveCard, session: SessionBrief, userIds: readonly string[] | undefined) => withRefresh(card, VERBS.checkInRefresh, sessionRef(session), userIds);

function header(session: SessionBrief, display: TimeDisplay, title: string): CardElement[] {
  return [kicker("Check-in", session.communityName), heading(title), paragraph(`${plain(session.title)} · ${whenText(session.startsAt, display)}`, { isSubtle: true, spacing: "small" })];
}

/** "Win: what they wrote", never read as Markdown. */
function answerRun(label: string, text: string): RichTextBlock {
  const inlines: TextRun[] = [
    { type: "TextRun", text: `${label}: `, weight: "bolder" },
    { type: "TextRun", text },
  ];
  return { type: "RichTextBlock", inlines, spacing: "small" };
}

function answersBlock(answers: CheckInAnswers): CardElement[] {
  const rows: CardElement[] = [];
  if (answers.win) rows.push(answerRun("Win", answers.win));
  if (answers.challenge) rows.push(answerRun("Challenge", answers.challenge));
  if (answers.ask) rows.push(answerRun("Ask", answers.ask));
  if (answers.practice) rows.push(answerRun("Practice I'm trying", answers.practice));
  if (answers.energy !== undefined) rows.push(answerRun("Energy", `${answers.energy} of 5`));
  if (!rows.length) rows.push(paragraph("You checked in without answers. That counts too.", { spacing: "small" }));
  return rows;
}

function text(id: Exclude<CheckInField, "energy" | "private">, label: string, placeholder: string, value: string | undefined): TextInput {
  return { type: "Input.Text", id, label, placeholder, isMultiline: id !== "practice", maxLength: CHECK_IN_LIMITS[id], value: value ?? "" };
}

/** The check-in form: everything optional, the private toggle explained beside it. */
function form(state: CheckInCardState, options: CheckInCardOptions): AdaptiveCard {
  const { session } = state;
  const values: Partial<CheckInAnswers> = options.values ?? state.mine ?? {};
  const editing = Boolean(state.mine);
  const body: CardElement[] = [...header(session, options.display, editing ? "Change your check-in" : "Check in before we meet")];
  body.push(paragraph("A minute now helps the group start where you are. Answer what you like: every question is optional.", { spacing: "small" }));
  if (options.problem) body.push(paragraph(options.problem, { color: "attention", spacing: "medium" }));
  const energy: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "energy",
    label: "Your energy right now",
    style: "compact",
    placeholder: "Choose 1 to 5",
    value: values.energy === undefined ? "" : String(values.energy),
    choices: Object.entries(ENERGY_LABELS).map(([value, title]) => ({ title, value })),
  };
  body.push(
    text("win", "A win since last time", "Something that went well, big or small", values.win),
    text("challenge", "A challenge you're facing", "What's hard right now?", values.challenge),
    text("ask", "Where you'd like help", "An ask for the group", values.ask),
    energy,
    text("practice", "The practice you're trying", "e.g. weekly one-to-ones, feedback in the moment", values.practice),
    {
      type: "Input.Toggle",
      id: "private",
      label: "Privacy",
      title: "Keep my answers private",
      value: values.private ? "true" : "false",
      valueOn: "true",
      valueOff: "false",
      spacing: "medium",
    },
    subtle("Private answers reach no one else, not even the facilitator; they're only counted."),
    subtle(checkInCountLine(state.count)),
  );
  const actions: CardAction[] = [execute(editing ? "Save changes" : "Check in", VERBS.checkInSubmit, sessionRef(session), { style: "positive" })];
  if (editing) actions.push(execute("Keep my answers", VERBS.checkInOpen, sessionRef(session), { associatedInputs: "none" }));
  return refreshed(adaptiveCard(body, actions, `Check in for ${plain(session.title)}: a win, a challenge, an ask, your energy.`), session, options.userIds);
}

/** After checking in: their own answers, the shared count, and Edit until the session starts. */
function checkedIn(state: CheckInCardState, mine: CheckInAnswers, options: CheckInCardOptions): AdaptiveCard {
  const { session } = state;
  const body: CardElement[] = [...header(session, options.display, "You're checked in"), ...answersBlock(mine)];
  body.push(
    subtle(mine.private ? "Your answers are private: only you see them, and they're counted." : "Your facilitator sees these answers before the session."),
    paragraph(checkInCountLine(state.count), { spacing: "medium" }),
  );
  const actions: CardAction[] = [execute("Edit my check-in", VERBS.checkInEdit, sessionRef(session), { associatedInputs: "none" })];
  if (session.joinUrl) actions.push(openUrl("Join", session.joinUrl));
  return refreshed(adaptiveCard(body, actions, `You're checked in for ${plain(session.title)}.`), session, options.userIds);
}

/** Once the session has started (or was skipped): read-only. */
function closed(state: CheckInCardState, options: CheckInCardOptions): AdaptiveCard {
  const { session } = state;
  const body: CardElement[] = [...header(session, options.display, "Check-ins closed")];
  if (session.skipped) body.push(paragraph("This session was skipped, so there's nothing to check in to."));
  else body.push(paragraph("The session has started, so check-ins can't be given or changed any more."));
  if (state.mine) body.push(paragraph("Your check-in", { weight: "bolder", spacing: "medium" }), ...answersBlock(state.mine));
  body.push(paragraph(checkInCountLine(state.count), { spacing: "medium" }));
  const actions = session.joinUrl && !session.skipped ? [openUrl("Join", session.joinUrl)] : [];
  return refreshed(adaptiveCard(body, actions, `Check-ins for ${plain(session.title)} are closed.`), session, options.userIds);
}

/**
 * The check-in card as one reader sees it (the answer to Check in, Edit, Submit and the
 * per-user refresh): the form, their own answers with Edit, or "Check-ins closed".
 */
export function checkInCard(state: CheckInCardState, options: CheckInCardOptions): AdaptiveCard {
  if (!state.open || state.session.skipped) return closed(state, options);
  if (state.mine && !options.editing && !options.problem) return checkedIn(state, state.mine, options);
  return form(state, options);
}

/**
 * The check-in card as posted where several people read it (a channel or group chat):
 * no one's answers, the shared count and a Check in button. Each listed reader's Teams
 * refreshes it into their own view.
 */
export function checkInInviteCard(state: Pick<CheckInCardState, "session" | "count" | "open">, options: Pick<CheckInCardOptions, "display" | "userIds">): AdaptiveCard {
  const { session } = state;
  if (!state.open || session.skipped) return closed({ ...state, mine: null, readerTimeZone: null }, options);
  const body: CardElement[] = [
    ...header(session, options.display, "Check in before we meet"),
    paragraph("A win, a challenge, an ask for help, your energy and the practice you're trying. It takes a minute, and you can keep it private."),
    paragraph(checkInCountLine(state.count), { spacing: "medium" }),
  ];
  return refreshed(adaptiveCard(body, [execute("Check in", VERBS.checkInOpen, sessionRef(session), { style: "positive" })], `Check in for ${plain(session.title)}.`), session, options.userIds);
}

/** How many entries the facilitator's card lists; the rest are in the Sessions tab. */
export const SUMMARY_ENTRY_LIMIT = 12;
const SUMMARY_ANSWER_LENGTH = 240;

export interface CheckInSummaryInput {
  session: SessionBrief;
  count: number;
  privateCount: number;
  energyAverage: number | null;
  entries: { displayName: string; win: string; challenge: string; ask: string; energy?: number; practice: string }[];
  tab?: string;
}

/**
 * For the facilitator at the start: who brought what. Private check-ins are only counted;
 * the average energy is shown only once enough people answered.
 */
export function checkInSummaryCard(input: CheckInSummaryInput): AdaptiveCard {
  const { session } = input;
  const title = plain(session.title);
  const body: CardElement[] = [kicker("Check-ins", session.communityName), heading(`What people bring to ${title}`)];
  const privately = input.privateCount ? ` ${input.privateCount} kept their answers private, so they're only counted.` : "";
  body.push(paragraph(`${checkInCountLine(input.count)}${privately}`));
  body.push(
    input.energyAverage === null
      ? subtle(`Average energy shows from ${SMALL_GROUP_MINIMUM} check-ins.`)
      : paragraph(`Average energy: ${(Math.round(input.energyAverage * 10) / 10).toFixed(1)} of 5`, { weight: "bolder" }),
  );
  for (const entry of input.entries.slice(0, SUMMARY_ENTRY_LIMIT)) {
    const rows: CardElement[] = [paragraph(plain(entry.displayName) || "A member", { weight: "bolder" })];
    const add = (label: string, value: string) => value.trim() && rows.push(answerRun(label, clip(value.trim(), SUMMARY_ANSWER_LENGTH)));
    add("Win", entry.win);
    add("Challenge", entry.challenge);
    add("Ask", entry.ask);
    add("Practice", entry.practice);
    if (entry.energy !== undefined) rows.push(answerRun("Energy", `${entry.energy} of 5`));
    body.push({ type: "Container", items: rows, separator: true, spacing: "medium" });
  }
  const more = input.entries.length - SUMMARY_ENTRY_LIMIT;
  if (more > 0) body.push(subtle(`And ${countOf(more, "more check-in")} in the Sessions tab.`));
  if (input.count === 0) body.push(paragraph("No one checked in this time. A quick round at the start works just as well."));
  return adaptiveCard(body, input.tab ? [openUrl("Open the Circles tab", input.tab)] : [], `${checkInCountLine(input.count)} ${title}, ${plainWhen(session.startsAt, session.timeZone)}.`);
}
