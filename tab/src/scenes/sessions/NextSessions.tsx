import { useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { EmptyState, ErrorState, LoadingState } from "../../shell/states";
import { type SessionsEnv } from "./env";
import { defaultSessionId } from "./model";
import { SessionCard } from "./SessionCard";
import { SessionDetail } from "./SessionDetail";
import { plainList } from "./surface";
import { type SessionList } from "./useSessionList";

const useStyles = makeStyles({
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** The upcoming sessions; the next one (or the one in the address) is open. */
export function NextSessions({ env, list, openId, onOpen }: { env: SessionsEnv; list: SessionList; openId?: string; onOpen: (id: string | undefined) => void }) {
  const styles = useStyles();
  const [closedDefault, setClosedDefault] = useState(false);
  const { state } = list;

  if (state.status === "loading") return <LoadingState label="Loading the next sessions…" />;
  if (state.status === "error") return <ErrorState title="We couldn't load the sessions" error={state.error} onRetry={list.reload} />;
  const items = state.data.items;
  if (items.length === 0) {
    return (
      <EmptyState title="No sessions planned yet">
        When your community has a rhythm, the next check-ins and deep dives show here with their agenda and facilitator. Ask your community lead
        to set one up.
      </EmptyState>
    );
  }

  const current = openId && items.some((s) => s.id === openId) ? openId : closedDefault ? undefined : defaultSessionId(items);
  const toggle = (id: string) => {
    if (id === current) {
      setClosedDefault(true);
      onOpen(undefined);
    } else onOpen(id);
  };

  return (
    <ul className={styles.list} aria-label="Upcoming sessions">
      {items.map((session) => (
        <li key={session.id}>
          <SessionCard env={env} session={session} expanded={session.id === current} onToggle={() => toggle(session.id)}>
            <SessionDetail env={env} session={session} list={list} />
          </SessionCard>
        </li>
      ))}
    </ul>
  );
}
