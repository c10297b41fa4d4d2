import { useEffect, useRef, useState } from "react";
import { Button, Checkbox, Field, Input, SearchBox, Select, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, ARTIFACT_TYPES, type ArtifactType, type CulturalPriority } from "../../../../bot/src/contracts";
import { type ArtifactSort } from "../../api/client";
import { useDebounced } from "../../lib/useAsync";
import { type LibraryFilters as Filters, NO_FILTERS, isFiltered } from "./route";

const useStyles = makeStyles({
  bar: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  search: { flex: "1 1 260px" },
  searchBox: { width: "100%", maxWidth: "none" },
  select: { flex: "0 1 190px", minWidth: "150px" },
  date: { flex: "0 1 160px", minWidth: "140px" },
  check: { alignSelf: "flex-end", paddingBottom: tokens.spacingVerticalXXS },
  // On a phone the less used filters fold away behind a toggle.
  toggle: { display: "none", "@media (max-width: 639px)": { display: "inline-flex", alignSelf: "flex-start" } },
  folded: { "@media (max-width: 639px)": { display: "none" } },
});

export const SORT_LABELS: Record<ArtifactSort, string> = { updated: "Recently updated", newest: "Newest first", opened: "Most opened" };
const SORTS: ArtifactSort[] = ["updated", "newest", "opened"];

const isType = (value: string): value is ArtifactType => (ARTIFACT_TYPES as readonly string[]).includes(value);
const isSort = (value: string): value is ArtifactSort => (SORTS as string[]).includes(value);

export interface LibraryFiltersProps {
  filters: Filters;
  onChange: (next: Filters) => void;
  priorities: readonly CulturalPriority[];
  /** People seen as authors so far: the filter offers only names we know. */
  authors: ReadonlyMap<string, string>;
}

/** Search, filters and sort. The search box waits for a pause in typing before it asks. */
export function LibraryFilters({ filters, onChange, priorities, authors }: LibraryFiltersProps) {
  const styles = useStyles();
  const [text, setText] = useState(filters.q);
  const settled = useDebounced(text, 300);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => {
    if (settled.trim() !== latest.current.q.trim()) onChange({ ...latest.current, q: settled });
  }, [settled, onChange]);

  // Back/Forward or "Clear" changed the search: show it in the box.
  const shown = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== shown.current) {
      shown.current = filters.q;
      if (filters.q.trim() !== text.trim()) setText(filters.q);
    }
  }, [filters.q, text]);

  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const [unfolded, setUnfolded] = useState(false);
  const secondary = Boolean(filters.priority || filters.author || filters.from || filters.to || filters.due);
  const authorOptions = [...authors].sort((a, b) => a[1].localeCompare(b[1]));
  if (filters.author && !authors.has(filters.author)) authorOptions.unshift([filters.author, "The chosen person"]);

  return (
    <div className={styles.bar} role="search" aria-label="Search and filter the library">
      <div className={styles.row}>
        <Field label="Search" className={styles.search}>
          <SearchBox
            className={styles.searchBox}
            placeholder="Titles, summaries, notes, topics"
            value={text}
            onChange={(_, data) => setText(data.value)}
          />
        </Field>
        <Field label="Type" className={styles.select}>
          <Select value={filters.type ?? ""} onChange={(_, data) => set({ type: isType(data.value) ? data.value : undefined })}>
            <option value="">All types</option>
            {ARTIFACT_TYPES.map((t) => (
              <option key={t} value={t}>
                {ARTIFACT_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Sort by" className={styles.select}>
          <Select value={filters.sort} onChange={(_, data) => isSort(data.value) && set({ sort: data.value })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button className={styles.toggle} appearance="subtle" aria-expanded={unfolded || secondary} aria-controls="more-filters" onClick={() => setUnfolded((u) => !u)}>
        {unfolded || secondary ? "Fewer filters" : "More filters"}
      </Button>
      <div id="more-filters" className={mergeClasses(styles.row, !(unfolded || secondary) && styles.folded)}>
        <Field label="Priority" className={styles.select}>
          <Select value={filters.priority ?? ""} onChange={(_, data) => set({ priority: data.value || undefined })}>
            <option value="">All priorities</option>
            {priorities.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Shared by" className={styles.select}>
          <Select value={filters.author ?? ""} onChange={(_, data) => set({ author: data.value || undefined })}>
            <option value="">Anyone</option>
            {authorOptions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Updated from" className={styles.date}>
          <Input type="date" value={filters.from ?? ""} max={filters.to} onChange={(_, data) => set({ from: data.value || undefined })} />
        </Field>
        <Field label="Updated until" className={styles.date}>
          <Input type="date" value={filters.to ?? ""} min={filters.from} onChange={(_, data) => set({ to: data.value || undefined })} />
        </Field>
        <Checkbox className={styles.check} label="Due for review" checked={filters.due} onChange={(_, data) => set({ due: data.checked === true })} />
        {isFiltered(filters) && (
          <Button
            appearance="subtle"
            onClick={() => {
              setText("");
              onChange({ ...NO_FILTERS, sort: filters.sort, deleted: filters.deleted });
            }}
          >
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
