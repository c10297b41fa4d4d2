import { useRef, useState } from "react";
import { Button, Switch, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { type FollowUpView } from "../../../../../bot/src/contracts";
import { plural } from "../../../lib/format";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { plainList } from "../surface";
import { useKept } from "../useKept";
import { FollowUpForm } from "./FollowUpForm";
import { FollowUpRow } from "./FollowUpRow";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  filters: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  status: { color: tokens.colorNeutralForeground2 },
});

type Status = "open" | "done";

/** What people promised in sessions: open or done, everyone's or mine; add, mark done (with Undo), reopen. */
export default function FollowUpsView({ env }: { env: SessionsEnv }) {
  const styles = useStyles();
  const [status, setStatus] = useState<Status>("open");
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<string>();
  const shown = useRef<Status>(status);
  shown.current = status;
  const newButton = useRef<HTMLButtonElement>(null);
  const closeForm = () => {
    setCreating(false);
    requestAnimationFrame(() => newButton.current?.focus());
  };
  const list = useKept((signal) => env.api.followUps(env.communityId, { status, mine }, signal), [env.api, env.communityId, status, mine]);

  const remove = (id: string) => list.update((l) => ({ items: l.items.filter((i) => i.id !== id) }));

  const setItemStatus = async (item: FollowUpView, next: Status, undo = false) => {
    setBusy(item.id);
    try {
      const { followUp } = await env.api.updateFollowUp(env.communityId, item.id, { status: next });
      if (followUp.status !== shown.current) remove(item.id);
      else list.reload();
      if (undo) env.toast(next === "open" ? `“${followUp.title}” is open again.` : `“${followUp.title}” is done again.`);
      else if (next === "done") env.toast(`“${followUp.title}” is done.`, { id: "done", action: { label: "Undo", run: () => void setItemStatus(followUp, "open", true) } });
      else env.toast(`“${followUp.title}” is open again.`, { action: { label: "Undo", run: () => void setItemStatus(followUp, "done", true) } });
    } catch (error) {
      env.toast(`That didn't go through. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setBusy(undefined);
    }
  };

  let content;
  if (list.status === "loading") content = <LoadingState label="Loading follow-ups…" />;
  else if (list.status === "error") content = <ErrorState title="We couldn't load the follow-ups" error={list.error} onRetry={list.reload} />;
  else if (list.data.items.length === 0) {
    content = (
      <EmptyState title={status === "open" ? "Nothing open" : "Nothing done yet"}>
        {status === "open"
          ? mine
            ? "You have no open follow-ups. Commitments you make in a session show here with their due date."
            : "No open follow-ups. When someone commits to something in a session, add it here so it isn't forgotten."
          : "Follow-ups marked done show here."}
      </EmptyState>
    );
  } else {
    const overdue = list.data.items.filter((i) => i.status === "open" && i.overdue).length;
    content = (
      <>
        <Text className={styles.status} role="status">
          {plural(list.data.items.length, status === "open" ? "open follow-up" : "done follow-up", status === "open" ? "open follow-ups" : "done follow-ups")}
          {overdue > 0 ? `, ${overdue.toLocaleString()} overdue` : ""}
        </Text>
        <ul className={styles.list} aria-label={status === "open" ? "Open follow-ups" : "Done follow-ups"} aria-busy={list.refreshing}>
          {list.data.items.map((item) => (
            <li key={item.id}>
              <FollowUpRow env={env} item={item} busy={busy === item.id} onDone={() => void setItemStatus(item, "done")} onReopen={() => void setItemStatus(item, "open")} />
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <div className={styles.view}>
      <div className={styles.bar}>
        <div className={styles.filters}>
          <div role="group" aria-label="Show follow-ups" className={styles.filters}>
            <ToggleButton checked={status === "open"} onClick={() => setStatus("open")}>
              Open
            </ToggleButton>
            <ToggleButton checked={status === "done"} onClick={() => setStatus("done")}>
              Done
            </ToggleButton>
          </div>
          <Switch checked={mine} onChange={(_, d) => setMine(d.checked)} label="Only mine" />
        </div>
        {!creating && (
          <Button ref={newButton} appearance="primary" onClick={() => setCreating(true)}>
            New follow-up
          </Button>
        )}
      </div>
      {creating && (
        <FollowUpForm
          env={env}
          onCancel={closeForm}
          onCreated={(created) => {
            closeForm();
            if (status === "open" && (!mine || created.owner.userId === env.me)) list.update((l) => ({ items: [created, ...l.items.filter((i) => i.id !== created.id)] }));
            env.toast(`Added “${created.title}” for ${created.owner.userId === env.me ? "you" : created.owner.displayName}.`);
          }}
        />
      )}
      {content}
    </div>
  );
}
