import { type RsvpAnswer, type SessionBrief } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  execute,
  facts,
  heading,
  openUrl,
  paragraph,
  plain,
  runCommand,
  subtle,
} from "./adaptive";
import { type CardLinks } from "./links";
import { leadTime, plainWhen, type TimeDisplay, whenText } from "./sessionTime";
import { VERBS } from "./verbs";

/** What the session cards (reminder, `next`, `agenda`) show about one session. */
export interface SessionCardInput {
  session: SessionBrief;
  display: TimeDisplay;
  /** The reader's own answer, when the card is theirs (personal chat, or their own view after answering). */
  myRsvp?: RsvpAnswer | null;
  /** How many answered, when known. */
  rsvp?: { going: number; notGoing: number };
  links?: CardLinks;
}

const KIND_LABEL: Record<SessionBrief["kind"], string> = { "check-in": "Check-in", "deep-dive": "Deep dive" };

/** The small line above a card's title: what it is and for which community. */
export function kicker(text: string, communityName?: string): CardElement {
  const name = communityName ? plain(communityName) : "";
  return paragraph(name ? `${text} · ${name}` : text, { isSubtle: true, size: "small", weight: "bolder", spacing: "none" });
}

/** The ids every session button carries. */
export const sessionRef = (session: Pick<SessionBrief, "communityId" | "sessionId">) => ({ communityId: session.communityId, sessionId: session.sessionId });

/**
 * When (a TextBlock of its own: the `{{DATE()}}` functions are specified for TextBlock
 * text), then who facilitates and the theme.
 */
export function sessionFacts(session: SessionBrief, display: TimeDisplay): CardElement {
  return {
    type: "Container",
    spacing: "small",
    items: [
      paragraph(whenText(session.startsAt, display), { weight: "bolder", spacing: "none" }),
      facts([
        ["Facilitator", session.facilitatorName ? plain(session.facilitatorName) || "A member" : "Not yet assigned"],
        ["Theme", session.theme ? plain(session.theme) : undefined],
      ]),
    ],
  };
}

/** The agenda as "15 min · Input from the facilitator" rows. */
export function agendaFacts(agenda: SessionBrief["agenda"]): CardElement {
  return { type: "FactSet", facts: agenda.slice(0, 12).map((a) => ({ title: `${a.minutes} min`, value: plain(a.title) || "—" })) };
}

export function rsvpLine(answer: RsvpAnswer | null | undefined): string | undefined {
  if (answer === "going") return "You're going. See you there!";
  if (answer === "not-going") return "You can't make it this time. Thanks for letting the group know.";
  return undefined;
}

function countsLine(rsvp: SessionCardInput["rsvp"]): string | undefined {
  if (!rsvp || rsvp.going + rsvp.notGoing === 0) return undefined;
  const going = `${rsvp.going} going`;
  return rsvp.notGoing ? `${going} · ${rsvp.notGoing} can't make it` : going;
}

/** Going / Can't make it, Check in, and Join when there is a link. */
function sessionActions(session: SessionBrief, extra: CardAction[] = [], from: Record<string, string> = {}): CardAction[] {
  const ref = sessionRef(session);
  const actions: CardAction[] = [
    execute("Going", VERBS.rsvp, { ...ref, answer: "going", ...from }, { style: "positive" }),
    execute("Can't make it", VERBS.rsvp, { ...ref, answer: "not-going", ...from }),
    execute("Check in", VERBS.checkInOpen, ref),
  ];
  if (session.joinUrl) actions.push(openUrl("Join", session.joinUrl));
  return [...actions, ...extra];
}

function skippedBody(session: SessionBrief, display: TimeDisplay, label: string): CardElement[] {
  return [
    kicker(label, session.communityName),
    heading(`${plain(session.title)} is skipped`),
    paragraph(`The session on ${whenText(session.startsAt, display)} won't take place. See you at the next one.`),
  ];
}

function answerLines(input: SessionCardInput): CardElement[] {
  const lines = [rsvpLine(input.myRsvp), countsLine(input.rsvp)].filter((l): l is string => Boolean(l));
  return lines.length ? [paragraph(lines.join(" "), { spacing: "medium", ...(input.myRsvp ? { weight: "bolder" as const } : {}) })] : [];
}

/**
 * A reminder before a session: its time (on each reader's device in a channel, in the
 * reader's zone in a personal chat), facilitator, theme and agenda, with RSVP, Check in
 * and Join.
 */
