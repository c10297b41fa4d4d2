/**
 * Which view of the Buddies scene is open, kept in the address (`?buddies=round`) so a
 * reload or a shared link opens it again. Other scenes' keys are left as they are.
 */
import { useQueryPlace } from "../../lib/useQueryPlace";

export const BUDDIES_VIEWS = ["mine", "round", "history", "preferences", "circles"] as const;
export type BuddiesView = (typeof BUDDIES_VIEWS)[number];

const KEY = "buddies";

export function readView(search: string): BuddiesView {
  const view = new URLSearchParams(search).get(KEY);
  return (BUDDIES_VIEWS as readonly (string | null)[]).includes(view) ? (view as BuddiesView) : "mine";
}

export function viewHref(view: BuddiesView, current: string = window.location.href): string {
  const url = new URL(current);
  url.searchParams.delete(KEY);
  if (view !== "mine") url.searchParams.set(KEY, view);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The open view, and a way to change it in place (no history entry per click). */
export const useBuddiesView = () => useQueryPlace(readView, viewHref);
