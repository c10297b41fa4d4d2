import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, type ArtifactResponse, type ArtifactSummary } from "../../../../bot/src/contracts";
import { plural } from "../../lib/format";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../shell/states";
import type { Note } from "../../shell/ToastHost";
import { type HostContext } from "../../teams/host";
import { type SceneProps } from "../index";
import { ArtifactList } from "./ArtifactList";
import { summaryOf, useOpenItem } from "./itemState";
import { LibraryFilters } from "./LibraryFilters";
import { type LibraryFilters as Filters, type LibraryRoute, hrefFor, isFiltered, leaveTo, navigate, readLocation, useLibraryLocation } from "./route";
import { useArtifacts } from "./useArtifacts";

const ArtifactDetail = lazy(() => import("./ArtifactDetail"));
const ArtifactEditor = lazy(() => import("./ArtifactEditor"));
const ArtifactHistory = lazy(() => import("./ArtifactHistory"));
const ToastHost = lazy(() => import("../../shell/ToastHost"));

const useStyles = makeStyles({
  scene: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  intro: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { margin: 0, ":focus": { outline: "none" }, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  lead: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  status: { minHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2, display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** A deep link from Teams (subPageId) opens its item once, the first time the library shows. */
const deepLinksUsed = new WeakSet<HostContext>();

function useHostDeepLink(host: HostContext, communityId: string) {
  useState(() => {
    const link = host.deepLink;
    if (!link || deepLinksUsed.has(host)) return;
    deepLinksUsed.add(host);
    const here = new URLSearchParams(window.location.search);
    if (here.get("item") || (link.communityId && link.communityId !== communityId)) return;
    const { filters } = readLocation(window.location.search);
    window.history.replaceState(window.history.state, "", hrefFor({ filters, route: { name: "item", id: link.itemId } }));
  });
}

function noMatchText(f: Filters): string {
  const parts: string[] = [];
  if (f.type) parts.push(`of type “${ARTIFACT_TYPE_LABELS[f.type]}”`);
  const what = parts.length ? `Nothing ${parts.join(" ")}` : "Nothing";
  if (f.q.trim()) return `${what} matches “${f.q.trim()}” with these filters. Try fewer words or clear a filter.`;
  return `${what} matches these filters. Clear one to see more.`;
}

/** The community's shared artifacts: search and filters, one item, the editor and the history. */
export default function LibraryScene({ api, host, community, details, user }: SceneProps) {
  useHostDeepLink(host, community.id);
  const { filters, route } = useLibraryLocation();
  const library = useArtifacts(api, community.id, filters);
  const itemId = route.name === "item" || route.name === "history" || route.name === "edit" ? route.id : undefined;
  const open = useOpenItem(api, community.id, itemId, route.name === "item");
  const isLead = community.role === "lead";
  const canCreate = community.role !== "sponsor";

  const [focusRow, setFocusRow] = useState<{ id: string; seq: number }>();
  const [restoringId, setRestoringId] = useState<string>();

  // After the first screen, each new place takes focus at its heading (or the row we came back to).
  const arrivals = useRef(0);
  const placeKey = `${route.name}:${"id" in route ? route.id : ""}:${route.name === "history" ? (route.version ?? "") : ""}:${filters.deleted}`;
  const lastPlace = useRef(placeKey);
  if (lastPlace.current !== placeKey) {
    lastPlace.current = placeKey;
    arrivals.current += 1;
  }
  const autoFocus = arrivals.current > 0;

  const priorityLabels = useMemo(() => new Map((details?.culturalPriorities ?? []).map((p) => [p.id, p.label] as const)), [details]);

  // The author filter offers the people seen so far in this visit.
  const [authors, setAuthors] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const fresh = library.items.filter((i) => i.author && !authors.has(i.author.id));
    if (fresh.length === 0) return;
    setAuthors((known) => {
      const next = new Map(known);
      for (const i of fresh) next.set(i.author!.id, i.author!.displayName);
      return next;
    });
  }, [library.items, authors]);

  const go = useCallback((next: LibraryRoute, options?: { replace?: boolean }) => navigate({ filters, route: next }, options), [filters]);
  const backTo = useCallback((next: LibraryRoute) => leaveTo({ filters, route: next }), [filters]);
  const setFilters = useCallback((next: Filters) => navigate({ filters: next, route: { name: "list" } }, { replace: true }), []);

  const openItem = useCallback((id: string) => go({ name: "item", id }), [go]);

  // Leaving an item for the list (however it was opened, by link, Back or a button) puts focus on its row.
  const [shownItem, setShownItem] = useState(itemId);
  if (shownItem !== itemId) {
    setShownItem(itemId);
    if (shownItem && !itemId) setFocusRow((f) => ({ id: shownItem, seq: (f?.seq ?? 0) + 1 }));
  }
  const itemHref = useCallback((id: string) => hrefFor({ filters, route: { name: "item", id } }), [filters]);

  // Notes after an action; the toast code loads with the first one.
  const [notes, setNotes] = useState<Note[]>([]);
  const toast = useCallback(
    (title: string, options: { intent?: Note["intent"]; action?: Note["action"]; id?: string } = {}) => {
      const note: Note = { id: `${options.id ?? "note"}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, title, intent: options.intent ?? "success", action: options.action };
      setNotes((all) => [...all.slice(-9), note]);
    },
    [],
  );

  const undoDelete = useCallback(
    async (item: ArtifactResponse, index: number) => {
      try {
        const restored = await api.undeleteArtifact(community.id, item.id);
        library.upsert(summaryOf(restored), index);
        setFocusRow((f) => ({ id: item.id, seq: (f?.seq ?? 0) + 1 }));
        toast(`“${restored.title}” is back in the library.`);
      } catch (error) {
        toast(`We couldn't bring it back. ${messageOf(error)}`, { intent: "error" });
      }
    },
    [api, community.id, library, toast],
  );

  const deleteItem = useCallback(
    async (item: ArtifactResponse) => {
      await api.deleteArtifact(community.id, item.id);
      const index = library.items.findIndex((i) => i.id === item.id);
      library.remove(item.id);
      backTo({ name: "list" });
      toast(`“${item.title}” was deleted.`, { id: "deleted", action: { label: "Undo", run: () => void undoDelete(item, Math.max(index, 0)) } });
    },
    [api, community.id, library, backTo, toast, undoDelete],
  );

  const restoreDeleted = useCallback(
    async (item: ArtifactSummary | ArtifactResponse) => {
      setRestoringId(item.id);
      try {
        const restored = await api.undeleteArtifact(community.id, item.id);
        library.remove(item.id);
        if (open.state.data?.id === item.id) open.put(restored);
        toast(`“${restored.title}” is back in the library.`, {
          action: { label: "Open it", run: () => navigate({ filters: { ...filters, deleted: false }, route: { name: "item", id: restored.id } }) },
        });
      } catch (error) {
        toast(`We couldn't restore it. ${messageOf(error)}`, { intent: "error" });
        throw error;
      } finally {
        setRestoringId(undefined);
      }
    },
    [api, community.id, library, open, toast, filters],
  );

  const onSaved = useCallback(
    (saved: ArtifactResponse, mode: "new" | "edit") => {
      open.put(saved);
      if (!filters.deleted) library.upsert(summaryOf(saved));
      if (mode === "new") {
        go({ name: "item", id: saved.id }, { replace: true });
        toast(saved.visibility === "private" ? "Saved as a private draft. Only you can see it." : "Shared. Thank you — it's in the library now.");
      } else {
        backTo({ name: "item", id: saved.id });
        toast(`Saved as version ${saved.version}.`);
      }
    },
    [open, library, filters.deleted, go, backTo, toast],
  );

  let body;
  switch (route.name) {
    case "item":
      body = (
        <ArtifactDetail
          state={open.state}
          locale={host.locale}
          priorityLabels={priorityLabels}
          backLabel={filters.deleted ? "Back to recently deleted" : "Back to the library"}
          autoFocus={autoFocus}
          onBack={() => backTo({ name: "list" })}
          onRetry={open.reload}
          onEdit={() => go({ name: "edit", id: route.id })}
          onHistory={() => go({ name: "history", id: route.id })}
          onDelete={deleteItem}
          onUndelete={restoreDeleted}
        />
      );
      break;
    case "history":
      body = (
        <ArtifactHistory
          api={api}
          communityId={community.id}
          item={open.state}
          version={route.version}
          locale={host.locale}
          autoFocus={autoFocus}
          onBack={() => backTo({ name: "item", id: route.id })}
          onView={(version) => (version ? go({ name: "history", id: route.id, version }) : backTo({ name: "history", id: route.id }))}
          onRetryItem={open.reload}
          onRestored={(saved, version) => {
            open.put(saved);
            library.upsert(summaryOf(saved));
            navigate({ filters, route: { name: "item", id: saved.id } }, { replace: true });
            toast(`Version ${version} is back, saved as version ${saved.version}.`);
          }}
        />
      );
      break;
    case "edit":
    case "new":
      body = (
        <ArtifactEditor
          api={api}
          communityId={community.id}
          userId={user.id}
          target={route.name === "edit" ? { mode: "edit", item: open.state } : { mode: "new", type: route.type }}
          priorities={details?.culturalPriorities ?? []}
          circleIds={details?.myCircleIds ?? []}
          autoFocus={autoFocus}
          onChooseType={(type) => go({ name: "new", type }, { replace: true })}
          onLeave={() => backTo(route.name === "edit" ? { name: "item", id: route.id } : { name: "list" })}
          onSaved={onSaved}
          onReloaded={open.put}
          onRetryLoad={open.reload}
        />
      );
      break;
    case "list":
      body = (
        <ListView
          key={filters.deleted ? "deleted" : "library"}
          filters={filters}
          library={library}
          locale={host.locale}
          priorityLabels={priorityLabels}
          priorities={details?.culturalPriorities ?? []}
          authors={authors}
          isLead={isLead}
          canCreate={canCreate}
          autoFocus={autoFocus}
          focusRow={focusRow}
          onFilters={setFilters}
          onOpen={openItem}
          hrefFor={itemHref}
          onNew={() => go({ name: "new" })}
          onDeletedView={(deleted) => {
            setFocusRow(undefined);
            navigate({ filters: { ...filters, deleted }, route: { name: "list" } });
          }}
          onRestore={(item) => void restoreDeleted(item).catch(() => undefined)}
          restoringId={restoringId}
        />
      );
      break;
  }

  return (
    <>
      <Suspense fallback={<LoadingState label="Opening…" />}>{body}</Suspense>
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </>
  );
}

interface ListViewProps {
  filters: Filters;
  library: ReturnType<typeof useArtifacts>;
  locale: string;
  priorityLabels: ReadonlyMap<string, string>;
  priorities: NonNullable<SceneProps["details"]>["culturalPriorities"];
  authors: ReadonlyMap<string, string>;
  isLead: boolean;
  canCreate: boolean;
  autoFocus: boolean;
  focusRow?: { id: string; seq: number };
  onFilters: (next: Filters) => void;
  onOpen: (id: string) => void;
  hrefFor: (id: string) => string;
  onNew: () => void;
  onDeletedView: (deleted: boolean) => void;
  onRestore: (item: ArtifactSummary) => void;
  restoringId?: string;
}

function ListView({ filters, library, locale, priorityLabels, priorities, authors, isLead, canCreate, autoFocus, focusRow, onFilters, onOpen, hrefFor, onNew, onDeletedView, onRestore, restoringId }: ListViewProps) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const deleted = filters.deleted && isLead;
  const count = library.items.length;
  const returningTo = focusRow && library.items.some((i) => i.id === focusRow.id) ? focusRow : undefined;

  // Arriving without a row to return to (e.g. after a delete or a cancelled new item): focus the heading.
  useEffect(() => {
    if (autoFocus && !returningTo) heading.current?.focus({ preventScroll: true });
    // Only on arrival.
  }, []);

  const status =
    library.status === "loading"
      ? count > 0
        ? "Searching…"
        : ""
      : library.status === "ready" && count > 0
        ? library.hasMore
          ? `Showing the first ${plural(count, "item", "items")}. Scroll for more.`
          : plural(count, "item", "items")
        : "";

  let content;
  if (library.status === "error") {
    content = <ErrorState title={deleted ? "We couldn't load the deleted items" : "We couldn't load the library"} error={library.error} onRetry={library.retry} />;
  } else if (library.status === "loading" && count === 0) {
    content = <LoadingState label={deleted ? "Loading deleted items…" : "Loading the library…"} />;
  } else if (library.status === "ready" && count === 0) {
    if (isFiltered(filters)) {
      content = (
        <EmptyState title="No matches" actions={<Button onClick={() => onFilters({ ...filters, q: "", type: undefined, priority: undefined, author: undefined, from: undefined, to: undefined, due: false })}>Clear search and filters</Button>}>
          {noMatchText(filters)}
        </EmptyState>
      );
    } else if (deleted) {
      content = <EmptyState title="Nothing deleted lately">Items deleted in the last 30 days show up here, so you can bring them back.</EmptyState>;
    } else {
      content = (
        <EmptyState title="Nothing in the library yet" actions={canCreate && <Button appearance="primary" onClick={onNew}>Add the first item</Button>}>
          After your next session, save what worked here: a case, a checklist or a one-page summary. In any Teams chat, use “Share as case”
          on a message to bring it to your peers.
        </EmptyState>
      );
    }
  } else {
    content = (
      <ArtifactList
        library={library}
        locale={locale}
        priorityLabels={priorityLabels}
        hrefFor={hrefFor}
        onOpen={onOpen}
        focus={returningTo}
        label={deleted ? "Deleted items" : "Library items"}
        onRestore={deleted ? onRestore : undefined}
        restoringId={restoringId}
      />
    );
  }

  return (
    <section className={styles.scene} aria-labelledby="library-heading">
      <div className={styles.top}>
        <div className={styles.intro}>
          <Text as="h2" id="library-heading" ref={heading} tabIndex={-1} size={600} weight="semibold" className={styles.heading}>
            {deleted ? "Recently deleted" : "Library"}
          </Text>
          <Text className={styles.lead}>
            {deleted ? "Deleted in the last 30 days. Restore brings an item back for everyone." : "Cases, checklists and playbooks from your peers. Reuse what worked."}
          </Text>
        </div>
        <div className={styles.actions}>
          {isLead && (
            <Button appearance={deleted ? "secondary" : "subtle"} onClick={() => onDeletedView(!deleted)}>
              {deleted ? "Back to the library" : "Recently deleted"}
            </Button>
          )}
          {canCreate && !deleted && (
            <Button appearance="primary" onClick={onNew}>
              New item
            </Button>
          )}
        </div>
      </div>
      <LibraryFilters filters={filters} onChange={onFilters} priorities={priorities} authors={authors} />
      <div className={styles.status} role="status">
        {library.status === "loading" && count > 0 && <Spinner size="extra-tiny" />}
        <Text size={200}>{status}</Text>
      </div>
      {content}
    </section>
  );
}
