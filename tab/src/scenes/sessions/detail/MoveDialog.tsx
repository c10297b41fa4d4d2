import { useState } from "react";
import { Field, Input } from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { isApiError } from "../../../api/client";
import { FormDialog } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { formatWhen, instantOfLocal, localInZone } from "../time";

/**
 * Moves one session. The new start is typed in the session's own zone, as the server keeps
 * it, and shown back in the reader's zone so no one is surprised.
 */
export function MoveDialog({ env, session, onMoved, onClose }: { env: SessionsEnv; session: SessionView; onMoved: (session: SessionView) => void; onClose: () => void }) {
  const [to, setTo] = useState(() => localInZone(session.startsAt, session.timeZone));
  const [reason, setReason] = useState("");
  const instant = instantOfLocal(to, session.timeZone);
  const sameZone = session.timeZone === env.timeZone;
  const preview = instant && !sameZone ? `For you that is ${formatWhen(instant.toISOString(), env.locale, env.timeZone)}.` : undefined;
  const unchanged = to === localInZone(session.startsAt, session.timeZone);

  const move = async () => {
    const { session: moved } = await env.api.moveSession(env.communityId, session.id, { to, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    onMoved(moved);
  };

  const fieldError = (error: unknown) => (isApiError(error) && error.field === "to" ? error.message : !instant && to ? "Choose a date and a time." : undefined);
  return (
    <FormDialog
      title={`Move “${session.title}”`}
      submitLabel="Move"
      busyLabel="Moving…"
      submitDisabled={!instant || unchanged}
      onSubmit={move}
      onCancel={onClose}
      errorMessage={(error) => (isApiError(error) && error.field === "to" ? undefined : messageOf(error))}
    >
      {(error) => (
        <>
          <Field label={`New start, in ${session.timeZone} time`} hint={preview} validationMessage={fieldError(error)} required>
            <Input type="datetime-local" value={to} onChange={(_, d) => setTo(d.value)} />
          </Field>
          <Field label="Why (optional)" hint="People see this with the new time.">
            <Input value={reason} maxLength={300} onChange={(_, d) => setReason(d.value)} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
