/**
 * Where the library is, kept in the address so a filtered view or an open item can be
 * shared, survives a reload, and works with the browser's Back button. Only the keys
 * below belong to the library; the shell's own (`community`, `devUser`, `theme`…) are
 * left as they are.
 */
import { useEffect, useMemo, useState } from "react";
import { ARTIFACT_SORTS, ARTIFACT_TYPES, type ArtifactType } from "../../../../bot/src/contracts";
import { type ArtifactSort } from "../../api/client";
import { shellUrl } from "../../lib/address";

export interface LibraryFilters {
  q: string;
  type?: ArtifactType;
  priority?: string;
  author?: string;
  /** Updated on or after (YYYY-MM-DD). */
  from?: string;
  /** Updated on or before (YYYY-MM-DD). */
  to?: string;
  due: boolean;
  sort: ArtifactSort;
  /** Leads: the recently deleted items instead of the library. */
  deleted: boolean;
}

export type LibraryRoute =
  | { name: "list" }
  | { name: "item"; id: string }
  | { name: "history"; id: string; version?: number }
  | { name: "edit"; id: string }
  | { name: "new"; type?: ArtifactType };

export interface LibraryLocation {
  filters: LibraryFilters;
  route: LibraryRoute;
}

export const DEFAULT_SORT: ArtifactSort = "updated";
export const NO_FILTERS: LibraryFilters = { q: "", due: false, sort: DEFAULT_SORT, deleted: false };

const LIBRARY_KEYS = ["q", "type", "priority", "author", "from", "to", "due", "sort", "deleted", "item", "panel", "version", "new"] as const;
const NAVIGATED = "practice-circles:navigated";

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isType = (v: string | null): v is ArtifactType => v !== null && (ARTIFACT_TYPES as readonly string[]).includes(v);
const isSort = (v: string | null): v is ArtifactSort => v !== null && (ARTIFACT_SORTS as readonly string[]).includes(v);
const valid = (v: string | null, pattern: RegExp) => (v !== null && pattern.test(v) ? v : undefined);

/** Reads the library's place from a query string; anything malformed is ignored, never an error. */
export function readLocation(search: string): LibraryLocation {
  const p = new URLSearchParams(search);
  const type = p.get("type");
  const sort = p.get("sort");
  const filters: LibraryFilters = {
    q: (p.get("q") ?? "").slice(0, 200),
    type: isType(type) ? type : undefined,
    priority: valid(p.get("priority"), SLUG),
    author: valid(p.get("author"), ID),
    from: valid(p.get("from"), DAY),
    to: valid(p.get("to"), DAY),
    due: p.get("due") === "1",
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    deleted: p.get("deleted") === "1",
  };
  const item = valid(p.get("item")?.trim() ?? null, ID);
  const created = p.get("new");
  let route: LibraryRoute = { name: "list" };
  if (item) {
    const panel = p.get("panel");
    const version = Number(p.get("version"));
    if (panel === "history") route = Number.isInteger(version) && version > 0 ? { name: "history", id: item, version } : { name: "history", id: item };
    else if (panel === "edit") route = { name: "edit", id: item };
    else route = { name: "item", id: item };
  } else if (created !== null) {
    route = isType(created) ? { name: "new", type: created } : { name: "new" };
  }
  return { filters, route };
}

/** The library's keys in a fixed order, defaults left out, so equal places give equal strings. */
function libraryParams({ filters: f, route }: LibraryLocation): [string, string][] {
  const out: [string, string][] = [];
  if (f.q.trim()) out.push(["q", f.q]);
  if (f.type) out.push(["type", f.type]);
  if (f.priority) out.push(["priority", f.priority]);
  if (f.author) out.push(["author", f.author]);
  if (f.from) out.push(["from", f.from]);
  if (f.to) out.push(["to", f.to]);
  if (f.due) out.push(["due", "1"]);
  if (f.sort !== DEFAULT_SORT) out.push(["sort", f.sort]);
  if (f.deleted) out.push(["deleted", "1"]);
  if (route.name === "item" || route.name === "history" || route.name === "edit") out.push(["item", route.id]);
  if (route.name === "history") {
    out.push(["panel", "history"]);
    if (route.version) out.push(["version", String(route.version)]);
  }
  if (route.name === "edit") out.push(["panel", "edit"]);
  if (route.name === "new") out.push(["new", route.type ?? "1"]);
  return out;
}

