import { type FocusEvent, type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type Range, defaultRangeExtractor, useWindowVirtualizer } from "@tanstack/react-virtual";
import { type ArtifactSummary } from "../../../../bot/src/contracts";
import { messageOf } from "../../shell/states";
import { ArtifactRow, rowLinkId } from "./ArtifactRow";
import { type ArtifactsController } from "./useArtifacts";

const useStyles = makeStyles({
  list: { position: "relative", margin: 0, padding: 0, listStyle: "none" },
  row: { position: "absolute", top: 0, left: 0, width: "100%" },
  stale: { opacity: 0.6 },
  more: { display: "flex", flexDirection: "column", alignItems: "center", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} 0` },
});

const GAP = 8;
const PAGE = 8;

export interface ArtifactListProps {
  library: ArtifactsController;
  locale: string;
  priorityLabels: ReadonlyMap<string, string>;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
  /** A row to bring into view and focus, e.g. the item just closed; each new `seq` asks again. */
  focus?: { id: string; seq: number };
  label: string;
  onRestore?: (item: ArtifactSummary) => void;
  restoringId?: string;
}

/**
 * The library rows, virtualised against the window's scroll: only the rows near the
 * viewport are in the page, so thousands stay smooth. One row is in the Tab order;
 * arrow keys, Page Up/Down, Home and End move between rows, Enter opens one. The next
 * page loads when the last rows come near.
 */
export function ArtifactList({ library, locale, priorityLabels, hrefFor, onOpen, focus, label, onRestore, restoringId }: ArtifactListProps) {
  const styles = useStyles();
  const { items, hasMore, more, loadMore } = library;
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(() => Math.max(0, focus ? items.findIndex((i) => i.id === focus.id) : 0));
  const current = Math.min(active, Math.max(items.length - 1, 0));
  const focusNext = useRef<string | null>(null);

  // Where the list starts on the page; the filters above it can wrap and grow.
  const [scrollMargin, setScrollMargin] = useState(0);
  const measureTop = useCallback(() => {
    const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    setScrollMargin((m) => (Math.abs(top - m) > 0.5 ? top : m));
  }, []);
  useLayoutEffect(measureTop);
  useEffect(() => {
    const above = listRef.current?.parentElement;
    if (!above || typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(measureTop);
    observer.observe(above);
    return () => observer.disconnect();
  }, [measureTop]);

  // The focused row stays rendered even when scrolled far away, so Tab always finds it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (current < range.count && !indexes.includes(current)) return [...indexes, current].sort((a, b) => a - b);
      return indexes;
    },
    [current],
  );

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => 124,
    overscan: 6,
    gap: GAP,
    scrollMargin,
    getItemKey: (index) => items[index]?.id ?? index,
    rangeExtractor,
    useFlushSync: false,
  });

  // Back from an item, or an undo brought one back: show its row and put focus on it.
  const handled = useRef<number>(undefined);
  useEffect(() => {
    if (!focus || handled.current === focus.seq) return;
    const index = items.findIndex((i) => i.id === focus.id);
    if (index < 0) return;
    handled.current = focus.seq;
    setActive(index);
    virtualizer.scrollToIndex(index, { align: "center" });
    focusNext.current = focus.id;
  }, [focus, items, virtualizer]);

  // Focus moves after the row it goes to has rendered.
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    const link = document.getElementById(rowLinkId(id));
    if (link) {
      focusNext.current = null;
      link.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (items.length === 0) return;
    const next = Math.min(Math.max(index, 0), items.length - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
    focusNext.current = items[next]!.id;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!(event.target instanceof HTMLAnchorElement) || event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + PAGE, PageUp: current - PAGE, Home: 0, End: items.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  };

  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const index = Number((event.target as HTMLElement).closest<HTMLElement>("[data-index]")?.dataset.index);
    if (Number.isInteger(index) && index !== current) setActive(index);
  };

  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && more === "idle" && last >= items.length - PAGE) loadMore();
  }, [hasMore, more, last, items.length, loadMore]);

  return (
    <>
      <ul
        ref={listRef}
        className={mergeClasses(styles.list, library.status === "loading" && styles.stale)}
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={label}
        aria-busy={library.status === "loading"}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {rows.map((row) => {
          const item = items[row.index]!;
          return (
            <li
              key={row.key}
              id={`artifact-${item.id}`}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className={styles.row}
              style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
              aria-posinset={row.index + 1}
              aria-setsize={hasMore ? -1 : items.length}
            >
              <ArtifactRow
                item={item}
                locale={locale}
                priorityLabels={priorityLabels}
                href={hrefFor(item.id)}
                tabbable={row.index === current}
                onOpen={onOpen}
                onRestore={onRestore}
                restoring={restoringId === item.id}
              />
            </li>
          );
        })}
      </ul>
      {(hasMore || more === "error") && (
        <div className={styles.more}>
          {more === "error" ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{messageOf(library.moreError)}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={loadMore}>Try again</Button>
              </MessageBarActions>
            </MessageBar>
          ) : (
            <Button onClick={loadMore} disabledFocusable={more === "loading"} icon={more === "loading" ? <Spinner size="tiny" /> : undefined}>
              {more === "loading" ? "Loading more…" : "Load more"}
            </Button>
          )}
        </div>
      )}
    </>
  );
}
