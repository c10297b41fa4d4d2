import { useCallback, useEffect, useRef, useState } from "react";
import { type ArtifactResponse, type ArtifactSummary } from "../../../../bot/src/contracts";
import { type ApiClient, isAbort } from "../../api/client";

export type ItemState =
  | { status: "loading"; data?: undefined; error?: undefined }
  | { status: "ready"; data: ArtifactResponse; error?: undefined }
  | { status: "error"; data?: undefined; error: unknown };

/** A list row made from a full item, to patch the loaded list after a save. */
export function summaryOf(item: ArtifactResponse): ArtifactSummary {
  const { body: _body, fields: _fields, ...summary } = item;
  return summary;
}

/**
 * The item the library has open (detail, editor and history share it, so moving between
 * them costs no requests). The first read of an item in this visit counts as an open
 * when it is for reading (`countOpen`); later reads (after saving, or coming back) do not.
 */
export function useOpenItem(api: ApiClient, communityId: string, id: string | undefined, countOpen: boolean) {
  const [entry, setEntry] = useState<{ id: string; state: ItemState }>();
  const [attempt, setAttempt] = useState(0);
  const opened = useRef(new Set<string>());
  const have = entry?.id === id && entry?.state.status === "ready";

  useEffect(() => {
    if (!id) {
      setEntry(undefined);
      return;
    }
    if (have) return;
    const controller = new AbortController();
    const track = countOpen && !opened.current.has(id);
    opened.current.add(id);
    setEntry({ id, state: { status: "loading" } });
    api.artifact(communityId, id, { track }, controller.signal).then(
      (data) => !controller.signal.aborted && setEntry({ id, state: { status: "ready", data } }),
      (error: unknown) => !controller.signal.aborted && !isAbort(error) && setEntry({ id, state: { status: "error", error } }),
    );
    return () => controller.abort();
    // `have` and `countOpen` are left out on purpose: a loaded item is kept until `reload` asks again.
  }, [api, communityId, id, attempt]);

  /** Shows this version at once (e.g. the server's answer to a save). */
  const put = useCallback((data: ArtifactResponse) => setEntry({ id: data.id, state: { status: "ready", data } }), []);
  const reload = useCallback(() => {
    setEntry(undefined);
    setAttempt((n) => n + 1);
  }, []);
  const state: ItemState = id && entry?.id === id ? entry.state : { status: "loading" };
  return { state, put, reload };
}
