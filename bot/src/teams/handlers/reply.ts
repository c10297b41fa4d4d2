import { type Activity, CardFactory, MessageFactory, TurnContext } from "botbuilder";
import { type AdaptiveCard } from "../cards";

export interface PostOptions {
  /**
   * Shows the message as posted by this person "via" the app (Teams' `onBehalfOf`, by
   * their Teams id and name). Leave it out for anything anonymous.
   */
  onBehalfOf?: { id: string; name: string };
  /**
   * Posts to the conversation without naming the person whose action caused it (botbuilder
   * otherwise addresses the message to them as its `recipient`): for anonymous shares.
   */
  anonymous?: boolean;
}

function cardMessage(card: AdaptiveCard, options: PostOptions = {}): Partial<Activity> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (card.fallbackText) message.summary = card.fallbackText;
  if (options.onBehalfOf) {
    message.channelData = { onBehalfOf: [{ itemId: 0, mentionType: "person", mri: options.onBehalfOf.id, displayname: options.onBehalfOf.name }] };
  }
  return message;
}

/** Answers the message being handled with one Adaptive Card (a reply to it). */
export async function replyWithCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  await turn.sendActivity(cardMessage(card));
}

/**
 * Posts a card as a new message in the conversation, not as a reply: after an install
 * there is no message to answer, and in a channel Teams asks bots to start a new thread.
 * (An extension invoke from a thread's reply box carries the thread in its conversation id.)
 */
export async function postCard(turn: TurnContext, card: AdaptiveCard, options: PostOptions = {}): Promise<void> {
  const reference = { ...TurnContext.getConversationReference(turn.activity), activityId: undefined };
  const message = TurnContext.applyConversationReference(cardMessage(card, options), reference);
  if (options.anonymous) delete message.recipient;
  await turn.adapter.sendActivities(turn, [message]);
}
