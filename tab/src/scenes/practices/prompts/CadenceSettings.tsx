import { useState } from "react";
import { Field, Input, Select, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type PromptBankView, type PromptSettings } from "../../../../../bot/src/contracts";
import { weekdayName } from "../../../lib/format";
import { InlineForm, fieldErrorOf, useSubmission } from "../../../shell/FormDialog";
import { messageOf } from "../../../shell/states";
import { formatWhen, zoneLabel } from "../../sessions/time";
import { type PracticesEnv } from "../env";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "560px" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The fields that show their own error; any other (e.g. `enabled`) goes to the bar. */
const FIELDS = ["weekday", "time"] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** When the next prompt goes out, in the reader's zone; or that the weekly prompt is off. */
function nextPostText(nextPostAt: string | null, env: Pick<PracticesEnv, "locale" | "timeZone">): string {
  return nextPostAt ? `The next prompt goes out ${formatWhen(nextPostAt, env.locale, env.timeZone)}.` : "The weekly prompt is off: prompts go out only when a facilitator posts one.";
}

/** The cadence in words, e.g. "Every Wednesday at 10:00 (Europe/London)". */
function cadenceText(settings: PromptSettings, env: Pick<PracticesEnv, "locale" | "communityTimeZone">): string {
  if (!settings.enabled) return "The weekly prompt is off.";
  return `A prompt goes out every ${weekdayName(settings.weekday, env.locale)} at ${settings.time}${env.communityTimeZone ? ` (${env.communityTimeZone} time)` : ""}.`;
}

/** The weekly cadence: facilitators and leads change it; everyone sees when the next prompt goes out. */
export function CadenceSettings({ env, bank, onSaved }: { env: PracticesEnv; bank: PromptBankView; onSaved: (settings: PromptSettings, nextPostAt: string | null) => void }) {
  const styles = useStyles();
  const [enabled, setEnabled] = useState(bank.settings.enabled);
  const [weekday, setWeekday] = useState(bank.settings.weekday);
  const [time, setTime] = useState(bank.settings.time);
  const submission = useSubmission();
  const changed = enabled !== bank.settings.enabled || weekday !== bank.settings.weekday || time !== bank.settings.time;

  const next = (
    <Text data-testid="next-post">
      {nextPostText(bank.nextPostAt, env)} <span className={styles.muted}>Times are in your time zone, {zoneLabel(env.timeZone, env.locale)}.</span>
    </Text>
  );

  if (!bank.can.manage)
    return (
      <div className={styles.form}>
        <Text>{cadenceText(bank.settings, env)}</Text>
        {next}
      </div>
    );

  const save = async () => {
    const { settings, nextPostAt } = await env.api.updatePromptSettings(env.communityId, { enabled, weekday, time });
    onSaved(settings, nextPostAt);
  };

  return (
    <InlineForm
      className={styles.form}
      aria-label="Weekly prompt"
      submission={submission}
      onSubmit={save}
      inlineFields={FIELDS}
      errorMessage={(error) => `The cadence wasn't saved. ${messageOf(error)}`}
      submitLabel="Save the cadence"
      busyLabel="Saving…"
      submitDisabled={!changed || !/^\d{2}:\d{2}$/.test(time)}
      cancelLabel="Undo changes"
      onCancel={() => {
        setEnabled(bank.settings.enabled);
        setWeekday(bank.settings.weekday);
        setTime(bank.settings.time);
        submission.clearError();
      }}
    >
      {next}
      <Switch checked={enabled} onChange={(_, d) => setEnabled(d.checked)} label={enabled ? "A prompt goes out every week" : "The weekly prompt is off"} />
      <div className={styles.row}>
        <Field label="Day" validationMessage={fieldErrorOf(submission.error, "weekday")}>
          <Select value={String(weekday)} onChange={(_, d) => setWeekday(Number(d.value))} disabled={!enabled}>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {weekdayName(d, env.locale)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Time" hint={env.communityTimeZone ? `In the community's time zone, ${env.communityTimeZone}.` : "In the community's time zone."} validationMessage={fieldErrorOf(submission.error, "time")}>
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} disabled={!enabled} required />
        </Field>
      </div>
    </InlineForm>
  );
}
