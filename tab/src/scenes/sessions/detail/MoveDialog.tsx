import { type FormEvent, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { isApiError } from "../../../api/client";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { formatWhen, instantOfLocal, localInZone } from "../time";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/**
 * Moves one session. The new start is typed in the session's own zone, as the server keeps
 * it, and shown back in the reader's zone so no one is surprised.
 */
export function MoveDialog({ env, session, onMoved, onClose }: { env: SessionsEnv; session: SessionView; onMoved: (session: SessionView) => void; onClose: () => void }) {
  const styles = useStyles();
  const [to, setTo] = useState(() => localInZone(session.startsAt, session.timeZone));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const instant = instantOfLocal(to, session.timeZone);
  const sameZone = session.timeZone === env.timeZone;
  const preview = instant && !sameZone ? `For you that is ${formatWhen(instant.toISOString(), env.locale, env.timeZone)}.` : undefined;
  const unchanged = to === localInZone(session.startsAt, session.timeZone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!instant || unchanged) return;
    setBusy(true);
    setError(undefined);
    try {
      const { session: moved } = await env.api.moveSession(env.communityId, session.id, { to, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      onMoved(moved);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const fieldError = isApiError(error) && error.field === "to" ? error.message : !instant && to ? "Choose a date and a time." : undefined;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Move “{session.title}”</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label={`New start, in ${session.timeZone} time`} hint={preview} validationMessage={fieldError} required>
                <Input type="datetime-local" value={to} onChange={(_, d) => setTo(d.value)} />
              </Field>
              <Field label="Why (optional)" hint="People see this with the new time.">
                <Input value={reason} maxLength={300} onChange={(_, d) => setReason(d.value)} />
              </Field>
              {error !== undefined && !(isApiError(error) && error.field === "to") && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{messageOf(error)}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy || !instant || unchanged} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? "Moving…" : "Move"}
              </Button>
              <Button onClick={onClose} disabledFocusable={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
