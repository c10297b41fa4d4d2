import { type TurnContext } from "botbuilder";
import { recordReflection } from "../../commands/buddies";
import { recordCheckIn } from "../../commands/checkInRecorder";
import { recordFeedback } from "../../commands/feedbackRecorder";
import { listFollowUps, updateFollowUp } from "../../commands/followUps";
import { decideSwap, readRota, requestSwap } from "../../commands/rota";
import { recordRsvp } from "../../commands/rsvpRecorder";
import { skipSession } from "../../commands/sessionEditor";
import { checkInCardState, readSession } from "../../commands/sessionReader";
import { briefOf } from "../../commands/sessionViews";
import { isAppError } from "../../domain/errors";
import { type Identity } from "../../policies";
import {
  BuddyReflectData,
  CheckInRefData,
  CheckInSubmitData,
  FeedbackSubmitData,
  FollowUpDoneData,
  RsvpData,
  SessionSkipData,
  SwapDecideData,
  SwapRequestData,
} from "../../contracts/cardActions";
import {
  buddyReflectionThanksCard,
  checkInCard,
  feedbackThanksCard,
  followUpDoneCard,
  itemOf,
  nextSessionCard,
  noticeCard,
  reminderCard,
  skippedCard,
  swapAnsweredCard,
  swapAskedCard,
  tasksCard,
} from "../cards";
import { CARD_ACTIONS } from "../routes";
import { WHO_ARE_YOU } from "./communityOf";
import { cardAnswer, cardError, messageAnswer, readAction, type ReadAction } from "./cardResponses";
import { type BotDeps, type InvokeHandler, type InvokeResult } from "./deps";
import { identityOf } from "./identity";
import { actorMriOf, communityNameOf, displayFor, orRefusal, refusalSentence } from "./rhythmHelpers";

/**
 * One handler per `Action.Execute` verb: read the action's data → who acted → one
 * command → the card Teams shows in place of the one acted on (to that person). A
 * refusal is the command's own sentence; data we cannot read is a 400 that says why.
 */

export type Acted<T> = { identity: Identity; data: T; automatic: boolean } | { answer: InvokeResult };

/** Who acted and the action's data; or the answer to give when either cannot be read. */
export function acted<T>(turn: TurnContext, read: ReadAction<T> | { problem: InvokeResult }): Acted<T> {
  if ("problem" in read) return { answer: read.problem };
  const identity = identityOf(turn.activity);
  if (!identity) return { answer: messageAnswer(WHO_ARE_YOU.sessions) };
  return { identity, data: read.data, automatic: read.automatic };
}

/** `rsvp`: Going / Can't make it, answered with the same card showing the answer. */
export const onRsvp: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, RsvpData, "This answer"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  return orRefusal(
    (async () => {
      const view = await recordRsvp(deps.ctx, identity, data.communityId, data.sessionId, data.answer);
      const [name, display] = await Promise.all([communityNameOf(deps.ctx, identity, data.communityId), displayFor(turn, deps, identity, data.communityId)]);
      const input = { session: briefOf(view, name), display, myRsvp: view.rsvp.mine, rsvp: view.rsvp, links: deps.links };
      return cardAnswer(data.from === "reminder" && data.minutesBefore !== undefined ? reminderCard({ ...input, minutesBefore: data.minutesBefore }) : nextSessionCard(input));
    })(),
    messageAnswer,
  );
};

/** The reader's own check-in view; a refusal (no longer a member) is a card that says so, since a refresh shows no messages. */
async function checkInView(turn: TurnContext, deps: BotDeps, identity: Identity, ref: { communityId: string; sessionId: string }, options: { editing?: boolean; problem?: string; values?: Parameters<typeof checkInCard>[1]["values"] } = {}): Promise<InvokeResult> {
  try {
    const state = await checkInCardState(deps.ctx, identity, ref.communityId, ref.sessionId);
    const mri = actorMriOf(turn);
    const display = await displayFor(turn, deps, identity, ref.communityId, state.readerTimeZone);
    return cardAnswer(checkInCard(state, { display, userIds: mri ? [mri] : [], ...options }));
  } catch (error) {
    const message = refusalSentence(error);
    if (options.problem) return messageAnswer(options.problem);
    const forbidden = isAppError(error) && error.status === 403;
    return cardAnswer(noticeCard(forbidden ? "Check-ins are for members" : "This check-in isn't available", message, deps.links));
  }
}

/** `checkin.open` (the Check in button) and `checkin.refresh` (Teams refreshing the card for one reader). */
export const onCheckInOpen: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, CheckInRefData, "This check-in card"));
  if ("answer" in a) return a.answer;
  return checkInView(turn, deps, a.identity, a.data);
};

export const onCheckInRefresh: InvokeHandler = onCheckInOpen;

/** `checkin.edit`: the form again, filled with the reader's answers. */
export const onCheckInEdit: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, CheckInRefData, "This check-in card"));
  if ("answer" in a) return a.answer;
  return checkInView(turn, deps, a.identity, a.data, { editing: true });
};

/**
 * `checkin.submit`: saves the answers and shows "You're checked in" with the new count.
 * Refused (closed, skipped, not a member) → the card again with the sentence and what was typed.
 */
export const onCheckInSubmit: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, CheckInSubmitData, "This check-in"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  const answers = { win: data.win, challenge: data.challenge, ask: data.ask, energy: data.energy, practice: data.practice, private: data.private };
  try {
    await recordCheckIn(deps.ctx, identity, data.communityId, data.sessionId, answers);
  } catch (error) {
    return checkInView(turn, deps, identity, data, { problem: refusalSentence(error), values: answers });
  }
  return checkInView(turn, deps, identity, data);
};

