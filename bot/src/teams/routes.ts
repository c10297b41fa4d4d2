import { type Activity } from "botbuilder";
import { VERBS } from "./cards/verbs";
import { commandTextOf } from "./teamsContext";

/**
 * The bot's route table, read top to bottom: raw Bot Framework activity names on the
 * left, the readable route they become on the right. Handlers are registered per route
 * in `bot.ts`; anything unlisted is acknowledged and ignored (an unknown invoke gets a 400 naming the ones we answer).
 */
export const ACTIVITY_ROUTES = {
  /** conversationUpdate whose membersAdded includes the bot itself: personal, group chat or team. */
  "conversationUpdate/botAdded": "install.botAdded",
  /** conversationUpdate in a team whose membersAdded names people other than the bot: they joined the community's team. */
  "conversationUpdate/membersAdded": "team.membersAdded",
  /** installationUpdate with action add (or add-upgrade): the app was installed or upgraded. */
  "installationUpdate/add": "install.add",
  /** A message that is neither a text command nor a command button: answered with a hint. */
  "message/other": "message.unrecognized",
} as const;

/**
 * Messaging extension commands, by their id in the manifest's composeExtensions, and the
 * route each of their invokes becomes. Teams sends a bot message preview's "Edit" and
 * "Send" as a submitAction with `botMessagePreviewAction`, hence the `/edit` and `/send` rows.
 */
export const EXTENSION_COMMANDS = {
  shareAsCase: {
    "composeExtension/fetchTask": "extension.shareCase.open",
    "composeExtension/submitAction": "extension.shareCase.submit",
    "composeExtension/submitAction/edit": "extension.shareCase.editPreview",
    "composeExtension/submitAction/send": "extension.shareCase.sendPreview",
  },
  findInLibrary: {
    "composeExtension/query": "extension.library.search",
  },
} as const;

export type ExtensionCommandId = keyof typeof EXTENSION_COMMANDS;

/**
 * Card buttons (`Action.Execute`) arrive as an `adaptiveCard/action` invoke naming a
 * verb (`value.action.verb`); each verb is one route. The check-in card's per-user
 * refresh is `checkin.refresh` (with `value.trigger: "automatic"`).
 */
export const CARD_ACTIONS = {
  [VERBS.rsvp]: "card.rsvp",
  [VERBS.checkInOpen]: "card.checkIn.open",
  [VERBS.checkInEdit]: "card.checkIn.edit",
  [VERBS.checkInSubmit]: "card.checkIn.submit",
  [VERBS.checkInRefresh]: "card.checkIn.refresh",
  [VERBS.feedbackSubmit]: "card.feedback.submit",
  [VERBS.followUpDone]: "card.followUp.done",
  [VERBS.swapRequest]: "card.swap.request",
  [VERBS.swapDecide]: "card.swap.decide",
  [VERBS.sessionSkip]: "card.session.skip",
  [VERBS.buddyReflect]: "card.buddy.reflect",
  [VERBS.promptRespond]: "card.prompt.respond",
  [VERBS.pilotReport]: "card.pilot.report",
} as const;

export type CardVerb = keyof typeof CARD_ACTIONS;

/** Invokes that name no command. */
export const INVOKE_ROUTES = {
  /** A link to our domain pasted in the compose box (manifest messageHandlers). */
  "composeExtension/queryLink": "extension.library.unfurl",
  /** A command invoke we cannot read (no or unknown commandId): answered 400 with what is wrong. */
  "composeExtension/malformed": "extension.malformed",
  /** A card action without a verb, or with one we do not have: answered 400 with what is wrong. */
  "adaptiveCard/malformed": "card.malformed",
} as const;

type ValuesOf<T> = T[keyof T];
/** Every invoke route; each handler returns the invoke response body. */
export type InvokeRouteName =
  | ValuesOf<{ [C in ExtensionCommandId]: ValuesOf<(typeof EXTENSION_COMMANDS)[C]> }>
  | ValuesOf<typeof CARD_ACTIONS>
  | ValuesOf<typeof INVOKE_ROUTES>;

/** The invoke names that carry a commandId. */
const COMMAND_INVOKES: ReadonlySet<string> = new Set(Object.values(EXTENSION_COMMANDS).flatMap((routes) => Object.keys(routes).filter((key) => key.split("/").length === 2)));

