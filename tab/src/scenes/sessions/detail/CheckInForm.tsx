import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Switch, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { type CheckInResponse, type SessionView } from "../../../../../bot/src/contracts";
import { isApiError } from "../../../api/client";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { ENERGY_LABELS } from "../labels";
import { type CheckInDraft, checkInRequestOf, draftOf, isEmptyDraft } from "../model";
import { sectionHeading } from "../surface";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "640px" },
  heading: { ...sectionHeading, ":focus": { outline: "none" } },
  energy: { display: "flex", flexWrap: "wrap" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type TextKey = "win" | "challenge" | "ask";
const TEXTS: { key: TextKey; label: string; hint: string }[] = [
  { key: "win", label: "A win since last time", hint: "Something that went well, however small." },
  { key: "challenge", label: "A challenge", hint: "What is hard for you right now?" },
  { key: "ask", label: "An ask for help", hint: "What would you like from the group?" },
];

/** My check-in: a win, a challenge, an ask, energy 1–5, the practice I'm trying, and whether it's private. */
export function CheckInForm({ env, session, onSaved, onCancel }: { env: SessionsEnv; session: SessionView; onSaved: (answer: CheckInResponse) => void; onCancel?: () => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<CheckInDraft>(() => draftOf(session.checkIns.mine));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  const editing = session.checkIns.mine !== null;
  const headingId = `checkin-form-${session.id}`;
  const fieldError = (key: keyof CheckInDraft) => (isApiError(error) && error.field === key ? error.message : undefined);
  const set = <K extends keyof CheckInDraft>(key: K, value: CheckInDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // Opened to change my answers: start at the form's heading.
  useEffect(() => {
    if (editing) heading.current?.focus();
    // Only on arrival.
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isEmptyDraft(draft)) {
      setError(new Error("empty"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await env.api.checkIn(env.communityId, session.id, checkInRequestOf(draft)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const empty = error instanceof Error && !isApiError(error) && error.message === "empty";
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
        {editing ? "Change your check-in" : "Check in before the session"}
      </h4>
      {TEXTS.map(({ key, label, hint }) => (
        <Field key={key} label={label} hint={hint} validationMessage={fieldError(key)}>
          <Textarea value={draft[key]} onChange={(_, d) => set(key, d.value)} maxLength={500} resize="vertical" />
        </Field>
      ))}
      <Field label="Your energy" hint="1 is drained, 5 is full of energy." validationMessage={fieldError("energy")}>
        <RadioGroup layout="horizontal" className={styles.energy} value={draft.energy} onChange={(_, d) => set("energy", d.value)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <Radio key={n} value={String(n)} label={`${n} ${ENERGY_LABELS[n]}`} />
          ))}
          <Radio value="" label="Rather not say" />
        </RadioGroup>
      </Field>
      <Field label="The practice you're trying" validationMessage={fieldError("practice")}>
        <Input value={draft.practice} onChange={(_, d) => set("practice", d.value)} maxLength={200} />
      </Field>
      <Field hint="Only you see your answers. Your check-in still counts, and the facilitator sees that one answer was private.">
        <Switch checked={draft.private} onChange={(_, d) => set("private", d.checked)} label="Keep my answers private" />
      </Field>
      {(empty || (error !== undefined && !fieldError("win") && !fieldError("challenge") && !fieldError("ask") && !fieldError("practice") && !fieldError("energy"))) && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{empty ? "Answer at least one question, or choose your energy, to check in." : `Your check-in wasn't saved. ${messageOf(error)}`}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? "Saving…" : editing ? "Save my check-in" : "Check in"}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabledFocusable={busy}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
