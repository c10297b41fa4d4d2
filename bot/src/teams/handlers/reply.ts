import { type Activity, CardFactory, MessageFactory, TurnContext } from "botbuilder";
import { type AdaptiveCard } from "../cards";

function cardMessage(card: AdaptiveCard): Partial<Activity> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (card.fallbackText) message.summary = card.fallbackText;
  return message;
}

/** Answers the message being handled with one Adaptive Card (a reply to it). */
export async function replyWithCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  await turn.sendActivity(cardMessage(card));
}

/**
 * Posts a card as a new message in the conversation, not as a reply: after an install
 * there is no message to answer, and in a channel Teams asks bots to start a new thread.
 */
export async function postCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  const reference = { ...TurnContext.getConversationReference(turn.activity), activityId: undefined };
  await turn.adapter.sendActivities(turn, [TurnContext.applyConversationReference(cardMessage(card), reference)]);
}
