import { useState } from "react";
import { Field, Input } from "@fluentui/react-components";
import { type BuddySettings } from "../../../../../bot/src/contracts";
import { isApiError } from "../../../api/client";
import { FormDialog } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type BuddiesEnv } from "../env";

/** How long a pair stays out of the draw, and how long a sprint lasts. */
export function SettingsDialog({ env, settings, onClose }: { env: BuddiesEnv; settings: BuddySettings; onClose: (saved?: BuddySettings) => void }) {
  const [noRepeat, setNoRepeat] = useState(String(settings.noRepeatRounds));
  const [sprintDays, setSprintDays] = useState(String(settings.sprintDays));

  const save = async () => {
    const change: Partial<BuddySettings> = {};
    if (Number(noRepeat) !== settings.noRepeatRounds) change.noRepeatRounds = Number(noRepeat);
    if (Number(sprintDays) !== settings.sprintDays) change.sprintDays = Number(sprintDays);
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    onClose((await env.api.updateBuddySettings(env.communityId, change)).settings);
  };
  const fieldError = (error: unknown, field: string) => (isApiError(error) && error.field === field ? error.message : undefined);

  return (
    <FormDialog
      title="Round settings"
      submitLabel="Save"
      busyLabel="Saving…"
      onSubmit={save}
      onCancel={() => onClose()}
      errorMessage={(e) => (fieldError(e, "noRepeatRounds") || fieldError(e, "sprintDays") ? undefined : `The settings weren't saved. ${messageOf(e)}`)}
    >
      {(error) => (
        <>
          <Field label="Rounds before a pair may repeat" hint="0 to 12. Pairs from this many past rounds aren't matched again while anyone new is left." validationMessage={fieldError(error, "noRepeatRounds")}>
            <Input type="number" min={0} max={12} step={1} value={noRepeat} onChange={(_, d) => setNoRepeat(d.value)} required />
          </Field>
          <Field label="Sprint length in days" hint="7 to 42; two weeks is usual. The mid-sprint check-in comes halfway." validationMessage={fieldError(error, "sprintDays")}>
            <Input type="number" min={7} max={42} step={1} value={sprintDays} onChange={(_, d) => setSprintDays(d.value)} required />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
