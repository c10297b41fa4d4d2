import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import { type AdaptiveCard } from "../cards";

/** Sends one Adaptive Card as the bot's answer in the current conversation. */
export async function replyWithCard(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (card.fallbackText) message.summary = card.fallbackText;
  await turn.sendActivity(message);
}
