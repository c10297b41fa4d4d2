import { useState } from "react";
import { Spinner, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { type RsvpAnswer, type SessionView } from "../../../../../bot/src/contracts";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";

const useStyles = makeStyles({
  group: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  label: { fontWeight: tokens.fontWeightSemibold },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

const ANSWERS: { answer: RsvpAnswer; label: string }[] = [
  { answer: "going", label: "Going" },
  { answer: "not-going", label: "Can't make it" },
];

/** My answer to "are you coming?": two pressed-or-not buttons, saved at once. */
export function RsvpControl({ env, session, onSaved }: { env: SessionsEnv; session: SessionView; onSaved: (session: SessionView) => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState<RsvpAnswer>();
  const [error, setError] = useState<unknown>();
  const labelId = `rsvp-label-${session.id}`;

  const answer = async (value: RsvpAnswer) => {
    if (busy || value === session.rsvp.mine) return;
    setBusy(value);
    setError(undefined);
    try {
      const { session: saved } = await env.api.rsvp(env.communityId, session.id, value);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className={styles.group} role="group" aria-labelledby={labelId}>
      <Text id={labelId} className={styles.label}>
        Are you coming?
      </Text>
      {ANSWERS.map(({ answer: value, label }) => (
        <ToggleButton key={value} checked={session.rsvp.mine === value} disabledFocusable={busy !== undefined} onClick={() => void answer(value)}>
          {label}
        </ToggleButton>
      ))}
      <span className={styles.status} role="status">
        {busy && (
          <>
            <Spinner size="extra-tiny" /> Saving…
          </>
        )}
      </span>
      {error !== undefined && (
        <Text className={styles.error} role="alert">
          Your answer wasn't saved. {messageOf(error)}
        </Text>
      )}
    </div>
  );
}