export function reminderCard(input: SessionCardInput & { minutesBefore: number }): AdaptiveCard {
  const { session, display } = input;
  const title = plain(session.title) || KIND_LABEL[session.kind];
  if (session.skipped) return adaptiveCard(skippedBody(session, display, "Reminder"), [], `${title} is skipped.`);
  const body: CardElement[] = [
    kicker("Reminder", session.communityName),
    heading(`${title} starts ${leadTime(input.minutesBefore)}`),
    sessionFacts(session, display),
  ];
  if (session.agenda.length) body.push(paragraph("Agenda", { weight: "bolder", spacing: "medium" }), agendaFacts(session.agenda));
  body.push(...answerLines(input));
  body.push(subtle("Check in before we meet: a win, a challenge, an ask. It takes a minute."));
  // The RSVP answer is this card again, so its buttons say which card and how far ahead.
  const from = { from: "reminder", minutesBefore: String(input.minutesBefore) };
  return adaptiveCard(body, sessionActions(session, [], from), `${title} starts ${leadTime(input.minutesBefore)} (${plainWhen(session.startsAt, session.timeZone)}).`);
}

/** `next`: the next session, who facilitates it, and the RSVP buttons. */
export function nextSessionCard(input: SessionCardInput): AdaptiveCard {
  const { session, display } = input;
  const title = plain(session.title) || KIND_LABEL[session.kind];
  if (session.skipped) return adaptiveCard(skippedBody(session, display, "Next session"), [], `${title} is skipped.`);
  const body: CardElement[] = [kicker(`Next session · ${KIND_LABEL[session.kind]}`, session.communityName), heading(title), sessionFacts(session, display), ...answerLines(input)];
  return adaptiveCard(body, sessionActions(session, [runCommand("Agenda", "agenda")]), `Next session: ${title}, ${plainWhen(session.startsAt, session.timeZone)}.`);
}

/** `agenda`: the plan of the next session, with the cases queued for its case clinic. */
export function agendaCard(
  input: SessionCardInput & {
    /** The queued cases the reader may open, named (personal chat only). */
    queuedCases?: { id: string; title: string }[];
    /** Queued cases the reader may not open, counted. */
    hiddenQueuedCases?: number;
    /** Where others read along: only how many cases are queued, since some may be a peer circle's. */
    queuedCaseCount?: number;
    artifactLink?: (artifactId: string) => string;
  },
): AdaptiveCard {
  const { session, display } = input;
  const title = plain(session.title) || KIND_LABEL[session.kind];
  const body: CardElement[] = [kicker("Agenda", session.communityName), heading(title), sessionFacts(session, display)];
  if (session.agenda.length) {
    const total = session.agenda.reduce((sum, a) => sum + a.minutes, 0);
    body.push(paragraph(`The plan (${total} minutes)`, { weight: "bolder", spacing: "medium" }), agendaFacts(session.agenda));
  } else {
    body.push(paragraph("The facilitator hasn't set the agenda yet.", { spacing: "medium" }));
  }
  const cases = input.queuedCases ?? [];
  if (cases.length) {
    body.push(paragraph("Cases for the case clinic", { weight: "bolder", spacing: "medium" }));
    body.push(paragraph(cases.map((c) => caseLine(c, input.artifactLink)).join("\n\n")));
  }
  if (input.hiddenQueuedCases) body.push(subtle(`${countOf(input.hiddenQueuedCases, "more case")} from a peer circle you're not in.`));
  if (input.queuedCaseCount) {
    const queued = input.queuedCaseCount === 1 ? "1 case is" : `${input.queuedCaseCount} cases are`;
    body.push(paragraph(`${queued} queued for the case clinic. To see which, type **agenda** in a chat with me or open the Sessions tab.`, { spacing: "medium" }));
  }
  const actions: CardAction[] = [];
  if (session.joinUrl && !session.skipped) actions.push(openUrl("Join", session.joinUrl));
  if (input.links?.tab) actions.push(openUrl("Open the Circles tab", input.links.tab));
  return adaptiveCard(body, actions, `Agenda for ${title}, ${plainWhen(session.startsAt, session.timeZone)}.`);
}

/** "• [Title](link)", or just the title without a link. Titles are people's words: no Markdown of theirs survives. */
export function caseLine(item: { id: string; title: string }, link?: (artifactId: string) => string): string {
  const title = plain(item.title) || "A case";
  return link ? `• [${title}](${link(item.id)})` : `• ${title}`;
}

/** "1 person", "3 people". */
export function countOf(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** When nothing is planned yet. */
export function noSessionCard(communityName: string, links: CardLinks = {}): AdaptiveCard {
  return adaptiveCard(
    [kicker("Sessions", communityName), heading("No session is planned yet"), paragraph("When your community's next session is planned, you'll find it here. Leads set up the rhythm in the Circles tab.")],
    links.tab ? [openUrl("Open the Circles tab", links.tab)] : [],
    "No session is planned yet.",
  );
}
