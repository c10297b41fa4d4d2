/**
 * Where the Progress map scene is, kept in the address so a reload or a shared link opens
 * the same view (`?practices=reflections`) and practice (`&practice=prc-1`, its timeline).
 * Only these two keys belong to it; the shell's and the other scenes' keys are left alone.
 */
import { useQueryPlace } from "../../lib/useQueryPlace";

export const PRACTICES_VIEWS = ["map", "reflections", "prompts"] as const;
export type PracticesView = (typeof PRACTICES_VIEWS)[number];

export interface PracticesPlace {
  view: PracticesView;
  /** The practice whose timeline is open (map only). */
  practice?: string;
}

const VIEW_KEY = "practices";
const PRACTICE_KEY = "practice";
const KEYS = [VIEW_KEY, PRACTICE_KEY] as const;
const ID = /^[A-Za-z0-9._:@-]{1,200}$/;

const isView = (v: string | null): v is PracticesView => v !== null && (PRACTICES_VIEWS as readonly string[]).includes(v);

/** Reads the place from a query string; anything malformed falls back to the map. */
export function readPlace(search: string): PracticesPlace {
  const p = new URLSearchParams(search);
  const view = p.get(VIEW_KEY);
  const practice = p.get(PRACTICE_KEY)?.trim();
  const place: PracticesPlace = { view: isView(view) ? view : "map" };
  if (place.view === "map" && practice && ID.test(practice)) place.practice = practice;
  return place;
}

/** The address with the scene's part replaced by `place` (the map and no open practice left out). */
export function placeHref(place: PracticesPlace, current: string = window.location.href): string {
  const url = new URL(current);
  for (const key of KEYS) url.searchParams.delete(key);
  if (place.view !== "map") url.searchParams.set(VIEW_KEY, place.view);
  if (place.view === "map" && place.practice) url.searchParams.set(PRACTICE_KEY, place.practice);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The scene's place, and a way to change it in place (no new history entry per click). */
export const usePracticesPlace = () => useQueryPlace(readPlace, placeHref);
