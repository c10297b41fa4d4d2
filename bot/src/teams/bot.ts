import { type TurnContext } from "botbuilder";
import { type BotDeps, type RouteHandler } from "./handlers/deps";
import { onBotAdded, onInstallAdd } from "./handlers/installHandlers";
import { onHelp, onUnrecognized } from "./handlers/messageHandlers";
import { type RouteName, routeActivity } from "./routes";

/** One handler per route; the type makes a route without a handler a compile error. */
const HANDLERS: Record<RouteName, RouteHandler> = {
  "install.botAdded": onBotAdded,
  "install.add": onInstallAdd,
  "command.help": onHelp,
  "message.unrecognized": onUnrecognized,
};

/**
 * The bot's turn logic: route the activity, run its handler. It only delegates, so what
 * the bot does is read from the route table and the handlers, not from a class hierarchy.
 */
export function createBotLogic(deps: BotDeps): (turn: TurnContext) => Promise<void> {
  return async (turn) => {
    const route = routeActivity(turn.activity);
    if (route) await HANDLERS[route](turn, deps);
  };
}
