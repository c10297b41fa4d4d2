import { useEffect, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { CHARTER_LIMITS, type CharterUpdateRequest, type CharterView } from "../../../../bot/src/contracts";
import { isApiError } from "../../api/client";
import { FormDialog } from "../../shell/FormDialog";
import { messageOf } from "../../shell/states";
import { plainList } from "../sessions/surface";
import { type CharterEnv } from "./env";

const useStyles = makeStyles({
  surface: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  priorities: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  priority: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  add: { alignSelf: "flex-start" },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

const FIELDS = ["purpose", "goals", "norms", "decisionRights", "culturalPriorities", "values", "cadence", "note"] as const;
type FieldName = (typeof FIELDS)[number];

/** One entry per line, blank lines left out. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

interface PriorityRow {
  key: string;
  /** Kept for an existing priority, so practices and library items stay with it. */
  id?: string;
  label: string;
}

let nextKey = 0;

/** Why the save failed, brought into view: the fields above may be scrolled far from it. */
function Problem({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
  }, [text]);
  return (
    <div ref={ref}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{text}</MessageBarBody>
      </MessageBar>
    </div>
  );
}

/**
 * A lead edits the whole charter on top of the version they opened. If someone saved
 * meanwhile the server says so (409) and nothing is lost: the dialog stays open with the
 * sentence, and a reload shows their change.
 */
export function EditCharterDialog({ env, charter, onSaved, onClose }: { env: CharterEnv; charter: CharterView; onSaved: (saved: CharterView) => void; onClose: () => void }) {
  const styles = useStyles();
  const c = charter.charter;
  const [purpose, setPurpose] = useState(c.purpose);
  const [goals, setGoals] = useState(c.goals.join("\n"));
  const [norms, setNorms] = useState(c.norms.join("\n"));
  const [decisionRights, setDecisionRights] = useState(c.decisionRights.join("\n"));
  const [values, setValues] = useState(c.values.join("\n"));
  const [cadence, setCadence] = useState(c.cadence);
  const [note, setNote] = useState("");
  const [priorities, setPriorities] = useState<PriorityRow[]>(() => c.culturalPriorities.map((p) => ({ key: `p${nextKey++}`, id: p.id, label: p.label })));
  const list = useRef<HTMLUListElement>(null);

  const save = async () => {
    const edit: CharterUpdateRequest = {
      baseVersion: c.version,
      purpose: purpose.trim(),
      goals: lines(goals),
      norms: lines(norms),
      decisionRights: lines(decisionRights),
      culturalPriorities: priorities.filter((p) => p.label.trim()).map((p) => (p.id ? { id: p.id, label: p.label.trim() } : { label: p.label.trim() })),
      values: lines(values),
      cadence: cadence.trim(),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    onSaved(await env.api.updateCharter(env.communityId, edit));
  };

  const fieldOf = (error: unknown): FieldName | undefined => {
    if (!isApiError(error) || !error.field) return undefined;
    const top = error.field.split(".")[0];
    return FIELDS.find((f) => f === top);
  };
  const fieldError = (error: unknown, field: FieldName) => (fieldOf(error) === field && isApiError(error) ? error.message : undefined);
  const addPriority = () => {
    setPriorities((rows) => [...rows, { key: `p${nextKey++}`, label: "" }]);
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>("li:last-child input")?.focus());
  };

  return (
    <FormDialog
      title={c.version === 0 ? "Write the charter" : `Edit the charter (version ${c.version})`}
      submitLabel="Save as a new version"
      busyLabel="Saving…"
      submitDisabled={!purpose.trim() || !cadence.trim()}
      onSubmit={save}
      onCancel={onClose}
      errorMessage={() => undefined}
    >
      {(error) => (
        <div className={styles.surface}>
          <Field label="Purpose" required hint="What the community is for, in a sentence or two." validationMessage={fieldError(error, "purpose")}>
            <Textarea value={purpose} onChange={(_, d) => setPurpose(d.value)} maxLength={CHARTER_LIMITS.purpose} resize="vertical" rows={3} />
          </Field>
          <Field label="Goals" hint="One per line." validationMessage={fieldError(error, "goals")}>
            <Textarea value={goals} onChange={(_, d) => setGoals(d.value)} resize="vertical" rows={3} />
          </Field>
          <Field label="Norms" hint="How people work together, one per line. The first three go into the welcome for newcomers." validationMessage={fieldError(error, "norms")}>
            <Textarea value={norms} onChange={(_, d) => setNorms(d.value)} resize="vertical" rows={4} />
          </Field>
          <Field label="Decision rights" hint="Who decides what, one per line." validationMessage={fieldError(error, "decisionRights")}>
            <Textarea value={decisionRights} onChange={(_, d) => setDecisionRights(d.value)} resize="vertical" rows={3} />
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Cultural priorities</legend>
            <Text size={200} className={styles.muted}>
              Renaming keeps a priority's practices and library items with it. A priority that practices still belong to can't be removed.
            </Text>
            <ul className={styles.priorities} ref={list}>
              {priorities.map((p, i) => (
                <li key={p.key} className={styles.priority}>
                  <Input
                    className={styles.grow}
                    aria-label={`Priority ${i + 1}`}
                    value={p.label}
                    maxLength={CHARTER_LIMITS.priority}
                    onChange={(_, d) => setPriorities((rows) => rows.map((r) => (r.key === p.key ? { ...r, label: d.value } : r)))}
                  />
                  <Button size="small" onClick={() => setPriorities((rows) => rows.filter((r) => r.key !== p.key))} aria-label={`Remove ${p.label.trim() || `priority ${i + 1}`}`}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            <Button size="small" onClick={addPriority} className={styles.add}>
              Add a priority
            </Button>
            {fieldError(error, "culturalPriorities") && (
              <Text role="alert" size={200} className={styles.problem}>
                {fieldError(error, "culturalPriorities")}
              </Text>
            )}
          </fieldset>
          <Field label="Values" hint="One per line, e.g. Respect." validationMessage={fieldError(error, "values")}>
            <Textarea value={values} onChange={(_, d) => setValues(d.value)} resize="vertical" rows={3} />
          </Field>
          <Field label="Cadence" required hint="How often the community meets, in a sentence." validationMessage={fieldError(error, "cadence")}>
            <Input value={cadence} onChange={(_, d) => setCadence(d.value)} maxLength={CHARTER_LIMITS.cadence} />
          </Field>
          <Field label="What changed (optional)" hint="Kept with the new version, so people can see why it changed." validationMessage={fieldError(error, "note")}>
            <Input value={note} onChange={(_, d) => setNote(d.value)} maxLength={CHARTER_LIMITS.note} />
          </Field>
          {error !== undefined && !fieldOf(error) && <Problem text={`The charter wasn't saved. ${messageOf(error)}`} />}
        </div>
      )}
    </FormDialog>
  );
}
