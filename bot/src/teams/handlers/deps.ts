import { type TurnContext } from "botbuilder";
import { type CommandContext, type Logger } from "../../commands/context";
import { type CardLinks } from "../cards";

/** What route handlers need: the command context, the bot's logger and card links. */
export interface BotDeps {
  ctx: CommandContext;
  log: Logger;
  links: CardLinks;
}

/** One handler per route: reads the turn, calls a command, answers with a card. */
export type RouteHandler = (turn: TurnContext, deps: BotDeps) => Promise<void>;
