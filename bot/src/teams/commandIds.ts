import { EXTENSION_COMMANDS, type ExtensionCommandId, TEXT_COMMANDS } from "./routes";

/**
 * The commands this server answers, for the manifest test (every manifest command needs a
 * handler). Derived from the route table so the two cannot drift apart.
 */
export const HANDLED_COMMANDS = {
  bot: Object.keys(TEXT_COMMANDS) as (keyof typeof TEXT_COMMANDS)[],
  messageExtension: Object.keys(EXTENSION_COMMANDS) as ExtensionCommandId[],
};
