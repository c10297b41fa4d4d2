import { type TurnContext } from "botbuilder";
import { type z } from "zod";
import { CardActionValue, describeDataProblem } from "../../contracts/cardActions";
import { plainMessage } from "../../domain/validation";
import { type AdaptiveCard } from "../cards";
import { type InvokeResult } from "./deps";
import { describeIssue } from "./invokeResponses";

/**
 * Answers to `adaptiveCard/action` (Universal Actions). The body is Teams'
 * AdaptiveCardInvokeResponse, `{ statusCode, type, value }`, and the HTTP status is its
 * `statusCode`, as botbuilder's own handler does.
 */
export const CARD_RESPONSE_TYPES = {
  card: "application/vnd.microsoft.card.adaptive",
  message: "application/vnd.microsoft.activity.message",
  error: "application/vnd.microsoft.error",
} as const;

/** The card Teams shows in place of the one acted on, to the person who acted. */
export function cardAnswer(card: AdaptiveCard): InvokeResult {
  return { status: 200, body: { statusCode: 200, type: CARD_RESPONSE_TYPES.card, value: card } };
}

/** A short message Teams shows beside the card, which stays as it was. */
export function messageAnswer(text: string): InvokeResult {
  return { status: 200, body: { statusCode: 200, type: CARD_RESPONSE_TYPES.message, value: text } };
}

/** A request we cannot act on (unknown verb, unreadable data): 400 with a sentence saying what is wrong. */
export function cardError(message: string, status: 400 | 500 = 400): InvokeResult {
  return { status, body: { statusCode: status, type: CARD_RESPONSE_TYPES.error, value: { code: status === 400 ? "BadRequest" : "InternalError", message } } };
}

export interface ReadAction<T> {
  data: T;
  /** True when Teams refreshed the card by itself (refresh `trigger: "automatic"`). */
  automatic: boolean;
}

/**
 * The action's data, checked against the verb's schema; or the 400 to answer with.
 * `what` names the thing in the sentence: "This check-in could not be read, so nothing was saved: …".
 */
export function readAction<S extends z.ZodType>(turn: TurnContext, schema: S, what: string): ReadAction<z.output<S>> | { problem: InvokeResult } {
  const value = CardActionValue.safeParse(turn.activity.value ?? {}, { error: plainMessage });
  if (!value.success) return { problem: cardError(`${what} could not be read: ${describeIssue(value.error)} Please try again from a new card.`) };
  const data = schema.safeParse(value.data.action.data ?? {}, { error: plainMessage });
  if (!data.success) return { problem: cardError(`${what} could not be read, so nothing was saved: ${describeDataProblem(data.error)}`) };
  return { data: data.data, automatic: value.data.trigger === "automatic" };
}