const isExtensionCommand = (id: unknown): id is ExtensionCommandId => typeof id === "string" && Object.hasOwn(EXTENSION_COMMANDS, id);
const isCardVerb = (verb: unknown): verb is CardVerb => typeof verb === "string" && Object.hasOwn(CARD_ACTIONS, verb);

/** The route of a card action: its verb's, or malformed. */
function routeCardAction(activity: Partial<Activity>): InvokeRouteName {
  const value = activity.value as { action?: { verb?: unknown } | null } | null | undefined;
  const verb = value && typeof value === "object" ? value.action?.verb : undefined;
  return isCardVerb(verb) ? CARD_ACTIONS[verb] : INVOKE_ROUTES["adaptiveCard/malformed"];
}

/** Every invoke name the bot answers, for the 400 an unknown one gets. */
export const INVOKE_NAMES: readonly string[] = ["adaptiveCard/action", ...COMMAND_INVOKES, "composeExtension/queryLink"];

/** The route of a messaging extension invoke or card action, or null when it is none of ours (answered 400 by `bot.ts`). */
function routeInvoke(activity: Partial<Activity>): InvokeRouteName | null {
  const name = activity.name ?? "";
  if (name === "adaptiveCard/action") return routeCardAction(activity);
  if (name === "composeExtension/queryLink") return INVOKE_ROUTES[name];
  if (!COMMAND_INVOKES.has(name)) return null;
  const value = (activity.value ?? {}) as { commandId?: unknown; botMessagePreviewAction?: unknown };
  if (!isExtensionCommand(value.commandId)) return INVOKE_ROUTES["composeExtension/malformed"];
  const routes: Record<string, InvokeRouteName> = EXTENSION_COMMANDS[value.commandId];
  const preview = value.botMessagePreviewAction;
  const key = preview === undefined || preview === null ? name : `${name}/${String(preview)}`;
  return routes[key] ?? INVOKE_ROUTES["composeExtension/malformed"];
}

/** Text commands (the message text, mention removed, lower case) → their route. The help card lists them in this order. */
export const TEXT_COMMANDS = {
  next: "command.next",
  agenda: "command.agenda",
  checkin: "command.checkIn",
  tasks: "command.tasks",
  skip: "command.skip",
  swap: "command.swap",
  help: "command.help",
} as const;

export type TextCommand = keyof typeof TEXT_COMMANDS;

/** Routes that answer with messages (or nothing); `bot.ts` registers exactly one handler for each. */
export type ActivityRouteName = (typeof ACTIVITY_ROUTES)[keyof typeof ACTIVITY_ROUTES] | (typeof TEXT_COMMANDS)[TextCommand];

/** Every route the bot handles. */
export type RouteName = ActivityRouteName | InvokeRouteName;

const INVOKE_ROUTE_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(EXTENSION_COMMANDS).flatMap((routes) => Object.values(routes)),
  ...Object.values(CARD_ACTIONS),
  ...Object.values(INVOKE_ROUTES),
]);

export const isInvokeRoute = (route: RouteName): route is InvokeRouteName => INVOKE_ROUTE_NAMES.has(route);

const isTextCommand = (text: string): text is TextCommand => Object.hasOwn(TEXT_COMMANDS, text);

/** A card button (`Action.Submit` with `data: { command }`) arrives as a message with that value and no text. */
function buttonCommandOf(activity: Partial<Activity>): string {
  const value = activity.value as { command?: unknown } | undefined;
  return typeof value?.command === "string" ? value.command.trim().toLowerCase() : "";
}

/** Picks the one route for an activity, or null when the bot has nothing to do with it. */
export function routeActivity(activity: Partial<Activity>): RouteName | null {
  switch (activity.type) {
    case "conversationUpdate": {
      const botId = activity.recipient?.id;
      const added = activity.membersAdded ?? [];
      if (botId && added.some((m) => m.id === botId)) return ACTIVITY_ROUTES["conversationUpdate/botAdded"];
      const inTeam = Boolean((activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id);
      return inTeam && added.some((m) => m.id !== botId) ? ACTIVITY_ROUTES["conversationUpdate/membersAdded"] : null;
    }
    case "installationUpdate":
      return activity.action === "add" || activity.action === "add-upgrade" ? ACTIVITY_ROUTES["installationUpdate/add"] : null;
    case "message": {
      const text = commandTextOf(activity) || buttonCommandOf(activity);
      return isTextCommand(text) ? TEXT_COMMANDS[text] : ACTIVITY_ROUTES["message/other"];
    }
    case "invoke":
      return routeInvoke(activity);
    default:
      return null;
  }
}
