import { useCallback, useEffect, useRef, useState } from "react";
import { type ArtifactSummary, type ArtifactType } from "../../../../bot/src/contracts";
import { type ApiClient, isAbort } from "../../api/client";

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

/**
 * The library, page by page. A new search or filter aborts whatever is in flight and
 * starts from the first page; "load more" appends the next page via its token.
 */
export function useArtifacts(api: ApiClient, communityId: string, q: string, type: ArtifactType | undefined) {
  const [state, setState] = useState<ArtifactsState>(initial);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef<{ controller: AbortController; token: string | null; busy: boolean } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const current = { controller, token: null as string | null, busy: false };
    generation.current = current;
    setState((s) => ({ ...initial, items: s.items }));
    api.artifacts(communityId, { limit: PAGE_SIZE, q, type }, controller.signal).then(
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
  }, [api, communityId, q, type, attempt]);

  const loadMore = useCallback(() => {
    const current = generation.current;
    if (!current || current.busy || !current.token) return;
    const { controller } = current;
    current.busy = true;
    setState((s) => ({ ...s, more: "loading", moreError: undefined }));
    api.artifacts(communityId, { limit: PAGE_SIZE, q, type, continuationToken: current.token }, controller.signal).then(
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
  }, [api, communityId, q, type]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadMore, retry };
}
