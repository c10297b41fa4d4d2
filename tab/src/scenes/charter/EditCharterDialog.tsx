import { type RefObject, useEffect, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { CHARTER_LIMITS, type CharterContent, type CharterUpdateRequest, type CharterView } from "../../../../bot/src/contracts";
import { isApiError } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { FormDialog, fieldErrorOf, useSubmission } from "../../shell/FormDialog";
import { messageOf } from "../../shell/states";
import { cardSurface, plainList } from "../sessions/surface";
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
  conflict: {
    ...cardSurface,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorderActive}`,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  conflictTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  choices: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The fields that show their own error; a problem with anything else is shown under the form. */
const FIELDS = ["purpose", "goals", "norms", "decisionRights", "culturalPriorities", "values", "cadence", "note"] as const;
type FieldName = (typeof FIELDS)[number];

/** The charter's sections in the order the form shows them, to say which ones someone else changed. */
const SECTION_LABELS: Record<keyof CharterContent, string> = {
  purpose: "Purpose",
  goals: "Goals",
  norms: "Norms",
  decisionRights: "Decision rights",
  culturalPriorities: "Cultural priorities",
  values: "Values",
  cadence: "Cadence",
};

/** The sections whose text differs between two versions. */
function changedSections(before: CharterContent, after: CharterContent): string[] {
  return (Object.keys(SECTION_LABELS) as (keyof CharterContent)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => SECTION_LABELS[key]);
}

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

interface CharterForm {
  purpose: string;
  goals: string;
  norms: string;
  decisionRights: string;
  values: string;
  cadence: string;
  note: string;
  priorities: PriorityRow[];
}

/** The form as a version reads: lists one entry per line, no note yet. */
const formOf = (c: CharterContent): CharterForm => ({
  purpose: c.purpose,
  goals: c.goals.join("\n"),
  norms: c.norms.join("\n"),
  decisionRights: c.decisionRights.join("\n"),
  values: c.values.join("\n"),
  cadence: c.cadence,
  note: "",
  priorities: c.culturalPriorities.map((p) => ({ key: `p${nextKey++}`, id: p.id, label: p.label })),
});

/** The whole charter as typed, saved on top of `baseVersion`. */
const requestOf = (form: CharterForm, baseVersion: number): CharterUpdateRequest => ({
  baseVersion,
  purpose: form.purpose.trim(),
  goals: lines(form.goals),
  norms: lines(form.norms),
  decisionRights: lines(form.decisionRights),
  culturalPriorities: form.priorities.filter((p) => p.label.trim()).map((p) => (p.id ? { id: p.id, label: p.label.trim() } : { label: p.label.trim() })),
  values: lines(form.values),
  cadence: form.cadence.trim(),
  ...(form.note.trim() ? { note: form.note.trim() } : {}),
});

/** After a refused save: the version someone else saved meanwhile, while it loads, or why it didn't. */
type Conflict = { status: "loading" } | { status: "ready"; latest: CharterView } | { status: "error"; error: unknown };

/**
 * Why the save failed, brought into view: the fields above may be scrolled far from it. When
 * the button that was pressed went away with the change (focus fell to the page), it takes focus.
 */
function Problem({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: "nearest" });
    const active = el.ownerDocument.activeElement;
    if (!active || active === el.ownerDocument.body) el.focus();
  }, [text]);
  return (
    <div ref={ref} tabIndex={-1}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{text}</MessageBarBody>
      </MessageBar>
    </div>
  );
}

/**
 * A lead edits the whole charter on top of the version they opened. If someone saved
 * meanwhile the server refuses it (409): nothing typed is lost, the dialog loads the version
 * saved meanwhile, says who saved it and what they changed, and the lead chooses: save their
 * own text on top of it, or discard theirs and carry on from the new version.
 * `onClose` gets the newest version when the dialog learned of one, so the page can show it.
 */
export function EditCharterDialog({
  env,
  charter,
  onSaved,
  onClose,
}: {
  env: CharterEnv;
  charter: CharterView;
  /** `savedOn` is the version the edit was saved on top of: the same version back means nothing changed. */
  onSaved: (saved: CharterView, savedOn: number) => void;
  onClose: (newer?: CharterView) => void;
}) {
  const styles = useStyles();
  const submission = useSubmission();
  /** The version the edit is saved on top of: the one opened, or the one chosen after a conflict. */
  const [base, setBase] = useState(charter.charter);
  const [form, setForm] = useState(() => formOf(charter.charter));
  const [conflict, setConflict] = useState<Conflict>();
  /** The newest version the dialog loaded, for the page once it closes. */
  const [newer, setNewer] = useState<CharterView>();
  const list = useRef<HTMLUListElement>(null);
  const purposeRef = useRef<HTMLTextAreaElement>(null);
  const conflictRef = useRef<HTMLElement>(null);

  const set = (field: Exclude<keyof CharterForm, "priorities">) => (_: unknown, d: { value: string }) => setForm((f) => ({ ...f, [field]: d.value }));
  const setPriorities = (change: (rows: PriorityRow[]) => PriorityRow[]) => setForm((f) => ({ ...f, priorities: change(f.priorities) }));

  // The choice is what to do next: it takes focus once the other version is known.
  useEffect(() => {
    if (conflict?.status === "ready") conflictRef.current?.focus();
  }, [conflict?.status]);

  const loadLatest = async () => {
    setConflict({ status: "loading" });
    try {
      const latest = await env.api.charter(env.communityId);
      setNewer(latest);
      setConflict({ status: "ready", latest });
    } catch (error) {
      setConflict({ status: "error", error });
    }
  };

  /** Saves the form on top of `on`; a 409 means someone saved meanwhile, so their version is loaded. */
  const save = async (on: CharterView["charter"]) => {
    setBase(on);
    try {
      onSaved(await env.api.updateCharter(env.communityId, requestOf(form, on.version)), on.version);
    } catch (error) {
      if (isApiError(error) && error.status === 409) void loadLatest();
      else setConflict(undefined);
      throw error;
    }
  };

  /** Keeps what the lead typed and saves it as the version after the one saved meanwhile. */
  const keepMine = (latest: CharterView) => void submission.submit(() => save(latest.charter));

  /** Throws the lead's text away and carries on from the version saved meanwhile. */
  const takeTheirs = (latest: CharterView) => {
    setBase(latest.charter);
    setForm(formOf(latest.charter));
    setConflict(undefined);
    submission.clearError();
    requestAnimationFrame(() => purposeRef.current?.focus());
  };

  const fieldOf = (error: unknown): FieldName | undefined => FIELDS.find((f) => fieldErrorOf(error, f) !== undefined);
  const addPriority = () => {
    setPriorities((rows) => [...rows, { key: `p${nextKey++}`, label: "" }]);
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>("li:last-child input")?.focus());
  };

  return (
    <FormDialog
      submission={submission}
      title={base.version === 0 ? "Write the charter" : `Edit the charter (version ${base.version})`}
      submitLabel="Save as a new version"
      busyLabel="Saving…"
      // After a conflict the lead chooses below how to go on: saving on top of the old version again would only be refused again.
      submitDisabled={!form.purpose.trim() || !form.cadence.trim() || conflict !== undefined}
      onSubmit={() => save(base)}
      onCancel={() => onClose(newer)}
      errorMessage={() => undefined}
    >
      {(error) => (
        <div className={styles.surface}>
          <Field label="Purpose" required hint="What the community is for, in a sentence or two." validationMessage={fieldErrorOf(error, "purpose")}>
            <Textarea ref={purposeRef} value={form.purpose} onChange={set("purpose")} maxLength={CHARTER_LIMITS.purpose} resize="vertical" rows={3} />
          </Field>
          <Field label="Goals" hint="One per line." validationMessage={fieldErrorOf(error, "goals")}>
            <Textarea value={form.goals} onChange={set("goals")} resize="vertical" rows={3} />
          </Field>
          <Field label="Norms" hint="How people work together, one per line. The first three go into the welcome for newcomers." validationMessage={fieldErrorOf(error, "norms")}>
            <Textarea value={form.norms} onChange={set("norms")} resize="vertical" rows={4} />
          </Field>
          <Field label="Decision rights" hint="Who decides what, one per line." validationMessage={fieldErrorOf(error, "decisionRights")}>
            <Textarea value={form.decisionRights} onChange={set("decisionRights")} resize="vertical" rows={3} />
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Cultural priorities</legend>
            <Text size={200} className={styles.muted}>
              Renaming keeps a priority's practices and library items with it. A priority that practices still belong to can't be removed.
            </Text>
            <ul className={styles.priorities} ref={list}>
              {form.priorities.map((p, i) => (
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
            {fieldErrorOf(error, "culturalPriorities") && (
              <Text role="alert" size={200} className={styles.problem}>
                {fieldErrorOf(error, "culturalPriorities")}
              </Text>
            )}
          </fieldset>
          <Field label="Values" hint="One per line, e.g. Respect." validationMessage={fieldErrorOf(error, "values")}>
            <Textarea value={form.values} onChange={set("values")} resize="vertical" rows={3} />
          </Field>
          <Field label="Cadence" required hint="How often the community meets, in a sentence." validationMessage={fieldErrorOf(error, "cadence")}>
            <Input value={form.cadence} onChange={set("cadence")} maxLength={CHARTER_LIMITS.cadence} />
          </Field>
          <Field label="What changed (optional)" hint="Kept with the new version, so people can see why it changed." validationMessage={fieldErrorOf(error, "note")}>
            <Input value={form.note} onChange={set("note")} maxLength={CHARTER_LIMITS.note} />
          </Field>
          {error !== undefined && !fieldOf(error) && <Problem text={`The charter wasn't saved. ${messageOf(error)}`} />}
          {conflict && (
            <ConflictChoice
              conflict={conflict}
              opened={base}
              locale={env.locale}
              busy={submission.busy}
              panelRef={conflictRef}
              onKeepMine={keepMine}
              onTakeTheirs={takeTheirs}
              onRetry={() => void loadLatest()}
            />
          )}
        </div>
      )}
    </FormDialog>
  );
}

