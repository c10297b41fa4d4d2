import { useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  Select,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, ARTIFACT_TYPES, type ArtifactType } from "../../../../bot/src/contracts";
import { useDebounced } from "../../lib/useAsync";
import { plural } from "../../lib/format";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../shell/states";
import { type SceneProps } from "../index";
import { ArtifactRow } from "./ArtifactRow";
import { useArtifacts } from "./useArtifacts";

const useStyles = makeStyles({
  scene: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  intro: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  lead: { color: tokens.colorNeutralForeground2 },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalM,
  },
  search: { flex: "1 1 260px", maxWidth: "480px" },
  searchBox: { width: "100%", maxWidth: "none" },
  type: { flex: "0 1 220px" },
  status: { minHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2, display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  stale: { opacity: 0.6 },
  more: { display: "flex", flexDirection: "column", alignItems: "center", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} 0` },
});

const isArtifactType = (value: string): value is ArtifactType => (ARTIFACT_TYPES as readonly string[]).includes(value);

function noMatchText(q: string, type: ArtifactType | ""): string {
  const label = type ? `“${ARTIFACT_TYPE_LABELS[type]}”` : "";
  if (q && label) return `Nothing of type ${label} matches “${q}”. Try fewer words, or look in all types.`;
  if (label) return `There's nothing of type ${label} yet. Pick another type to see more.`;
  return `Nothing matches “${q}”. Try fewer or different words.`;
}

/** The community's shared artifacts: search, filter by type, page through. */
export default function LibraryScene({ api, host, community, details }: SceneProps) {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [type, setType] = useState<ArtifactType | "">("");
  const q = useDebounced(text.trim(), 300);
  const library = useArtifacts(api, community.id, q, type || undefined);
  const filtered = q !== "" || type !== "";

  const priorityLabels = useMemo(
    () => new Map((details?.culturalPriorities ?? []).map((p) => [p.id, p.label] as const)),
    [details],
  );

  // A deep link (Teams subPageId or ?item=) brings its item into view once.
  const target = host.deepLinkItemId;
  const revealed = useRef(false);
  useEffect(() => {
    if (!target || revealed.current || !library.items.some((i) => i.id === target)) return;
    revealed.current = true;
    const row = document.getElementById(`artifact-${target}`);
    row?.scrollIntoView({ block: "center" });
    row?.focus({ preventScroll: true });
  }, [target, library.items]);

  const clear = () => {
    setText("");
    setType("");
  };

  const count = library.items.length;
  const status =
    library.status === "loading"
      ? count > 0
        ? "Searching…"
        : ""
      : library.status === "ready" && count > 0
        ? library.hasMore
          ? `Showing the first ${plural(count, "item", "items")}`
          : plural(count, "item", "items")
        : "";

  let body;
  if (library.status === "error") {
    body = <ErrorState title="We couldn't load the library" error={library.error} onRetry={library.retry} />;
  } else if (library.status === "loading" && count === 0) {
    body = <LoadingState label="Loading the library…" />;
  } else if (library.status === "ready" && count === 0) {
    body = filtered ? (
      <EmptyState
        title="No matches"
        actions={<Button onClick={clear}>Clear search and filter</Button>}
      >
        {noMatchText(q, type)}
      </EmptyState>
    ) : (
      <EmptyState title="Nothing in the library yet">
        After your next session, save what worked here: a case summary, a checklist or a one-page summary. In any Teams
        chat, use “Share as case” on a message to bring it to your peers.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <ul className={mergeClasses(styles.list, library.status === "loading" && styles.stale)} aria-label="Library items" aria-busy={library.status === "loading"}>
          {library.items.map((item) => (
            <ArtifactRow
              key={item.id}
              item={item}
              locale={host.locale}
              priorityLabels={priorityLabels}
              highlighted={item.id === target}
            />
          ))}
        </ul>
        {(library.hasMore || library.more === "error") && (
          <div className={styles.more}>
            {library.more === "error" && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{messageOf(library.moreError)}</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={library.loadMore}>Try again</Button>
                </MessageBarActions>
              </MessageBar>
            )}
            {library.more !== "error" && (
              <Button
                onClick={library.loadMore}
                disabledFocusable={library.more === "loading"}
                icon={library.more === "loading" ? <Spinner size="tiny" /> : undefined}
              >
                {library.more === "loading" ? "Loading more…" : "Load more"}
              </Button>
            )}
          </div>
        )}
      </>
    );
  }

  return (
    <section className={styles.scene} aria-labelledby="library-heading">
      <div className={styles.intro}>
        <Text as="h2" id="library-heading" size={600} weight="semibold" className={styles.heading}>
          Library
        </Text>
        <Text className={styles.lead}>Cases, checklists and playbooks from your peers. Reuse what worked.</Text>
      </div>
      <div className={styles.toolbar} role="search">
        <Field label="Search" className={styles.search}>
          <SearchBox
            className={styles.searchBox}
            placeholder="Titles, summaries, topics"
            value={text}
            onChange={(_, data) => setText(data.value)}
          />
        </Field>
        <Field label="Type" className={styles.type}>
          <Select value={type} onChange={(_, data) => setType(isArtifactType(data.value) ? data.value : "")}>
            <option value="">All types</option>
            {ARTIFACT_TYPES.map((t) => (
              <option key={t} value={t}>
                {ARTIFACT_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.status} role="status">
        {library.status === "loading" && count > 0 && <Spinner size="extra-tiny" />}
        <Text size={200}>{status}</Text>
      </div>
      {body}
    </section>
  );
}
