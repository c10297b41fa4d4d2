/**
 * Where the Charter scene is, kept in the address so a reload or a shared link opens the
 * same view (`?charter=people`) and past version (`&charterVersion=2`). Only these two keys
 * belong to it; the shell's and the other scenes' keys are left alone.
 */
import { useQueryPlace } from "../../lib/useQueryPlace";

export const CHARTER_VIEWS = ["charter", "newcomer", "people", "my-data"] as const;
export type CharterSceneView = (typeof CHARTER_VIEWS)[number];

export interface CharterPlace {
  view: CharterSceneView;
  /** A version opened from the charter's history (charter view only). */
  version?: number;
}

const VIEW_KEY = "charter";
const VERSION_KEY = "charterVersion";
const KEYS = [VIEW_KEY, VERSION_KEY] as const;

const isView = (v: string | null): v is CharterSceneView => v !== null && (CHARTER_VIEWS as readonly string[]).includes(v);

/** Reads the place from a query string; anything malformed falls back to the charter. */
export function readPlace(search: string): CharterPlace {
  const p = new URLSearchParams(search);
  const view = p.get(VIEW_KEY);
  const version = Number(p.get(VERSION_KEY));
  const place: CharterPlace = { view: isView(view) ? view : "charter" };
  if (place.view === "charter" && Number.isInteger(version) && version > 0 && version < 100_000) place.version = version;
  return place;
}

/** The address with the scene's part replaced by `place` (the charter view and no open version left out). */
export function placeHref(place: CharterPlace, current: string = window.location.href): string {
  const url = new URL(current);
  for (const key of KEYS) url.searchParams.delete(key);
  if (place.view !== "charter") url.searchParams.set(VIEW_KEY, place.view);
  if (place.view === "charter" && place.version) url.searchParams.set(VERSION_KEY, String(place.version));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The scene's place, and a way to change it in place (no new history entry per click). */
export const useCharterPlace = () => useQueryPlace(readPlace, placeHref);
