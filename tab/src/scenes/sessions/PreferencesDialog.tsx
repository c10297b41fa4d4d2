import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type PreferencesResponse, type PreferencesUpdateRequest } from "../../../../bot/src/contracts";
import { isApiError } from "../../api/client";
import { DialogForm, useSubmission } from "../../shell/FormDialog";
import { ErrorState, LoadingState, messageOf } from "../../shell/states";
import { type SessionsEnv } from "./env";
import { zoneLabel } from "./time";
import { useKept } from "./useKept";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Prefs = PreferencesResponse["preferences"];

/** How the rhythm reaches me: personal reminders, quiet hours, the facilitator rotation, time away. */
export default function PreferencesDialog({ env, onClose }: { env: SessionsEnv; onClose: (saved: boolean) => void }) {
  const prefs = useKept((signal) => env.api.preferences(env.communityId, signal), [env.api, env.communityId]);
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose(false)}>
      <DialogSurface>
        {prefs.status === "ready" ? (
          <PreferencesForm env={env} loaded={prefs.data} onClose={onClose} />
        ) : (
          <DialogBody>
            <DialogTitle>My preferences</DialogTitle>
            <DialogContent>
              {prefs.status === "loading" ? <LoadingState label="Loading your preferences…" /> : <ErrorState title="We couldn't load your preferences" error={prefs.error} onRetry={prefs.reload} />}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => onClose(false)}>Close</Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}

function PreferencesForm({ env, loaded, onClose }: { env: SessionsEnv; loaded: PreferencesResponse; onClose: (saved: boolean) => void }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<Prefs>(loaded.preferences);
  const submission = useSubmission();
  const { error } = submission;
  const set = <K extends keyof Prefs>(key: K, value: Prefs[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (field: string) => (isApiError(error) && error.field?.startsWith(field) ? error.message : undefined);

  const save = async () => {
    const before = loaded.preferences;
    const change: PreferencesUpdateRequest = {};
    if (draft.personalReminders !== before.personalReminders) change.personalReminders = draft.personalReminders;
    if (draft.quietHours.start !== before.quietHours.start || draft.quietHours.end !== before.quietHours.end) change.quietHours = draft.quietHours;
    if (draft.willingToFacilitate !== before.willingToFacilitate) change.willingToFacilitate = draft.willingToFacilitate;
    if ((draft.awayUntil ?? "") !== (before.awayUntil ?? "")) change.awayUntil = draft.awayUntil || null;
    if (Object.keys(change).length === 0) {
      onClose(false);
      return;
    }
    await env.api.updatePreferences(env.communityId, change);
    onClose(true);
  };

  return (
    <DialogForm
      submission={submission}
      title="My preferences"
      submitLabel="Save"
      busyLabel="Saving…"
      onSubmit={save}
      onCancel={() => onClose(false)}
      errorMessage={(e) => (fieldError("quietHours") || fieldError("awayUntil") ? undefined : `Your preferences weren't saved. ${messageOf(e)}`)}
    >
      <Text className={styles.muted}>Reminders and times use your time zone, {zoneLabel(loaded.timeZone, env.locale)}.</Text>
      <Field hint="Besides the reminder in the community's channel.">
        <Switch checked={draft.personalReminders} onChange={(_, d) => set("personalReminders", d.checked)} label="Remind me in my personal chat" />
      </Field>
      <div className={styles.row} role="group" aria-label="Quiet hours">
        <Field label="Quiet from" validationMessage={fieldError("quietHours.start")}>
          <Input type="time" value={draft.quietHours.start} onChange={(_, d) => set("quietHours", { ...draft.quietHours, start: d.value })} />
        </Field>
        <Field label="Quiet until" validationMessage={fieldError("quietHours.end")}>
          <Input type="time" value={draft.quietHours.end} onChange={(_, d) => set("quietHours", { ...draft.quietHours, end: d.value })} />
        </Field>
      </div>
      <Text className={styles.muted}>No personal messages between these times; they wait until the quiet hours end.</Text>
      <Field hint="The rota picks facilitators fairly among willing members.">
        <Switch checked={draft.willingToFacilitate} onChange={(_, d) => set("willingToFacilitate", d.checked)} label="I'm willing to facilitate" />
      </Field>
      <Field label="Away until" hint="Leave, travel: no facilitation or personal reminders up to and including this day. Clear it when you're back." validationMessage={fieldError("awayUntil")}>
        <Input type="date" value={draft.awayUntil ?? ""} onChange={(_, d) => set("awayUntil", d.value || undefined)} />
      </Field>
    </DialogForm>
  );
}
