import { useState } from "react";
import { Field, Input, Select, Textarea } from "@fluentui/react-components";
import { type CulturalPriority, type PracticeView } from "../../../../../bot/src/contracts";
import { humanizeSlug } from "../../../lib/format";
import { FormDialog, fieldErrorOf } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type PracticesEnv } from "../env";

const FIELDS = ["name", "description", "priority"] as const;

/** Facilitators and leads: add a practice (it starts as a concept) or change one's name, description and priority. */
export function PracticeDialog({
  env,
  priorities,
  practice,
  onSaved,
  onClose,
}: {
  env: PracticesEnv;
  priorities: readonly CulturalPriority[];
  /** The practice to edit; a new one when absent. */
  practice?: PracticeView;
  onSaved: (practice: PracticeView) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(practice?.name ?? "");
  const [description, setDescription] = useState(practice?.description ?? "");
  const [priority, setPriority] = useState(practice?.priority ?? priorities[0]?.id ?? "");
  const options = priorities.some((p) => p.id === priority) || !priority ? priorities : [...priorities, { id: priority, label: humanizeSlug(priority) }];

  const save = async () => {
    if (practice) {
      const change: { name?: string; description?: string; priority?: string } = {};
      if (name.trim() !== practice.name) change.name = name.trim();
      if (description.trim() !== practice.description) change.description = description.trim();
      if (priority !== practice.priority) change.priority = priority;
      if (Object.keys(change).length === 0) return onClose();
      onSaved((await env.api.updatePractice(env.communityId, practice.id, change)).practice);
    } else {
      onSaved((await env.api.createPractice(env.communityId, { name: name.trim(), description: description.trim(), priority })).practice);
    }
  };

  return (
    <FormDialog
      title={practice ? `Edit “${practice.name}”` : "Add a practice"}
      submitLabel={practice ? "Save" : "Add practice"}
      busyLabel="Saving…"
      submitDisabled={!name.trim() || !priority}
      onSubmit={save}
      onCancel={onClose}
      inlineFields={FIELDS}
      errorMessage={(error) => `The practice wasn't saved. ${messageOf(error)}`}
    >
      {(error) => (
        <>
          <Field label="Name" required hint={practice ? undefined : "New practices start as a concept."} validationMessage={fieldErrorOf(error, "name")}>
            <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} />
          </Field>
          <Field label="Description" hint="What a manager does, and when." validationMessage={fieldErrorOf(error, "description")}>
            <Textarea value={description} onChange={(_, d) => setDescription(d.value)} maxLength={2000} resize="vertical" rows={4} />
          </Field>
          <Field label="Cultural priority" required validationMessage={fieldErrorOf(error, "priority")}>
            <Select value={priority} onChange={(_, d) => setPriority(d.value)}>
              {options.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
    </FormDialog>
  );
}
