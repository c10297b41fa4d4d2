import { useState } from "react";
import { Field, Input, Text } from "@fluentui/react-components";
import { type EvidenceRules } from "../../../../../bot/src/contracts";
import { FormDialog, fieldErrorOf } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type PracticesEnv } from "../env";

const FIELDS = ["adoptedMinReports", "habitMinManagers", "habitMinWeeks"] as const;

/** Leads and facilitators: the community's numbers in the adopted and habit rules. */
export function RulesDialog({ env, rules, onSaved, onClose }: { env: PracticesEnv; rules: EvidenceRules; onSaved: (rules: EvidenceRules) => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({
    adoptedMinReports: String(rules.adoptedMinReports),
    habitMinManagers: String(rules.habitMinManagers),
    habitMinWeeks: String(rules.habitMinWeeks),
  });
  const set = (field: (typeof FIELDS)[number]) => (_: unknown, d: { value: string }) => setValues((v) => ({ ...v, [field]: d.value }));

  const save = async () => {
    const change: Partial<EvidenceRules> = {};
    for (const field of FIELDS) if (Number(values[field]) !== rules[field]) change[field] = Number(values[field]);
    if (Object.keys(change).length === 0) return onClose();
    onSaved((await env.api.updateEvidenceRules(env.communityId, change)).rules);
  };
  const invalid = FIELDS.some((f) => !/^\d+$/.test(values[f].trim()));

  return (
    <FormDialog
      title="Evidence rules"
      submitLabel="Save"
      busyLabel="Saving…"
      submitDisabled={invalid}
      onSubmit={save}
      onCancel={onClose}
      inlineFields={FIELDS}
      errorMessage={(error) => `The rules weren't saved. ${messageOf(error)}`}
    >
      {(error) => (
        <>
          <Text>The numbers the community agreed on. Moves already made keep the evidence they had.</Text>
          <Field label="Adopted: managers who reported it worked" hint="1 to 100." validationMessage={fieldErrorOf(error, "adoptedMinReports")}>
            <Input type="number" min={1} max={100} step={1} value={values.adoptedMinReports} onChange={set("adoptedMinReports")} />
          </Field>
          <Field label="Habit: managers still using it" hint="1 to 100." validationMessage={fieldErrorOf(error, "habitMinManagers")}>
            <Input type="number" min={1} max={100} step={1} value={values.habitMinManagers} onChange={set("habitMinManagers")} />
          </Field>
          <Field label="Habit: weeks each of them has used it" hint="1 to 52." validationMessage={fieldErrorOf(error, "habitMinWeeks")}>
            <Input type="number" min={1} max={52} step={1} value={values.habitMinWeeks} onChange={set("habitMinWeeks")} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
