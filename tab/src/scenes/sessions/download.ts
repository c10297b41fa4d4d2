import { type Download } from "../../api/client";

/**
 * Saves a file the client fetched. A bare link cannot carry the Teams token or the local
 * dev identity, so the file comes through the API client and is saved from an object URL.
 */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Weekly check-in 2026-11-24.ics", when the server did not name the file. */
export function calendarFileName(title: string, startsAt: string): string {
  const safe = title.replace(/[^\p{L}\p{N} ._-]+/gu, "").trim() || "session";
  return `${safe} ${startsAt.slice(0, 10)}.ics`;
}
