import { useCallback, useEffect, useRef, useState } from "react";
import { type ArtifactSummary } from "../../../../bot/src/contracts";
import { type ApiClient, type ArtifactPageQuery, isAbort } from "../../api/client";
import { type LibraryFilters } from "./route";

export const PAGE_SIZE = 50;

export interface ArtifactsState {
  items: ArtifactSummary[];
  /** "loading" keeps the previous items on screen while a new search runs. */
  status: "loading" | "ready" | "error";
  error?: unknown;
  hasMore: boolean;
  more: "idle" | "loading" | "error";
  moreError?: unknown;
}

const initial: ArtifactsState = { items: [], status: "loading", hasMore: false, more: "idle" };

function queryOf(f: LibraryFilters): ArtifactPageQuery {
  return {
    limit: PAGE_SIZE,
    q: f.q,
    type: f.type,
    priority: f.priority,
    author: f.author,
    from: f.from,
    to: f.to,
    dueForReview: f.due,
    sort: f.sort,
    deleted: f.deleted,
  };
}

/**
 * The library, page by page. A new search or filter aborts whatever is in flight and
 * starts from the first page; "load more" appends the next page via its token. Saves,
 * deletes and restores made here patch the loaded rows instead of reloading them all.
 */
export function useArtifacts(api: ApiClient, communityId: string, filters: LibraryFilters) {
  const [state, setState] = useState<ArtifactsState>(initial);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef<{ controller: AbortController; token: string | null; busy: boolean } | null>(null);
  const key = JSON.stringify(queryOf(filters));

  useEffect(() => {
    const query = JSON.parse(key) as ArtifactPageQuery;
    const controller = new AbortController();
    const current = { controller, token: null as string | null, busy: false };
    generation.current = current;
    setState((s) => ({ ...initial, items: s.items }));
    api.artifacts(communityId, query, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        current.token = page.continuationToken;
        setState({ items: page.items, status: "ready", hasMore: page.continuationToken !== null, more: "idle" });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState({ ...initial, status: "error", error });
      },
    );
    return () => controller.abort();
  }, [api, communityId, key, attempt]);

  const loadMore = useCallback(() => {
    const current = generation.current;
    if (!current || current.busy || !current.token) return;
    const { controller } = current;
    current.busy = true;
    setState((s) => ({ ...s, more: "loading", moreError: undefined }));
    const query = JSON.parse(key) as ArtifactPageQuery;
    api.artifacts(communityId, { ...query, continuationToken: current.token }, controller.signal).then(
      (page) => {
        current.busy = false;
        if (controller.signal.aborted) return;
        current.token = page.continuationToken;
        setState((s) => {
          const seen = new Set(s.items.map((i) => i.id));
          const fresh = page.items.filter((i) => !seen.has(i.id));
          return { ...s, items: s.items.concat(fresh), hasMore: page.continuationToken !== null, more: "idle" };
        });
      },
      (error: unknown) => {
        current.busy = false;
        if (controller.signal.aborted || isAbort(error)) return;
        setState((s) => ({ ...s, more: "error", moreError: error }));
      },
    );
  }, [api, communityId, key]);

  /** Puts a saved item in place of its old row, or at `index` (default: the top) when new here. */
  const upsert = useCallback((item: ArtifactSummary, index = 0) => {
    setState((s) => {
      const at = s.items.findIndex((i) => i.id === item.id);
      if (at >= 0) return { ...s, items: s.items.map((i) => (i.id === item.id ? item : i)) };
      const items = s.items.slice();
      items.splice(Math.min(Math.max(index, 0), items.length), 0, item);
      return { ...s, items };
    });
  }, []);

  /** Takes a row out: deleted, or restored from the deleted view. */
  const remove = useCallback((id: string) => {
    setState((s) => (s.items.some((i) => i.id === id) ? { ...s, items: s.items.filter((i) => i.id !== id) } : s));
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadMore, retry, upsert, remove };
}

export type ArtifactsController = ReturnType<typeof useArtifacts>;
