import { type DependencyList, type SetStateAction, useCallback, useEffect, useState } from "react";
import { isAbort } from "../../api/client";
import { type AsyncState } from "../../lib/useAsync";

export type Kept<T> = AsyncState<T> & {
  /** True while a reload runs with the previous answer still shown. */
  refreshing: boolean;
  /** Asks again; what is on screen stays until the answer comes. */
  reload: () => void;
  /** Changes the loaded answer in place, e.g. with the server's reply to an action. */
  update: (change: SetStateAction<T>) => void;
};

/**
 * Like useAsync, but a reload keeps the loaded data on screen (and focus where it was)
 * instead of going back to a spinner. A change of `deps` starts afresh.
 */
export function useKept<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Kept<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [refreshing, setRefreshing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setState({ status: "loading" });
    // `load` is recreated each render; `deps` says when it really changed.
  }, deps);

  useEffect(() => {
    const controller = new AbortController();
    setRefreshing(true);
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ status: "ready", data });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((s) => (s.status === "ready" ? s : { status: "error", error }));
        setRefreshing(false);
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: SetStateAction<T>) => {
    setState((s) => (s.status === "ready" ? { status: "ready", data: typeof change === "function" ? (change as (prev: T) => T)(s.data) : change } : s));
  }, []);
  return { ...state, refreshing, reload, update };
}