/** `feedback.submit`: saves how useful it was and one thing to try; answers with thanks. */
export const onFeedbackSubmit: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, FeedbackSubmitData, "This feedback"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  const answers = { usefulness: data.usefulness!, willTry: data.willTry };
  return orRefusal(
    (async () => {
      const view = await recordFeedback(deps.ctx, identity, data.communityId, data.sessionId, answers);
      const name = await communityNameOf(deps.ctx, identity, data.communityId);
      return cardAnswer(feedbackThanksCard({ session: briefOf(view, name), answers: view.feedback.mine ?? answers }));
    })(),
    messageAnswer,
  );
};

/**
 * `buddy.reflect`: a buddy's mid-sprint or closing check-in (steps done, a few words, for
 * the closing one a practice it counts towards); answered with thanks and what was recorded.
 */
export const onBuddyReflect: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, BuddyReflectData, "This buddy check-in"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  const input = { kind: data.kind, stepsDone: data.stepsDone, text: data.text, ...(data.practiceId ? { practiceId: data.practiceId } : {}) };
  return orRefusal(
    (async () => {
      const { reflection } = await recordReflection(deps.ctx, identity, data.communityId, data.roundId, input);
      const name = await communityNameOf(deps.ctx, identity, data.communityId);
      return cardAnswer(buddyReflectionThanksCard({ reflection, communityName: name }));
    })(),
    messageAnswer,
  );
};

/** `followup.done`: marks it done; the nudge becomes "Done", the tasks list loses the item. */
export const onFollowUpDone: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, FollowUpDoneData, "This follow-up"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  return orRefusal(
    (async () => {
      const { followUp } = await updateFollowUp(deps.ctx, identity, data.communityId, data.followUpId, { status: "done" });
      if (data.view !== "tasks") return cardAnswer(followUpDoneCard(followUp));
      const [{ items }, name] = await Promise.all([listFollowUps(deps.ctx, identity, data.communityId, { status: "open" }), communityNameOf(deps.ctx, identity, data.communityId)]);
      const mine = items.filter((f) => f.ownerId === identity.userId).map(itemOf);
      return cardAnswer(tasksCard({ items: mine, communityName: name, links: deps.links, justDone: followUp.title }));
    })(),
    messageAnswer,
  );
};

/** `swap.request`: asks the chosen member to take the session; answers with "Asked …". */
export const onSwapRequest: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, SwapRequestData, "This swap request"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  return orRefusal(
    (async () => {
      await requestSwap(deps.ctx, identity, data.communityId, data.sessionId, { toUserId: data.toUserId });
      const [view, rota, name, display] = await Promise.all([
        readSession(deps.ctx, identity, data.communityId, data.sessionId),
        readRota(deps.ctx, identity, data.communityId),
        communityNameOf(deps.ctx, identity, data.communityId),
        displayFor(turn, deps, identity, data.communityId),
      ]);
      const toName = rota.members.find((m) => m.userId === data.toUserId)?.displayName ?? "They";
      return cardAnswer(swapAskedCard({ session: briefOf(view, name), display, toName }));
    })(),
    messageAnswer,
  );
};

/** `swap.decide`: accept or decline (or the asker withdraws); the request card shows the outcome. */
export const onSwapDecide: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, SwapDecideData, "This answer"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  return orRefusal(
    (async () => {
      const { swap } = await decideSwap(deps.ctx, identity, data.communityId, data.swapId, { decision: data.decision });
      const [view, name, display] = await Promise.all([
        orRefusal(readSession(deps.ctx, identity, data.communityId, swap.sessionId), () => undefined),
        communityNameOf(deps.ctx, identity, data.communityId),
        displayFor(turn, deps, identity, data.communityId),
      ]);
      return cardAnswer(swapAnsweredCard({ decision: data.decision, session: view ? briefOf(view, name) : undefined, display }));
    })(),
    messageAnswer,
  );
};

/** `session.skip`: the confirmed skip. Whoever may not skip is told so; the card stays. */
export const onSessionSkip: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, SessionSkipData, "This request"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  return orRefusal(
    (async () => {
      const view = await skipSession(deps.ctx, identity, data.communityId, data.sessionId, {});
      const [name, display] = await Promise.all([communityNameOf(deps.ctx, identity, data.communityId), displayFor(turn, deps, identity, data.communityId)]);
      return cardAnswer(skippedCard({ session: briefOf(view, name), display, links: deps.links }));
    })(),
    messageAnswer,
  );
};

const KNOWN_VERBS = Object.keys(CARD_ACTIONS).join(", ");

/** An `adaptiveCard/action` we cannot place: no action, or a verb this app does not have. 400, never a 500. */
export const onCardMalformed: InvokeHandler = async (turn) => {
  const value = turn.activity.value as { action?: { verb?: unknown } } | null | undefined;
  const verb = value && typeof value === "object" && value.action && typeof value.action === "object" ? value.action.verb : undefined;
  if (typeof verb !== "string" || !verb.trim()) return cardError(`This card button could not be read: value.action.verb is missing; it must be one of ${KNOWN_VERBS}.`);
  return cardError(`This card asked for ${JSON.stringify(verb.slice(0, 100))}, which Practice Circles doesn't do (it knows ${KNOWN_VERBS}). The card may be from an older version: ask for a new one.`);
};
