/**
 * A small typed subset of Adaptive Cards 1.5, the version Teams renders. Builders return
 * plain JSON so cards stay data: snapshot-testable and free of botbuilder.
 */
export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const ADAPTIVE_CARD_VERSION = "1.5";
/** Link unfurling renders Adaptive Cards up to 1.3 only; an unfurled card declares that version. */
export const UNFURL_CARD_VERSION = "1.3";
export type CardVersion = typeof ADAPTIVE_CARD_VERSION | typeof UNFURL_CARD_VERSION;

export type TextSize = "small" | "default" | "medium" | "large" | "extraLarge";
export type TextWeight = "lighter" | "default" | "bolder";
export type TextColor = "default" | "accent" | "good" | "warning" | "attention";
export type Spacing = "none" | "small" | "medium" | "large";

export interface TextBlock {
  type: "TextBlock";
  text: string;
  wrap: true;
  id?: string;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  style?: "heading";
}

/** A run of text that is never read as Markdown: what people wrote is shown as they wrote it. */
export interface TextRun {
  type: "TextRun";
  text: string;
  weight?: TextWeight;
  isSubtle?: boolean;
  italic?: boolean;
}

export interface RichTextBlock {
  type: "RichTextBlock";
  inlines: TextRun[];
  id?: string;
  spacing?: Spacing;
}

export interface FactSet {
  type: "FactSet";
  facts: { title: string; value: string }[];
}

export interface Container {
  type: "Container";
  items: CardElement[];
  spacing?: Spacing;
  separator?: boolean;
}

/** Inputs (1.3+): `label` is read by screen readers; `isRequired` lets Teams check before submitting. */
interface InputBase {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface TextInput extends InputBase {
  type: "Input.Text";
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: "Input.ChoiceSet";
  choices: Choice[];
  /** With `isMultiSelect`, the chosen values joined by commas. */
  value?: string;
  isMultiSelect?: boolean;
  style?: "compact" | "expanded";
  placeholder?: string;
}

/** A toggle submits `valueOn` or `valueOff`, as a string. */
export interface ToggleInput extends InputBase {
  type: "Input.Toggle";
  title: string;
  value: string;
  valueOn: string;
  valueOff: string;
}

export type CardInput = TextInput | ChoiceSetInput | ToggleInput;

/** Buttons inside the body, e.g. one "Mark done" per listed task. */
export interface ActionSet {
  type: "ActionSet";
  actions: CardAction[];
  spacing?: Spacing;
}

export type CardElement = TextBlock | RichTextBlock | FactSet | Container | CardInput | ActionSet;

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

/** Submits a dialog: Teams sends its inputs merged with `data` (the hidden values). */
export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: Record<string, string>;
  style?: "positive";
}

/**
 * A Universal Action (1.4+, what Teams wants in 1.5 cards): Teams sends an
 * `adaptiveCard/action` invoke with `verb` and `data` merged with the card's inputs, and
 * shows the card the bot answers with in place of this one, for the person who acted.
 */
export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: "positive" | "destructive";
  /** "none" leaves the card's inputs out (and skips their validation), e.g. for "Edit". */
  associatedInputs?: "auto" | "none";
}

export type CardAction = OpenUrlAction | CommandAction | SubmitAction | ExecuteAction;

/** Teams refreshes a card automatically for at most this many listed users. */
export const MAX_REFRESH_USER_IDS = 60;

/**
 * Per-user views: when a listed user (Teams user MRI) sees the card, Teams invokes the
 * refresh verb for them and shows them the card the bot answers with.
 */
export interface CardRefresh {
  action: { type: "Action.Execute"; verb: string; data: Record<string, string> };
  userIds?: string[];
}

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: CardVersion;
  body: CardElement[];
  actions?: CardAction[];
  /** Shown by clients that cannot render the card (and read by screen readers in some). */
  fallbackText?: string;
  refresh?: CardRefresh;
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
/** A Universal Action button (see ExecuteAction). */
export const execute = (title: string, verb: string, data: Record<string, string>, extra: Pick<ExecuteAction, "style" | "associatedInputs"> = {}): ExecuteAction => ({
  type: "Action.Execute",
  title,
  verb,
  data,
  ...extra,
});

/**
 * Adds a per-user refresh to a card. User ids beyond Teams' limit of 60 are left out
 * (and so is the list when empty): those people refresh by acting on the card.
 */
export function withRefresh(card: AdaptiveCard, verb: string, data: Record<string, string>, userIds: readonly string[] = []): AdaptiveCard {
  const ids = [...new Set(userIds.filter(Boolean))].slice(0, MAX_REFRESH_USER_IDS);
  return { ...card, refresh: { action: { type: "Action.Execute", verb, data }, ...(ids.length ? { userIds: ids } : {}) } };
}

/** Buttons in the body. */
export const actionSet = (actions: CardAction[], spacing?: Spacing): ActionSet => ({ type: "ActionSet", actions, ...(spacing ? { spacing } : {}) });

/** A button that behaves like typing `command` (see CommandAction). */
export const runCommand = (title: string, command: string): CommandAction => ({ type: "Action.Submit", title, data: { command } });

/** "Label: what they wrote": the label bold, the text verbatim (never read as Markdown). */
export const labelled = (label: string, text: string): RichTextBlock => ({
  type: "RichTextBlock",
  inlines: [
    { type: "TextRun", text: `${label}: `, weight: "bolder" },
    { type: "TextRun", text },
  ],
  spacing: "small",
});

/** Text people wrote, shown verbatim (a RichTextBlock's TextRun renders no Markdown, and always wraps). */
export const verbatim = (text: string, extra: Partial<Omit<TextRun, "type" | "text">> = {}, spacing?: Spacing): RichTextBlock => ({
  type: "RichTextBlock",
  inlines: [{ type: "TextRun", text, ...extra }],
  ...(spacing ? { spacing } : {}),
});

/** A short red line under an input: what to fix there. */
export const fieldError = (inputId: string, text: string): TextBlock => ({ type: "TextBlock", id: `${inputId}-error`, text, wrap: true, color: "attention", size: "small", spacing: "none" });

/** A FactSet from label/value pairs, leaving out pairs without a value. */
export const facts = (pairs: [title: string, value: string | undefined][]): FactSet => ({
  type: "FactSet",
  facts: pairs.filter((p): p is [string, string] => Boolean(p[1])).map(([title, value]) => ({ title, value })),
});

/**
 * Cuts text to at most `max` characters, at a word break when one is near, and says so
 * with "…". Never splits a surrogate pair, so emoji and non-Latin scripts stay whole.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(" ", end);
  if (space > end - 40 && space > 0) end = space;
  return `${text.slice(0, end).trimEnd()}…`;
}

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
