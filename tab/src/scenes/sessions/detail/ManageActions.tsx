import { useRef, useState } from "react";
import { Button, Field, Input, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { ConfirmDialog } from "../../../shell/ConfirmDialog";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { formatWhen } from "../time";
import { MoveDialog } from "./MoveDialog";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  reason: { marginTop: tokens.spacingVerticalM },
});

/**
 * What a facilitator or lead may do with a session: edit its plan, move it, skip it (after
 * a confirmation, with an Undo), or bring a skipped one back.
 */
export function ManageActions({ env, session, onChanged, onEdit }: { env: SessionsEnv; session: SessionView; onChanged: (session: SessionView) => void; onEdit: () => void }) {
  const styles = useStyles();
  const [dialog, setDialog] = useState<"skip" | "move">();
  const [reason, setReason] = useState("");
  const [restoring, setRestoring] = useState(false);
  const when = formatWhen(session.startsAt, env.locale, env.timeZone);
  const bar = useRef<HTMLDivElement>(null);
  // After a dialog or a change of state the buttons differ: focus goes back to the first (or the named) one.
  // The closing dialog may hand focus back to the button it came from, which is gone by then, leaving
  // focus on the page: so look again once its exit has finished.
  const refocus = (label?: string) => {
    const focusButton = () => {
      const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
      (buttons.find((b) => b.textContent === label) ?? buttons[0])?.focus();
    };
    requestAnimationFrame(focusButton);
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) focusButton();
    }, 400);
  };

  const restore = async (quiet = false) => {
    setRestoring(true);
    try {
      const { session: back } = await env.api.restoreSession(env.communityId, session.id);
      onChanged(back);
      refocus();
      env.toast(quiet ? `“${back.title}” is back on.` : `“${back.title}” on ${formatWhen(back.startsAt, env.locale, env.timeZone)} is back on.`);
    } catch (error) {
      env.toast(`We couldn't bring it back. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setRestoring(false);
    }
  };

  const skip = async () => {
    const { session: skipped } = await env.api.skipSession(env.communityId, session.id, reason.trim() ? { reason: reason.trim() } : {});
    setDialog(undefined);
    setReason("");
    onChanged(skipped);
    refocus();
    env.toast(`“${skipped.title}” on ${when} is skipped.`, { id: "skipped", action: { label: "Undo", run: () => void restore(true) } });
  };

  return (
    <div ref={bar} className={styles.bar} role="group" aria-label="Facilitator actions">
      {session.status === "scheduled" ? (
        <>
          <Button onClick={onEdit}>Edit the plan</Button>
          <Button onClick={() => setDialog("move")}>Move</Button>
          <Button onClick={() => setDialog("skip")}>Skip this session</Button>
        </>
      ) : (
        <Button appearance="primary" onClick={() => void restore()} disabledFocusable={restoring} icon={restoring ? <Spinner size="tiny" /> : undefined}>
          Put it back on
        </Button>
      )}
      <ConfirmDialog
        open={dialog === "skip"}
        title="Skip this session?"
        confirmLabel="Skip it"
        busyLabel="Skipping…"
        cancelLabel="Keep it"
        onCancel={() => {
          setDialog(undefined);
          refocus("Skip this session");
        }}
        onConfirm={skip}
      >
        “{session.title}” on {when} won't happen. Members are told, and reminders for it stop. You can undo this straight away, or put it back
        on later.
        <Field className={styles.reason} label="Why (optional)" hint="Members see this with the news.">
          <Input value={reason} maxLength={300} onChange={(_, d) => setReason(d.value)} />
        </Field>
      </ConfirmDialog>
      {dialog === "move" && (
        <MoveDialog
          env={env}
          session={session}
          onClose={() => {
            setDialog(undefined);
            refocus("Move");
          }}
          onMoved={(moved) => {
            setDialog(undefined);
            refocus("Move");
            onChanged(moved);
            env.toast(`“${moved.title}” now starts ${formatWhen(moved.startsAt, env.locale, env.timeZone)}.`);
          }}
        />
      )}
    </div>
  );
}
