import { type Attachment, CardFactory } from "botbuilder";
import { type z } from "zod";
import { plainMessage } from "../../domain/validation";
import { type AdaptiveCard, noticeCard, type ResultPreview } from "../cards";
import { type InvokeResult } from "./deps";

/** An empty 200: what Teams expects after a preview was sent. */
export const done = (): InvokeResult => ({ status: 200 });

const ok = (body: unknown): InvokeResult => ({ status: 200, body });

export type DialogSize = "small" | "medium" | "large";

/** Opens (or keeps open) a dialog showing an Adaptive Card: `task.type: "continue"`. */
export function dialog(title: string, card: AdaptiveCard, size: { height: DialogSize; width: DialogSize } = { height: "large", width: "medium" }): InvokeResult {
  return ok({ task: { type: "continue", value: { title, height: size.height, width: size.width, card: CardFactory.adaptiveCard(card) } } });
}

/** A small dialog that only explains something, with a way forward. */
export function noticeDialog(dialogTitle: string, heading: string, text: string, links: { tab?: string } = {}): InvokeResult {
  return dialog(dialogTitle, noticeCard(heading, text, links), { height: "small", width: "medium" });
}

/** Shows the card the bot will post, with Teams' own "Edit" and "Send" buttons. */
export function messagePreview(card: AdaptiveCard): InvokeResult {
  return ok({ composeExtension: { type: "botMessagePreview", activityPreview: { type: "message", attachments: [CardFactory.adaptiveCard(card)] } } });
}

export interface SearchResult {
  card: AdaptiveCard;
  preview: ResultPreview;
}

/** Search or unfurl results: each a card to insert and the row Teams lists for it. */
export function searchResults(results: SearchResult[]): InvokeResult {
  const attachments: (Attachment & { preview: ResultPreview })[] = results.map((r) => ({ ...CardFactory.adaptiveCard(r.card), preview: r.preview }));
  return ok({ composeExtension: { type: "result", attachmentLayout: "list", attachments } });
}

/** A line of text in place of search results (e.g. how to join a community). */
export function searchMessage(text: string): InvokeResult {
  return ok({ composeExtension: { type: "message", text } });
}

/** An invoke we cannot read: 400 with the first problem, in the body shape the API uses. */
export function badInvoke(message: string): InvokeResult {
  return { status: 400, body: { error: { code: "bad_request", message } } };
}

/** The first zod issue as a sentence, `field: message.`, under `value` (parse with `plainMessage` for plain words). */
export function describeIssue(error: z.ZodError, root = "value"): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: is not valid.`;
  return `${[root, ...issue.path.map(String)].join(".")}: ${issue.message.replace(/\.$/, "")}.`;
}

/** Parses an invoke's `value`, or says what is wrong with it. */
export function readValue<S extends z.ZodType>(schema: S, value: unknown, invokeName: string): { value: z.output<S> } | { problem: InvokeResult } {
  const parsed = schema.safeParse(value ?? {}, { error: plainMessage });
  if (parsed.success) return { value: parsed.data };
  return { problem: badInvoke(`This ${invokeName} invoke could not be read. ${describeIssue(parsed.error)}`) };
}
