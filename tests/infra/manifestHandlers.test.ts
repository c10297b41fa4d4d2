/**
 * The manifest and the Teams handlers must agree: every command Teams can send has a handler, and
 * every handler is reachable from the manifest. The handlers publish their ids as HANDLED_COMMANDS
 * in bot/src/teams/commandIds.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../scripts/package";

const COMMAND_IDS = join(ROOT, "bot", "src", "teams", "commandIds.ts");

interface HandledCommands {
  bot: string[];
  messageExtension: string[];
}

interface Manifest {
  bots?: { commandLists?: { commands?: { title: string }[] }[] }[];
  composeExtensions?: { commands?: { id: string }[] }[];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

async function handledCommands(): Promise<HandledCommands> {
  if (!existsSync(COMMAND_IDS)) {
    throw new Error("bot/src/teams/commandIds.ts does not exist yet: it must export HANDLED_COMMANDS = { bot: string[], messageExtension: string[] }");
  }
  // A variable path keeps the type checker from requiring the module before it exists.
  const mod = (await import(COMMAND_IDS)) as { HANDLED_COMMANDS?: unknown };
  const handled = mod.HANDLED_COMMANDS as Partial<HandledCommands> | undefined;
  if (!handled || !isStringArray(handled.bot) || !isStringArray(handled.messageExtension)) {
    throw new Error("bot/src/teams/commandIds.ts must export HANDLED_COMMANDS = { bot: string[], messageExtension: string[] }");
  }
  return { bot: handled.bot, messageExtension: handled.messageExtension };
}

const manifest = JSON.parse(readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8")) as Manifest;
const manifestBotCommands = [...new Set((manifest.bots ?? []).flatMap((b) => (b.commandLists ?? []).flatMap((l) => (l.commands ?? []).map((c) => c.title))))];
const manifestExtensionCommands = (manifest.composeExtensions ?? []).flatMap((e) => (e.commands ?? []).map((c) => c.id));

describe("manifest commands and Teams handlers", () => {
  it("lists at least the bot's help command and both extension commands", () => {
    expect(manifestBotCommands).toContain("help");
    expect(manifestExtensionCommands.sort()).toEqual(["findInLibrary", "shareAsCase"]);
  });

  it("has a handler for every bot command in the manifest, and a manifest entry for every bot handler", async () => {
    const { bot } = await handledCommands();
    expect([...new Set(bot)].sort()).toEqual([...manifestBotCommands].sort());
  });

  it("has a handler for every messaging extension command, and a manifest entry for every extension handler", async () => {
    const { messageExtension } = await handledCommands();
    expect([...new Set(messageExtension)].sort()).toEqual([...manifestExtensionCommands].sort());
  });
});
