import { useState } from "react";
import { Checkbox, Field, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { type ReflectionRequest, SPRINT_STEPS } from "../../../../bot/src/contracts";
import { isApiError } from "../../api/client";
import { useSubmission } from "../../shell/FormDialog";
import { FormActions } from "../../shell/FormActions";
import { messageOf } from "../../shell/states";
import { type BuddiesEnv } from "./env";
import { type Current } from "./model";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "640px" },
  steps: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Step = (typeof SPRINT_STEPS)[number];
type Saved = Current["reflections"][number];

/** My mid-sprint or closing check-in: the steps I did and what happened. */
export function ReflectionForm({
  env,
  current,
  kind,
  title,
  onSaved,
  onCancel,
}: {
  env: BuddiesEnv;
  current: Current;
  kind: "mid" | "closing";
  title: string;
  onSaved: (reflection: Saved) => void;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const before = current.reflections.find((r) => r.kind === kind);
  const [steps, setSteps] = useState<Step[]>(before?.stepsDone ?? current.reflections.find((r) => r.kind === "mid")?.stepsDone ?? []);
  const [text, setText] = useState(before?.text ?? "");
  const submission = useSubmission();
  const { error, busy } = submission;
  const fieldError = (field: string) => (isApiError(error) && error.field === field ? error.message : undefined);

  const save = async () => {
    const request: ReflectionRequest = { kind, stepsDone: SPRINT_STEPS.filter((s) => steps.includes(s)), text: text.trim() };
    onSaved((await env.api.buddyReflection(env.communityId, current.roundId, request)).reflection);
  };

  return (
    <form
      className={styles.form}
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submission.submit(save);
      }}
    >
      <Text weight="semibold">{title}</Text>
      <Text className={styles.muted}>{kind === "mid" ? "Halfway through: how far have you got?" : "The sprint is closing: what did you try, and what changed?"} Only you and your buddies see it.</Text>
      <Field label="Steps done so far" validationMessage={fieldError("stepsDone")}>
        <div className={styles.steps} role="group" aria-label="Steps done so far">
          {SPRINT_STEPS.map((step) => (
            <Checkbox
              key={step}
              label={step.charAt(0).toUpperCase() + step.slice(1)}
              checked={steps.includes(step)}
              onChange={(_, d) => setSteps((all) => (d.checked === true ? [...all, step] : all.filter((s) => s !== step)))}
            />
          ))}
        </div>
      </Field>
      <Field label="What happened" hint="What you saw, the feedback you gave or got, the adjustment you tried." validationMessage={fieldError("text")}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={1000} resize="vertical" />
      </Field>
      {kind === "closing" && (
        // The overview names no practices yet, so "None" is the only choice until it does.
        <Field label="Counts towards a practice (optional)" hint="No practices are listed for this community yet.">
          <Select value="" onChange={() => undefined}>
            <option value="">None</option>
          </Select>
        </Field>
      )}
      {error !== undefined && !fieldError("text") && !fieldError("stepsDone") && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>Your check-in wasn't sent. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
      <FormActions busy={busy} submitLabel="Send check-in" busyLabel="Sending…" onCancel={onCancel ?? (() => { setSteps(before?.stepsDone ?? []); setText(before?.text ?? ""); submission.clearError(); })} cancelLabel={onCancel ? "Cancel" : "Clear"} />
    </form>
  );
}
