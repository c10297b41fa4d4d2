import { useState } from "react";
import { Field, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { PROMPT_KIND_LABELS, PROMPT_KINDS, PROMPT_LIMITS, type PromptKind, type PromptView } from "../../../../../bot/src/contracts";
import { FormDialog, fieldErrorOf } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type PracticesEnv } from "../env";

const FIELDS = ["kind", "text", "value"] as const;

const KIND_HINTS: Record<PromptKind, string> = {
  discussion: "A question for the community to talk about.",
  reflective: "People answer what happened, what they intended and what they learned.",
  "weekly-question": "A short question everyone answers asynchronously.",
};

/** Facilitators and leads: a new prompt for the bank, or an edit of one. */
export function PromptDialog({
  env,
  values,
  prompt,
  onSaved,
  onClose,
}: {
  env: PracticesEnv;
  /** The community's values a prompt can be tied to. */
  values: readonly string[];
  prompt?: PromptView;
  onSaved: (prompt: PromptView) => void;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<PromptKind>(prompt?.kind ?? "discussion");
  const [text, setText] = useState(prompt?.text ?? "");
  const [value, setValue] = useState(prompt?.value ?? values[0] ?? "");
  const options = values.includes(value) || !value ? values : [...values, value];

  const save = async () => {
    if (prompt) {
      const change: { kind?: PromptKind; text?: string; value?: string } = {};
      if (kind !== prompt.kind) change.kind = kind;
      if (text.trim() !== prompt.text) change.text = text.trim();
      if (value !== prompt.value) change.value = value;
      if (Object.keys(change).length === 0) return onClose();
      onSaved((await env.api.updatePrompt(env.communityId, prompt.id, change)).prompt);
    } else {
      onSaved((await env.api.createPrompt(env.communityId, { kind, text: text.trim(), value })).prompt);
    }
  };

  return (
    <FormDialog
      title={prompt ? "Edit the prompt" : "Add a prompt"}
      submitLabel={prompt ? "Save" : "Add prompt"}
      busyLabel="Saving…"
      submitDisabled={!text.trim() || !value}
      onSubmit={save}
      onCancel={onClose}
      inlineFields={FIELDS}
      errorMessage={(error) => `The prompt wasn't saved. ${messageOf(error)}`}
    >
      {(error) => (
        <>
          <Field label="Kind" required hint={KIND_HINTS[kind]} validationMessage={fieldErrorOf(error, "kind")}>
            <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as PromptKind)}>
              {PROMPT_KINDS.map((k) => (
                <Radio key={k} value={k} label={PROMPT_KIND_LABELS[k]} />
              ))}
            </RadioGroup>
          </Field>
          <Field label="Prompt" required hint={prompt ? "Postings that went out keep the text they had." : undefined} validationMessage={fieldErrorOf(error, "text")}>
            <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={PROMPT_LIMITS.text} resize="vertical" />
          </Field>
          <Field label="Value" required hint="The community value the prompt speaks to." validationMessage={fieldErrorOf(error, "value")}>
            <Select value={value} onChange={(_, d) => setValue(d.value)}>
              {options.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
    </FormDialog>
  );
}
