import { EXTENSION_COMMANDS, INVOKE_NAMES } from "../routes";
import { type InvokeHandler, type InvokeResult } from "./deps";
import { badInvoke } from "./invokeResponses";

const KNOWN = Object.keys(EXTENSION_COMMANDS).join(", ");

/**
 * A command invoke the route table could not place: 400 saying what is wrong, so a
 * hand-made or future payload gets an answer it can act on rather than a 500.
 */
export const onMalformedInvoke: InvokeHandler = async (turn) => {
  const name = turn.activity.name ?? "invoke";
  const value = turn.activity.value as { commandId?: unknown; botMessagePreviewAction?: unknown } | null | undefined;
  const commandId = value && typeof value === "object" ? value.commandId : undefined;
  if (typeof commandId !== "string" || !commandId.trim()) {
    return badInvoke(`${name}: value.commandId is missing; it must name one of this app's commands (${KNOWN}).`);
  }
  const shown = JSON.stringify(commandId.slice(0, 100));
  if (!Object.hasOwn(EXTENSION_COMMANDS, commandId)) return badInvoke(`${name}: value.commandId ${shown} is not one of this app's commands (${KNOWN}).`);
  if (value?.botMessagePreviewAction !== undefined && value.botMessagePreviewAction !== null) {
    return badInvoke(`${name}: value.botMessagePreviewAction must be "edit" or "send".`);
  }
  return badInvoke(`${name}: the command ${shown} does not answer this invoke.`);
};

/**
 * An invoke no route of ours answers (a name Teams uses for features this app does not
 * have, or none): 400 naming the invokes it does answer, instead of botbuilder's 501.
 */
export function unknownInvoke(name: unknown): InvokeResult {
  const known = `${INVOKE_NAMES.slice(0, -1).join(", ")} and ${INVOKE_NAMES.at(-1)}`;
  if (typeof name !== "string" || !name.trim()) return badInvoke(`This invoke has no name, so it can't be answered. Practice Circles answers ${known}.`);
  return badInvoke(`Practice Circles doesn't answer ${JSON.stringify(name.slice(0, 100))} invokes. It answers ${known}.`);
}
