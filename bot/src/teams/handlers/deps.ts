import { type TurnContext } from "botbuilder";
import { type CommandContext, type Logger } from "../../commands/context";
import { type CardLinks } from "../cards";

/** What route handlers need: the command context, the bot's logger and card links. */
export interface BotDeps {
  ctx: CommandContext;
  log: Logger;
  links: CardLinks;
  /**
   * How long an invoke handler may take before Teams gets a "still working" answer instead
   * (Teams gives up after 5 s). Defaults to INVOKE_DEADLINE_MS.
   */
  invokeDeadlineMs?: number;
}

/** One handler per route: reads the turn, calls a command, answers with a card. */
export type RouteHandler = (turn: TurnContext, deps: BotDeps) => Promise<void>;

/** The HTTP answer to an invoke: status and JSON body (none for an empty 200). */
export interface InvokeResult {
  status: number;
  body?: unknown;
}

/** One handler per invoke route: reads the invoke, calls commands, returns the invoke response. */
export type InvokeHandler = (turn: TurnContext, deps: BotDeps) => Promise<InvokeResult>;
