import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { AGENDA_FORMATS, type AgendaFormat, type SessionView } from "../../../../../bot/src/contracts";
import { plural } from "../../../lib/format";
import { FormActions } from "../../../shell/FormActions";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { DEFAULT_AGENDAS, FORMAT_LABELS } from "../labels";
import { sectionHeading } from "../surface";
import { CasePicker } from "./CasePicker";
import { PartsEditor } from "./PartsEditor";
import { type PlanDraft, type PlanProblems, partDraftOf, planDraftOf, problemsOf, updateOf } from "./planModel";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { ...sectionHeading, ":focus": { outline: "none" }, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  subheading: { ...sectionHeading, fontSize: tokens.fontSizeBase300 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-start" },
  rowEnd: { alignItems: "flex-end" },
  grow: { flex: "1 1 240px" },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Facilitators and leads: change one session's format, agenda, theme, join link and queued cases. */
export default function PlanEditor({ env, session, onSaved, onCancel }: { env: SessionsEnv; session: SessionView; onSaved: (session: SessionView) => void; onCancel: () => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<PlanDraft>(() => planDraftOf(session));
  const [problems, setProblems] = useState<PlanProblems>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const members = env.members ?? [];
  const minutes = draft.parts.reduce((sum, p) => sum + (Number(p.minutes) || 0), 0);
  const sessionMinutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);

  useEffect(() => heading.current?.focus(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (found) return;
    const change = updateOf(session, draft);
    if (!change) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved((await env.api.updateSession(env.communityId, session.id, change)).session);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const headingId = `plan-editor-${session.id}`;
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={save} noValidate>
      <h4 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
        Edit the plan
      </h4>
      <div className={mergeClasses(styles.row, styles.rowEnd)}>
        <Field label="Format" className={styles.grow}>
          <Select value={draft.format} onChange={(_, d) => set("format", d.value as AgendaFormat)}>
            {AGENDA_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => set("parts", DEFAULT_AGENDAS[draft.format].map(partDraftOf))}>Use this format's usual parts</Button>
      </div>

      <h5 className={styles.subheading}>Agenda</h5>
      <PartsEditor parts={draft.parts} members={members} errors={problems?.parts ?? new Map()} minuteErrors={problems?.minutes ?? new Map()} onChange={(parts) => set("parts", parts)} />
      <Text className={styles.muted} role="status">
        {plural(minutes, "minute", "minutes")} planned{sessionMinutes > 0 ? ` for a ${plural(sessionMinutes, "minute", "minute")} session` : ""}.
      </Text>

      <h5 className={styles.subheading}>Theme</h5>
      <div className={styles.row}>
        <Field label="This month's theme" className={styles.grow} hint="Leave empty for no theme.">
          <Input value={draft.themeTitle} maxLength={120} onChange={(_, d) => set("themeTitle", d.value)} />
        </Field>
        <Field label="Brought by" className={styles.grow}>
          <Select value={draft.themeOwnerId} disabled={!draft.themeTitle.trim()} onChange={(_, d) => set("themeOwnerId", d.value)}>
            <option value="">No one in particular</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <Field label="Join link" hint="The Teams meeting link, starting with https://" validationMessage={problems?.joinUrl}>
        <Input type="url" value={draft.joinUrl} onChange={(_, d) => set("joinUrl", d.value)} />
      </Field>

      <h5 className={styles.subheading}>Cases for the case clinic</h5>
      <CasePicker env={env} cases={draft.cases} hidden={session.hiddenQueuedCases} onChange={(cases) => set("cases", cases)} />

      {(error !== undefined || problems?.agenda) && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{problems?.agenda ?? `The plan wasn't saved. ${messageOf(error)}`}</MessageBarBody>
        </MessageBar>
      )}
      <FormActions busy={busy} submitLabel="Save the plan" busyLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
