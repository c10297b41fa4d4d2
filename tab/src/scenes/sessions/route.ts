/**
 * Where the Sessions scene is, kept in the address so a reload or a shared link opens the
 * same view and session. Only `show` and `session` belong to it; the shell's and the
 * library's keys are left as they are.
 */
import { useQueryPlace } from "../../lib/useQueryPlace";

export const SESSIONS_VIEWS = ["next", "rota", "history", "followups"] as const;
export type SessionsView = (typeof SESSIONS_VIEWS)[number];

export interface SessionsPlace {
  view: SessionsView;
  /** The session whose details are open (next sessions or history). */
  session?: string;
}

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;
const KEYS = ["show", "session"] as const;

const isView = (v: string | null): v is SessionsView => v !== null && (SESSIONS_VIEWS as readonly string[]).includes(v);

/** Reads the place from a query string; anything malformed falls back to the next sessions. */
export function readPlace(search: string): SessionsPlace {
  const p = new URLSearchParams(search);
  const view = p.get("show");
  const session = p.get("session");
  return { view: isView(view) ? view : "next", ...(session && ID.test(session) ? { session } : {}) };
}

/** The address with the scene's part replaced by `place` (defaults left out). */
export function placeHref(place: SessionsPlace, current: string = window.location.href): string {
  const url = new URL(current);
  for (const key of KEYS) url.searchParams.delete(key);
  if (place.view !== "next") url.searchParams.set("show", place.view);
  if (place.session) url.searchParams.set("session", place.session);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The scene's place, and a way to change it in place (no new history entry per click). */
export const useSessionsPlace = () => useQueryPlace(readPlace, placeHref);
