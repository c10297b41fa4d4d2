import { helpCard, hintCard } from "../cards";
import { TEXT_COMMANDS } from "../routes";
import { type RouteHandler } from "./deps";
import { replyWithCard } from "./reply";

/** `help`: what the bot does and the commands it answers. */
export const onHelp: RouteHandler = async (turn, deps) => {
  await replyWithCard(turn, helpCard({ commands: Object.keys(TEXT_COMMANDS), links: deps.links }));
};

/** Text the bot does not understand: a friendly pointer to `help`. */
export const onUnrecognized: RouteHandler = async (turn) => {
  await replyWithCard(turn, hintCard());
};
