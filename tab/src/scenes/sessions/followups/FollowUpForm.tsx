import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from "@fluentui/react-components";
import { type FollowUpView } from "../../../../../bot/src/contracts";
import { isApiError } from "../../../api/client";
import { addDays } from "../../../lib/format";
import { FormActions } from "../../../shell/FormActions";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { ownerOptions } from "../model";
import { cardSurface } from "../surface";
import { todayIn } from "../time";

const useStyles = makeStyles({
  form: { ...cardSurface, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  grow: { flex: "1 1 220px" },
});

/** A new follow-up: what, who (any member, from the rota) and by when. */
export function FollowUpForm({ env, onCreated, onCancel }: { env: SessionsEnv; onCreated: (followUp: FollowUpView) => void; onCancel: () => void }) {
  const styles = useStyles();
  const [title, setTitle] = useState("");
  const [ownerId, setOwnerId] = useState(env.me);
  const [dueOn, setDueOn] = useState(() => addDays(todayIn(env.timeZone), 7));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [tried, setTried] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const owners = ownerOptions(env.members ?? [], env.me);

  useEffect(() => first.current?.focus(), []);

  const fieldError = (field: string) => (isApiError(error) && error.field === field ? error.message : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!title.trim() || !dueOn) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated((await env.api.createFollowUp(env.communityId, { title: title.trim(), ownerId, dueOn })).followUp);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="followup-form-heading" noValidate>
      <h3 id="followup-form-heading" className={styles.heading}>
        New follow-up
      </h3>
      <Field label="What will be done" required validationMessage={fieldError("title") ?? (tried && !title.trim() ? "Say what will be done." : undefined)}>
        <Input ref={first} value={title} maxLength={200} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <div className={styles.row}>
        <Field label="Owner" className={styles.grow} validationMessage={fieldError("ownerId")}>
          <Select value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
            {owners.length === 0 && <option value={env.me}>You</option>}
            {owners.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.userId === env.me ? `You (${m.displayName})` : m.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Due on" className={styles.grow} required validationMessage={fieldError("dueOn") ?? (tried && !dueOn ? "Choose a date." : undefined)}>
          <Input type="date" value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
        </Field>
      </div>
      {error !== undefined && !fieldError("title") && !fieldError("ownerId") && !fieldError("dueOn") && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>The follow-up wasn't added. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
      <FormActions busy={busy} submitLabel="Add follow-up" busyLabel="Adding…" onCancel={onCancel} />
    </form>
  );
}
