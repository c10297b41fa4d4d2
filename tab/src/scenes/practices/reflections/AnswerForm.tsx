import { useState } from "react";
import { Checkbox, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { PROMPT_LIMITS, type PostingView, type ReflectionView } from "../../../../../bot/src/contracts";
import { InlineForm, fieldErrorOf, useSubmission } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type PracticesEnv } from "../env";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

type FieldName = "answer" | "happened" | "intended" | "learned";

/** The fields each kind of prompt shows, each with its own error. */
const REFLECTIVE_FIELDS: readonly FieldName[] = ["happened", "intended", "learned"];
const ANSWER_FIELDS: readonly FieldName[] = ["answer"];

/**
 * My answer to a posting, as on its card in Teams: one field, or for a reflective prompt what
 * happened, what I intended and what I learned; optionally without my name.
 */
export function AnswerForm({
  env,
  posting,
  labelledBy,
  onSaved,
  onCancel,
}: {
  env: PracticesEnv;
  posting: PostingView;
  /** The id of the prompt's text, which names the form. */
  labelledBy: string;
  onSaved: (reflection: ReflectionView) => void;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const before = posting.myResponse;
  const reflective = posting.kind === "reflective";
  const [values, setValues] = useState<Record<FieldName, string>>({
    answer: before?.answer ?? "",
    happened: before?.happened ?? "",
    intended: before?.intended ?? "",
    learned: before?.learned ?? "",
  });
  const [anonymous, setAnonymous] = useState(before?.anonymous ?? false);
  const submission = useSubmission();
  const fieldError = (field: FieldName) => fieldErrorOf(submission.error, field);
  const set = (field: FieldName) => (_: unknown, d: { value: string }) => setValues((v) => ({ ...v, [field]: d.value }));
  const ready = reflective ? values.happened.trim() !== "" : values.answer.trim() !== "";

  const save = async () => {
    const body = reflective
      ? { happened: values.happened.trim(), intended: values.intended.trim(), learned: values.learned.trim(), anonymous }
      : { answer: values.answer.trim(), anonymous };
    onSaved((await env.api.answerPosting(env.communityId, posting.id, body)).reflection);
  };
  const id = (field: string) => `answer-${posting.id}-${field}`;

  return (
    <InlineForm
      className={styles.form}
      aria-labelledby={labelledBy}
      submission={submission}
      onSubmit={save}
      inlineFields={reflective ? REFLECTIVE_FIELDS : ANSWER_FIELDS}
      errorMessage={(error) => `Your answer wasn't shared. ${messageOf(error)}`}
      submitLabel={before ? "Update my answer" : "Share my answer"}
      busyLabel="Sharing…"
      submitDisabled={!ready}
      cancelLabel={onCancel ? "Cancel" : "Clear"}
      onCancel={
        onCancel ??
        (() => {
          setValues({ answer: "", happened: "", intended: "", learned: "" });
          setAnonymous(false);
          submission.clearError();
        })
      }
    >
      {reflective ? (
        <>
          <Field label="What happened" required validationMessage={fieldError("happened")}>
            <Textarea id={id("happened")} value={values.happened} onChange={set("happened")} maxLength={PROMPT_LIMITS.happened} resize="vertical" />
          </Field>
          <Field label="What I intended" validationMessage={fieldError("intended")}>
            <Textarea id={id("intended")} value={values.intended} onChange={set("intended")} maxLength={PROMPT_LIMITS.intended} resize="vertical" />
          </Field>
          <Field label="What I learned" validationMessage={fieldError("learned")}>
            <Textarea id={id("learned")} value={values.learned} onChange={set("learned")} maxLength={PROMPT_LIMITS.learned} resize="vertical" />
          </Field>
        </>
      ) : (
        <Field label="Your answer" required validationMessage={fieldError("answer")}>
          <Textarea id={id("answer")} value={values.answer} onChange={set("answer")} maxLength={PROMPT_LIMITS.answer} resize="vertical" />
        </Field>
      )}
      <Checkbox checked={anonymous} onChange={(_, d) => setAnonymous(d.checked === true)} label="Share without my name" />
    </InlineForm>
  );
}
