import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { AGENDA_PARTS } from "../../../../../bot/src/contracts";
import { type AgendaPart, PART_LABELS } from "../labels";
import { type Member } from "../model";
import { plainList } from "../surface";
import { type PartDraft } from "./planModel";

const useStyles = makeStyles({
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  part: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "grid",
    gridTemplateColumns: "minmax(140px, 1fr) minmax(180px, 2fr) 90px minmax(140px, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
    "@media (max-width: 720px)": { gridTemplateColumns: "1fr 1fr" },
  },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  buttons: { gridColumn: "1 / -1", display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The agenda's parts, in order: kind, title, minutes and who leads each; move, remove, add. */
export function PartsEditor({ parts, members, errors, minuteErrors, onChange }: { parts: PartDraft[]; members: readonly Member[]; errors: ReadonlyMap<number, string>; minuteErrors: ReadonlyMap<number, string>; onChange: (parts: PartDraft[]) => void }) {
  const styles = useStyles();
  const update = (index: number, change: Partial<PartDraft>) => onChange(parts.map((p, i) => (i === index ? { ...p, ...change } : p)));
  const move = (index: number, by: number) => {
    const next = parts.slice();
    const [part] = next.splice(index, 1);
    next.splice(index + by, 0, part!);
    onChange(next);
  };
  return (
    <>
      <ol className={styles.list} aria-label="Agenda parts">
        {parts.map((part, index) => (
          <li key={index}>
            <fieldset className={styles.part}>
              <legend className={styles.legend}>Part {index + 1}</legend>
              <Field label="Kind">
                <Select value={part.part} onChange={(_, d) => update(index, { part: d.value as AgendaPart })}>
                  {AGENDA_PARTS.map((p) => (
                    <option key={p} value={p}>
                      {PART_LABELS[p]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Title" required validationMessage={errors.get(index)}>
                <Input value={part.title} maxLength={120} onChange={(_, d) => update(index, { title: d.value })} />
              </Field>
              <Field label="Minutes" required validationMessage={minuteErrors.get(index)}>
                <Input type="number" min={1} max={480} value={part.minutes} onChange={(_, d) => update(index, { minutes: d.value })} />
              </Field>
              <Field label="Led by">
                <Select value={part.ownerId ?? ""} onChange={(_, d) => update(index, { ownerId: d.value || undefined })}>
                  <option value="">The facilitator</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.displayName}
                    </option>
                  ))}
                </Select>
              </Field>
              <div className={styles.buttons}>
                <Button size="small" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move up: part ${index + 1}`}>
                  Move up
                </Button>
                <Button size="small" disabled={index === parts.length - 1} onClick={() => move(index, 1)} aria-label={`Move down: part ${index + 1}`}>
                  Move down
                </Button>
                <Button size="small" disabled={parts.length === 1} onClick={() => onChange(parts.filter((_, i) => i !== index))} aria-label={`Remove: part ${index + 1}`}>
                  Remove
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div>
        <Button disabled={parts.length >= 12} onClick={() => onChange([...parts, { part: "discussion", title: "", minutes: "15" }])}>
          Add a part
        </Button>
      </div>
    </>
  );
}
