import { type SessionBrief } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, type CardAction, type CardElement, clip, heading, openUrl, paragraph, plain, runCommand, subtle } from "./adaptive";
import { type CardLinks } from "./links";
import { agendaFacts, caseLine, kicker, sessionFacts } from "./sessionCards";
import { dueDateText, plainWhen, type TimeDisplay } from "./sessionTime";

export interface HandoverCardInput {
  session: SessionBrief;
  display: TimeDisplay;
  queuedCases: { id: string; title: string }[];
  openFollowUps: { title: string; ownerName: string; dueOn: string }[];
  links?: CardLinks;
}

/** How many open follow-ups the prep kit lists; the rest are in the Sessions tab. */
export const HANDOVER_FOLLOW_UP_LIMIT = 10;

/**
 * To the next facilitator a few days ahead: the prep kit. The agenda, the cases queued
 * for the case clinic (each opening in the library), and the follow-ups still open from
 * last time, so the session can start by closing the loop.
 */
export function handoverCard(input: HandoverCardInput): AdaptiveCard {
  const { session, display, links = {} } = input;
  const title = plain(session.title);
  const body: CardElement[] = [
    kicker("Hand-over", session.communityName),
    heading(`You're facilitating ${title}`),
    sessionFacts(session, display),
    paragraph("Here's your prep kit. Thank you for holding the space for your peers.", { spacing: "medium" }),
  ];
  if (session.agenda.length) body.push(paragraph("Agenda", { weight: "bolder", spacing: "medium" }), agendaFacts(session.agenda));
  body.push(paragraph("Cases for the case clinic", { weight: "bolder", spacing: "medium" }));
  const link = links.artifact ? (id: string) => links.artifact!(session.communityId, id) : undefined;
  body.push(
    input.queuedCases.length
      ? paragraph(input.queuedCases.map((c) => caseLine(c, link)).join("\n\n"))
      : subtle("No cases are queued yet. Members can queue one from the library, or you can bring one."),
  );
  body.push(paragraph("Open follow-ups from last time", { weight: "bolder", spacing: "medium" }));
  if (input.openFollowUps.length) {
    body.push({
      type: "FactSet",
      facts: input.openFollowUps.slice(0, HANDOVER_FOLLOW_UP_LIMIT).map((f) => ({
        title: plain(f.ownerName) || "A member",
        value: `${plain(clip(f.title, 160))} (due ${dueDateText(f.dueOn)})`,
      })),
    });
    const more = input.openFollowUps.length - HANDOVER_FOLLOW_UP_LIMIT;
    if (more > 0) body.push(subtle(`And ${more} more in the Sessions tab.`));
  } else {
    body.push(subtle("Nothing is open. A clean slate!"));
  }
  body.push(subtle("Can't make it? Ask someone to take it: type swap, or use the button."));
  const actions: CardAction[] = [];
  if (links.tab) actions.push(openUrl("Open the Circles tab", links.tab));
  actions.push(runCommand("Ask someone to swap", "swap"));
  return adaptiveCard(body, actions, `You're facilitating ${title} on ${plainWhen(session.startsAt, session.timeZone)}. Your prep kit is ready.`);
}
