import { useCallback, useEffect, useState } from "react";
import { type SessionListResponse, type SessionView } from "../../../../bot/src/contracts";
import { type ApiClient, isAbort } from "../../api/client";
import { type AsyncState } from "../../lib/useAsync";

/**
 * Upcoming or past sessions. Answers to an RSVP, a check-in or a skip patch the loaded
 * session in place instead of reloading the list.
 */
export function useSessionList(api: ApiClient, communityId: string, when: "upcoming" | "past", limit: number) {
  const [state, setState] = useState<AsyncState<SessionListResponse>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    api.sessions(communityId, { when, limit }, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: "ready", data }),
      (error: unknown) => !controller.signal.aborted && !isAbort(error) && setState({ status: "error", error }),
    );
    return () => controller.abort();
  }, [api, communityId, when, limit, attempt]);

  /** Puts the server's newer copy of a session in place of the loaded one; a moved session finds its new place. */
  const replace = useCallback(
    (session: SessionView) => {
      const order = (a: SessionView, b: SessionView) => (when === "upcoming" ? 1 : -1) * (Date.parse(a.startsAt) - Date.parse(b.startsAt));
      setState((s) => (s.status === "ready" ? { ...s, data: { ...s.data, items: s.data.items.map((i) => (i.id === session.id ? session : i)).sort(order) } } : s));
    },
    [when],
  );

  /** Changes one loaded session without asking the server (e.g. after a check-in, which answers with the check-in only). */
  const patch = useCallback((id: string, change: (session: SessionView) => SessionView) => {
    setState((s) => (s.status === "ready" ? { ...s, data: { ...s.data, items: s.data.items.map((i) => (i.id === id ? change(i) : i)) } } : s));
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, replace, patch, reload };
}

export type SessionList = ReturnType<typeof useSessionList>;
