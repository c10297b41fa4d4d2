import { type SessionBrief } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, execute, heading, openUrl, paragraph, plain, subtle } from "./adaptive";
import { type CardLinks } from "./links";
import { kicker, sessionRef } from "./sessionCards";
import { plainWhen, type TimeDisplay, whenText } from "./sessionTime";
import { VERBS } from "./verbs";

/** `skip`: ask before skipping, since everyone's reminders change with it. */
export function skipConfirmCard(input: { session: SessionBrief; display: TimeDisplay }): AdaptiveCard {
  const { session } = input;
  const title = plain(session.title);
  return adaptiveCard(
    [
      kicker("Skip a session", session.communityName),
      heading(`Skip ${title}?`),
      paragraph(`The session on ${whenText(session.startsAt, input.display)} won't take place: no reminders or check-in cards go out for it.`),
      subtle("Facilitators and leads can undo this in the Sessions tab."),
    ],
    [execute("Skip this session", VERBS.sessionSkip, sessionRef(session), { style: "destructive" })],
    `Skip ${title} on ${plainWhen(session.startsAt, session.timeZone)}?`,
  );
}

/** After skipping. */
export function skippedCard(input: { session: SessionBrief; display: TimeDisplay; links?: CardLinks }): AdaptiveCard {
  const { session } = input;
  const title = plain(session.title);
  return adaptiveCard(
    [
      kicker("Skip a session", session.communityName),
      heading(`${title} is skipped`),
      paragraph(`The session on ${whenText(session.startsAt, input.display)} won't take place, and its reminders won't go out.`),
      subtle("Changed your mind? Facilitators and leads can undo it in the Sessions tab."),
    ],
    input.links?.tab ? [openUrl("Open the Circles tab", input.links.tab)] : [],
    `${title} on ${plainWhen(session.startsAt, session.timeZone)} is skipped.`,
  );
}
