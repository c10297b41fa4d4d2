import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { FormActions } from "../../../shell/FormActions";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { USEFULNESS_LABELS } from "../labels";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "640px" },
});

/** After a session: how useful it was (1–5) and one thing I will try. */
export function FeedbackForm({ env, session, onSaved, onCancel }: { env: SessionsEnv; session: SessionView; onSaved: (session: SessionView) => void; onCancel: () => void }) {
  const styles = useStyles();
  const [usefulness, setUsefulness] = useState("");
  const [willTry, setWillTry] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState(false);
  const group = useRef<HTMLDivElement>(null);

  useEffect(() => group.current?.querySelector<HTMLInputElement>("input")?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(usefulness);
    if (!value) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved((await env.api.feedback(env.communityId, session.id, { usefulness: value, willTry: willTry.trim() })).session);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Feedback on ${session.title}`} noValidate>
      <Field label="How useful was it?" required validationMessage={missing && !usefulness ? "Choose how useful it was, 1 to 5." : undefined}>
        <RadioGroup ref={group} layout="horizontal" value={usefulness} onChange={(_, d) => setUsefulness(d.value)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <Radio key={n} value={String(n)} label={`${n} ${USEFULNESS_LABELS[n]}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="One thing you will try" hint="Optional: an idea or practice you are taking away.">
        <Input value={willTry} maxLength={300} onChange={(_, d) => setWillTry(d.value)} />
      </Field>
      {error !== undefined && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>Your feedback wasn't saved. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
      <FormActions busy={busy} submitLabel="Send feedback" busyLabel="Sending…" onCancel={onCancel} />
    </form>
  );
}
