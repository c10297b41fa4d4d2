import { useState } from "react";
import { Button, Field, SearchBox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useAsync, useDebounced } from "../../../lib/useAsync";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { plainList } from "../surface";

const useStyles = makeStyles({
  picker: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface QueuedCase {
  id: string;
  title: string;
}

const MAX = 10;

/** The cases queued for the case clinic: remove one, or find one in the library and queue it. */
export function CasePicker({ env, cases, hidden, onChange }: { env: SessionsEnv; cases: QueuedCase[]; hidden: number; onChange: (cases: QueuedCase[]) => void }) {
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const q = useDebounced(query.trim(), 300);
  const found = useAsync(
    (signal) => (q ? env.api.artifacts(env.communityId, { q, type: "case-summary", limit: 8 }, signal) : Promise.resolve(null)),
    [env.api, env.communityId, q],
  );
  const full = cases.length + hidden >= MAX;
  const results = (found.data?.items ?? []).filter((item) => !cases.some((c) => c.id === item.id));

  return (
    <div className={styles.picker}>
      {cases.length > 0 ? (
        <ul className={styles.list} aria-label="Queued cases">
          {cases.map((c) => (
            <li key={c.id} className={styles.row}>
              <Text>{c.title}</Text>
              <Button size="small" onClick={() => onChange(cases.filter((x) => x.id !== c.id))} aria-label={`Remove “${c.title}” from the queue`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Text className={styles.muted}>No cases queued.</Text>
      )}
      {hidden > 0 && <Text className={styles.muted}>{hidden} more from a circle you're not in stay queued.</Text>}
      <Field label="Find a case in the library" hint={full ? `At most ${MAX} cases per session.` : undefined}>
        <SearchBox value={query} disabled={full} onChange={(_, d) => setQuery(d.value)} />
      </Field>
      {q && found.status === "loading" && <Spinner size="tiny" label="Searching…" />}
      {found.status === "error" && <Text className={styles.muted}>{messageOf(found.error)}</Text>}
      {q && found.status === "ready" && (
        <ul className={styles.list} aria-label="Cases found">
          {results.length === 0 && <li className={styles.muted}>{found.data?.items.length ? `Every case matching “${q}” is queued already.` : `No case matches “${q}”.`}</li>}
          {results.map((item) => (
            <li key={item.id} className={styles.row}>
              <Text>{item.title}</Text>
              <Button size="small" disabled={full} onClick={() => onChange([...cases, { id: item.id, title: item.title }])} aria-label={`Queue “${item.title}”`}>
                Queue
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
