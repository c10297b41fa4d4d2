/**
 * A scene's place kept in the address (a view, an open item), so a reload or a shared
 * link opens it again. Changes replace the current history entry (no entry per click);
 * Back and Forward, and changes made elsewhere through `go`, are followed.
 */
import { useCallback, useEffect, useState } from "react";

const CHANGED = "practice-circles:place";

export function useQueryPlace<P>(read: (search: string) => P, href: (place: P) => string): [P, (next: P) => void] {
  const [place, setPlace] = useState(() => read(window.location.search));
  useEffect(() => {
    const follow = () => setPlace(read(window.location.search));
    window.addEventListener("popstate", follow);
    window.addEventListener(CHANGED, follow);
    return () => {
      window.removeEventListener("popstate", follow);
      window.removeEventListener(CHANGED, follow);
    };
  }, [read]);
  const go = useCallback(
    (next: P) => {
      window.history.replaceState(window.history.state, "", href(next));
      window.dispatchEvent(new Event(CHANGED));
    },
    [href],
  );
  return [place, go];
}
