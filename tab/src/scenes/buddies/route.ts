/**
 * Which view of the Buddies scene is open, kept in the address (`?buddies=round`) so a
 * reload or a shared link opens it again. Other scenes' keys are left as they are.
 */
import { useCallback, useEffect, useState } from "react";

export const BUDDIES_VIEWS = ["mine", "round", "history", "preferences", "circles"] as const;
export type BuddiesView = (typeof BUDDIES_VIEWS)[number];

const KEY = "buddies";
const CHANGED = "practice-circles:buddies-place";

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
export function useBuddiesView(): [BuddiesView, (next: BuddiesView) => void] {
  const [view, setView] = useState(() => readView(window.location.search));
  useEffect(() => {
    const follow = () => setView(readView(window.location.search));
    window.addEventListener("popstate", follow);
    window.addEventListener(CHANGED, follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener(CHANGED, follow);
    };
  }, []);
  const go = useCallback((next: BuddiesView) => {
    window.history.replaceState(window.history.state, "", viewHref(next));
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [view, go];
}