/** Who saved meanwhile and what they changed, and the lead's two ways on: save theirs on top, or take the new version. */
function ConflictChoice({
  conflict,
  opened,
  locale,
  busy,
  panelRef,
  onKeepMine,
  onTakeTheirs,
  onRetry,
}: {
  conflict: Conflict;
  /** The version the refused edit was made on. */
  opened: CharterView["charter"];
  locale: string;
  busy: boolean;
  panelRef: RefObject<HTMLElement | null>;
  onKeepMine: (latest: CharterView) => void;
  onTakeTheirs: (latest: CharterView) => void;
  onRetry: () => void;
}) {
  const styles = useStyles();
  if (conflict.status === "loading") return <Spinner size="tiny" label="Loading the version saved meanwhile…" />;
  if (conflict.status === "error") {
    return (
      <section className={styles.conflict} aria-labelledby="charter-conflict-title" data-testid="charter-conflict">
        <h3 id="charter-conflict-title" className={styles.conflictTitle}>
          We couldn't load the version saved meanwhile
        </h3>
        <Text>{messageOf(conflict.error)} Your text is still in the form.</Text>
        <div className={styles.choices}>
          <Button onClick={onRetry}>Try again</Button>
        </div>
      </section>
    );
  }
  const { latest } = conflict;
  const theirs = latest.charter;
  const changed = changedSections(opened, theirs);
  const who = theirs.updatedByName ?? "Someone";
  return (
    <section ref={panelRef} tabIndex={-1} className={styles.conflict} aria-labelledby="charter-conflict-title" data-testid="charter-conflict">
      <h3 id="charter-conflict-title" className={styles.conflictTitle}>
        Version {theirs.version} was saved while you were editing
      </h3>
      <Text>
        {who} saved it{theirs.updatedAt ? ` on ${formatDateTime(theirs.updatedAt, locale)}` : ""}
        {theirs.note ? `: “${theirs.note}”` : "."}
      </Text>
      <Text>
        {changed.length > 0
          ? `Changed since version ${opened.version}: ${changed.join(", ")}. Saving yours replaces those sections with your text.`
          : `Its text is the same as version ${opened.version}'s.`}{" "}
        Your text is still in the form above.
      </Text>
      <div className={styles.choices}>
        <Button appearance="primary" onClick={() => onKeepMine(latest)} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? "Saving…" : `Save mine as version ${theirs.version + 1}`}
        </Button>
        <Button onClick={() => onTakeTheirs(latest)} disabledFocusable={busy}>
          Discard mine, load version {theirs.version}
        </Button>
      </div>
    </section>
  );
}
