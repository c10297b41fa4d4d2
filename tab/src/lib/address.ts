/** The tab's address: which query keys belong to the shell, and which clicks a link leaves to the browser. */
import { type MouseEvent } from "react";

/**
 * Address keys that describe the host and the session (who, which community, which theme)
 * rather than a scene's place. A link to another scene keeps these and nothing else.
 */
export const SHELL_KEYS: ReadonlySet<string> = new Set(["inTeams", "clientId", "devUser", "theme", "locale", "community"]);

/** `current` with every key the shell does not own removed, as a URL to build on. */
export function shellUrl(current: string = window.location.href): URL {
  const url = new URL(current);
  for (const key of [...url.searchParams.keys()]) if (!SHELL_KEYS.has(key)) url.searchParams.delete(key);
  return url;
}

/**
 * A plain primary click, which the page may handle itself. Ctrl/Cmd-, Shift- or Alt-click
 * and the middle button open a new tab or window, or save the link: the browser's to do.
 */
export function isPlainClick(event: Pick<MouseEvent, "button" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}
