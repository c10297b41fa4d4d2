/**
 * A small typed subset of Adaptive Cards 1.5, the version Teams renders. Builders return
 * plain JSON so cards stay data: snapshot-testable and free of botbuilder.
 */
export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const ADAPTIVE_CARD_VERSION = "1.5";

export type TextSize = "small" | "default" | "medium" | "large" | "extraLarge";
export type TextWeight = "lighter" | "default" | "bolder";

export interface TextBlock {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: TextSize;
  weight?: TextWeight;
  isSubtle?: boolean;
  spacing?: "none" | "small" | "medium" | "large";
  style?: "heading";
}

export interface FactSet {
  type: "FactSet";
  facts: { title: string; value: string }[];
}

export interface Container {
  type: "Container";
  items: CardElement[];
  spacing?: "none" | "small" | "medium" | "large";
  separator?: boolean;
}

export type CardElement = TextBlock | FactSet | Container;

export interface OpenUrlAction {
  type: "Action.OpenUrl";
  title: string;
  url: string;
}

/**
 * A button that runs a text command: Teams delivers it as a message whose `value` is
 * `data` (no text), which the route table treats like typing the command. A plain
 * Submit, not `msteams.imBack`: the Agents Playground (0.2.28) ignores imBack buttons.
 */
export interface CommandAction {
  type: "Action.Submit";
  title: string;
  data: { command: string };
}

export type CardAction = OpenUrlAction | CommandAction;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Shown by clients that cannot render the card (and read by screen readers in some). */
  fallbackText?: string;
}

/** Wraps elements and actions in the 1.5 envelope every card of ours shares. */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

/** The card title; `style: "heading"` lets screen readers announce it as one (1.5). */
export const heading = (text: string): TextBlock => ({ type: "TextBlock", text, wrap: true, size: "large", weight: "bolder", style: "heading" });
/** Body text that wraps: Teams truncates unwrapped TextBlocks on narrow (mobile) cards. */
export const paragraph = (text: string, extra: Partial<Omit<TextBlock, "type" | "text" | "wrap">> = {}): TextBlock => ({ type: "TextBlock", text, wrap: true, ...extra });
/** A quieter footnote line. */
export const subtle = (text: string): TextBlock => paragraph(text, { isSubtle: true, spacing: "small" });

/** A numbered list as a FactSet: Teams renders it aligned, and it reads well in the Playground. */
export const steps = (items: string[]): FactSet => ({ type: "FactSet", facts: items.map((value, i) => ({ title: `${i + 1}.`, value })) });

/** Opens a page or a Teams deep link. */
export const openUrl = (title: string, url: string): OpenUrlAction => ({ type: "Action.OpenUrl", title, url });
/** A button that behaves like typing `command` (see CommandAction). */
export const runCommand = (title: string, command: string): CommandAction => ({ type: "Action.Submit", title, data: { command } });

/**
 * Names come from Teams and people (team names, display names); TextBlocks render
 * Markdown, so a name must not be able to add links or emphasis to our text.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\*_[\]`~#>|]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
