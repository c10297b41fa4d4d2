import { useState } from "react";
import { Field, Input, Text, Textarea } from "@fluentui/react-components";
import { PILOT_LIMITS, type PilotView, type PracticeView } from "../../../../../bot/src/contracts";
import { addDays, formatCalendarDate, todayLocal } from "../../../lib/format";
import { FormDialog, fieldErrorOf } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { type PracticesEnv } from "../env";

/** Four weeks: long enough to see a change, short enough to remember what was tried. */
const CHECK_BACK_DAYS = 28;

const FIELDS = ["startOn", "checkBackOn", "commitment"] as const;

/** A manager commits to try a practice: from when, when to check back, and what they'll try. */
export function PilotDialog({ env, practice, onStarted, onClose }: { env: PracticesEnv; practice: PracticeView; onStarted: (pilot: PilotView) => void; onClose: () => void }) {
  const [startOn, setStartOn] = useState(() => todayLocal());
  const [checkBackOn, setCheckBackOn] = useState(() => addDays(todayLocal(), CHECK_BACK_DAYS));
  // The check-back follows the start until someone chooses it themselves.
  const [checkBackChosen, setCheckBackChosen] = useState(false);
  const [commitment, setCommitment] = useState("");

  const start = async () => {
    const { pilot } = await env.api.startPilot(env.communityId, practice.id, { startOn, checkBackOn, commitment: commitment.trim() });
    onStarted(pilot);
  };

  return (
    <FormDialog
      title={`Start a pilot: ${practice.name}`}
      submitLabel="Start the pilot"
      busyLabel="Starting…"
      submitDisabled={!startOn || !checkBackOn}
      onSubmit={start}
      onCancel={onClose}
      inlineFields={FIELDS}
      errorMessage={(error) => `The pilot didn't start. ${messageOf(error)}`}
    >
      {(error) => (
        <>
          <Text>Try it with your team, then tell the community how it went. At check-back we'll ask what changed; your report counts as evidence for the practice.</Text>
          <Field label="Start date" required validationMessage={fieldErrorOf(error, "startOn")}>
            <Input
              type="date"
              value={startOn}
              onChange={(_, d) => {
                setStartOn(d.value);
                if (!checkBackChosen && d.value) setCheckBackOn(addDays(d.value, CHECK_BACK_DAYS));
              }}
            />
          </Field>
          <Field
            label="Check-back date"
            required
            hint={checkBackOn ? `We'll ask how it went on ${formatCalendarDate(checkBackOn, env.locale)}.` : "Four weeks after the start is usual."}
            validationMessage={fieldErrorOf(error, "checkBackOn")}
          >
            <Input
              type="date"
              value={checkBackOn}
              min={startOn || undefined}
              onChange={(_, d) => {
                setCheckBackOn(d.value);
                setCheckBackChosen(true);
              }}
            />
          </Field>
          <Field label="What I'll try" hint="One or two sentences, e.g. “Speak last in our Monday planning for four weeks.”" validationMessage={fieldErrorOf(error, "commitment")}>
            <Textarea value={commitment} onChange={(_, d) => setCommitment(d.value)} maxLength={PILOT_LIMITS.commitment} resize="vertical" />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