const canonical = (location: LibraryLocation) => new URLSearchParams(libraryParams(location)).toString();

/** The current address with the library's part replaced by `location`. */
export function hrefFor(location: LibraryLocation, current: string = window.location.href): string {
  const url = new URL(current);
  for (const key of LIBRARY_KEYS) url.searchParams.delete(key);
  for (const [key, value] of libraryParams(location)) url.searchParams.append(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

interface HistoryState {
  /** The library place this entry was pushed from, so "close" can go back instead of forward. */
  libraryFrom?: string;
}

const historyState = (): HistoryState => (typeof history.state === "object" && history.state !== null ? (history.state as HistoryState) : {});

/** Goes to `location`: a new history entry, or in place (`replace`) for filter changes and redirects. */
export function navigate(location: LibraryLocation, { replace = false }: { replace?: boolean } = {}): void {
  const href = hrefFor(location);
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (href === here) return;
  if (replace) window.history.replaceState(historyState(), "", href);
  else window.history.pushState({ libraryFrom: canonical(readLocation(window.location.search)) } satisfies HistoryState, "", href);
  window.dispatchEvent(new Event(NAVIGATED));
}

/**
 * Returns to `location` the way Back would when we came from there (so the browser's
 * history stays tidy), else replaces the current entry with it, e.g. after a deep link.
 */
export function leaveTo(location: LibraryLocation): void {
  if (historyState().libraryFrom === canonical(location)) window.history.back();
  else navigate(location, { replace: true });
}

let guard: { onBlocked: () => void; href: string; state: unknown } | null = null;

/**
 * While set, Back and Forward do not leave the current place: the address is put back
 * and `onBlocked` runs (the editor asks whether to discard unsaved changes). Pass null
 * to lift it. Returns a function that lifts it too.
 */
export function setLeaveGuard(onBlocked: (() => void) | null): () => void {
  const mine = onBlocked && { onBlocked, href: `${window.location.pathname}${window.location.search}${window.location.hash}`, state: window.history.state as unknown };
  guard = mine;
  return () => {
    if (guard === mine) guard = null;
  };
}

/** The library's place, following Back/Forward and our own navigation. */
export function useLibraryLocation(): LibraryLocation {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const follow = (event: Event) => {
      if (event.type === "popstate" && guard) {
        window.history.pushState(guard.state, "", guard.href);
        guard.onBlocked();
        return;
      }
      setSearch(window.location.search);
    };
    window.addEventListener("popstate", follow);
    window.addEventListener(NAVIGATED, follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener(NAVIGATED, follow);
    };
  }, []);
  return useMemo(() => readLocation(search), [search]);
}

/** True when any filter narrows the list (the deleted view is a view, not a filter). */
export function isFiltered(f: LibraryFilters): boolean {
  return Boolean(f.q.trim() || f.type || f.priority || f.author || f.from || f.to || f.due);
}

/**
 * A link from another scene to a library item: the shell's keys kept (who, which community,
 * which theme), every scene's place dropped, the library's route set.
 */
export function libraryItemHref(itemId: string, current: string = window.location.href): string {
  const url = shellUrl(current);
  url.hash = "#/library";
  return hrefFor({ filters: NO_FILTERS, route: { name: "item", id: itemId } }, url.toString());
}

/** Opens a library item from another scene without reloading the tab: a new history entry, then the shell follows the hash. */
export function openLibraryItem(itemId: string): void {
  window.history.pushState(null, "", libraryItemHref(itemId));
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}
