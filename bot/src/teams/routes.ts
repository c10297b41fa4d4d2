import { type Activity } from "botbuilder";
import { commandTextOf } from "./teamsContext";

/**
 * The bot's route table, read top to bottom: raw Bot Framework activity names on the
 * left, the readable route they become on the right. Handlers are registered per route
 * in `bot.ts`; anything unlisted is acknowledged and ignored (invokes get botbuilder's 501).
 */
export const ACTIVITY_ROUTES = {
  /** conversationUpdate whose membersAdded includes the bot itself: personal, group chat or team. */
  "conversationUpdate/botAdded": "install.botAdded",
  /** installationUpdate with action add (or add-upgrade): the app was installed or upgraded. */
  "installationUpdate/add": "install.add",
  /** A message that is neither a text command nor a command button: answered with a hint. */
  "message/other": "message.unrecognized",
} as const;

/** Text commands (the message text, mention removed, lower case) → their route. */
export const TEXT_COMMANDS = {
  help: "command.help",
} as const;

export type TextCommand = keyof typeof TEXT_COMMANDS;

/** Every route the bot handles; `bot.ts` must register exactly one handler for each. */
export type RouteName = (typeof ACTIVITY_ROUTES)[keyof typeof ACTIVITY_ROUTES] | (typeof TEXT_COMMANDS)[TextCommand];

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
      const botAdded = Boolean(botId) && (activity.membersAdded ?? []).some((m) => m.id === botId);
      return botAdded ? ACTIVITY_ROUTES["conversationUpdate/botAdded"] : null;
    }
    case "installationUpdate":
      return activity.action === "add" || activity.action === "add-upgrade" ? ACTIVITY_ROUTES["installationUpdate/add"] : null;
    case "message": {
      const text = commandTextOf(activity) || buttonCommandOf(activity);
      return isTextCommand(text) ? TEXT_COMMANDS[text] : ACTIVITY_ROUTES["message/other"];
    }
    default:
      return null;
  }
}
