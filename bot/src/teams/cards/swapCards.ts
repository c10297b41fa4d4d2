import { type SessionBrief } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, type CardElement, type ChoiceSetInput, execute, heading, paragraph, plain, runCommand, subtle } from "./adaptive";
import { kicker, sessionFacts, sessionRef } from "./sessionCards";
import { plainWhen, type TimeDisplay, whenText } from "./sessionTime";
import { VERBS } from "./verbs";

/** `swap`: pick a willing member to ask to take your next session. */
export function swapPickerCard(input: { session: SessionBrief; display: TimeDisplay; candidates: { userId: string; displayName: string }[] }): AdaptiveCard {
  const { session, display } = input;
  const title = plain(session.title);
  const body: CardElement[] = [kicker("Swap", session.communityName), heading("Ask someone to take your session"), sessionFacts(session, display)];
  if (!input.candidates.length) {
    body.push(paragraph("No one else is on the rota right now (people who are away or have opted out are left out). Ask a lead to help, or look at the rota in the Sessions tab."));
    return adaptiveCard(body, [], `No one else can take ${title} right now.`);
  }
  const picker: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "toUserId",
    label: "Who would you like to ask?",
    style: "compact",
    isRequired: true,
    errorMessage: "Choose someone to ask.",
    placeholder: "Choose a member",
    choices: input.candidates.map((c) => ({ title: plain(c.displayName) || "A member", value: c.userId })),
  };
  body.push(picker, subtle("They get a card to accept or decline. You stay the facilitator until they accept."));
  return adaptiveCard(body, [execute("Ask them", VERBS.swapRequest, sessionRef(session), { style: "positive" })], `Ask someone to take ${title} on ${plainWhen(session.startsAt, session.timeZone)}.`);
}

/** The picker after asking. */
export function swapAskedCard(input: { session: SessionBrief; display: TimeDisplay; toName: string }): AdaptiveCard {
  const name = plain(input.toName) || "They";
  return adaptiveCard(
    [kicker("Swap", input.session.communityName), heading(`Asked ${name}`), paragraph(`${name} can accept or decline taking ${plain(input.session.title)} on ${whenText(input.session.startsAt, input.display)}. You'll hear here when they answer.`), subtle("Until then, you're still the facilitator.")],
    [],
    `Asked ${name} to take ${plain(input.session.title)}.`,
  );
}

/** To the member asked: accept or decline. */
export function swapRequestCard(input: { swapId: string; session: SessionBrief; fromName: string; display: TimeDisplay }): AdaptiveCard {
  const { session } = input;
  const from = plain(input.fromName) || "A member";
  const data = { communityId: session.communityId, swapId: input.swapId };
  return adaptiveCard(
    [
      kicker("Swap request", session.communityName),
      heading(`Can you facilitate ${plain(session.title)}?`),
      paragraph(`${from} can't make it and asks whether you could take their turn.`),
      sessionFacts({ ...session, facilitatorName: session.facilitatorName ?? from }, input.display),
      subtle("If you accept, you get the hand-over card with the prep kit a few days before."),
    ],
    [execute("Accept", VERBS.swapDecide, { ...data, decision: "accept" }, { style: "positive" }), execute("Decline", VERBS.swapDecide, { ...data, decision: "decline" })],
    `${from} asks whether you can facilitate ${plain(session.title)} on ${plainWhen(session.startsAt, session.timeZone)}.`,
  );
}

/** To the member who asked: the answer. */
export function swapDecidedCard(input: { session: SessionBrief; byName: string; accepted: boolean; display: TimeDisplay }): AdaptiveCard {
  const { session } = input;
  const by = plain(input.byName) || "They";
  const title = plain(session.title);
  if (input.accepted) {
    return adaptiveCard(
      [
        kicker("Swap", session.communityName),
        heading(`${by} will facilitate ${title}`),
        paragraph(`${by} accepted your swap request for ${whenText(session.startsAt, input.display)}, so you're free that day.`),
        subtle(`If ${by} was down for a later session, that turn is now yours: the rota in the Sessions tab shows it.`),
      ],
      [],
      `${by} will facilitate ${title}.`,
    );
  }
  return adaptiveCard(
    [kicker("Swap", session.communityName), heading(`${by} can't take ${title}`), paragraph(`You're still down to facilitate on ${whenText(session.startsAt, input.display)}. You can ask someone else.`)],
    [runCommand("Ask someone else", "swap")],
    `${by} can't take ${title}. You're still the facilitator.`,
  );
}

/** The swap request card after the asked member answered it. */
export function swapAnsweredCard(input: { decision: "accept" | "decline" | "withdraw"; session?: SessionBrief; display: TimeDisplay }): AdaptiveCard {
  const { session, display } = input;
  const what = (when: (s: SessionBrief) => string) => (session ? `${plain(session.title)} on ${when(session)}` : "the session");
  const words = (w: string) =>
    input.decision === "accept"
      ? { title: "Thanks for stepping in!", text: `You're facilitating ${w}. You'll get the hand-over card with the prep kit a few days before.` }
      : input.decision === "decline"
        ? { title: "No problem", text: `You declined to take ${w}. We've let them know, so they can ask someone else.` }
        : { title: "Request withdrawn", text: `The swap request for ${w} is withdrawn.` };
  const shown = words(what((s) => whenText(s.startsAt, display)));
  const fallback = words(what((s) => plainWhen(s.startsAt, s.timeZone)));
  return adaptiveCard([...(session ? [kicker("Swap", session.communityName)] : []), heading(shown.title), paragraph(shown.text)], [], `${fallback.title.replace(/[.!]$/, "")}. ${fallback.text}`);
}
