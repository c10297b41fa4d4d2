import { type FormEvent, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type RotaResponse } from "../../../../../bot/src/contracts";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { type Member, swapCandidates } from "../model";
import { formatWhen, localInZone } from "../time";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Upcoming = RotaResponse["upcoming"][number];

/** Asks another willing member to take over a session I facilitate. */
export function SwapDialog({ env, session, members, onAsked, onClose }: { env: SessionsEnv; session: Upcoming; members: readonly Member[]; onAsked: (to: Member) => void; onClose: () => void }) {
  const styles = useStyles();
  const candidates = swapCandidates(members, env.me, localInZone(session.startsAt, env.timeZone).slice(0, 10));
  const [to, setTo] = useState(candidates[0]?.userId ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const person = candidates.find((m) => m.userId === to);
    if (!person) return;
    setBusy(true);
    setError(undefined);
    try {
      await env.api.askSwap(env.communityId, session.sessionId, person.userId);
      onAsked(person);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Ask someone to swap</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>
                {session.title}, {formatWhen(session.startsAt, env.locale, env.timeZone)}. They get a request to accept or decline; until then, the
                session stays yours.
              </Text>
              {candidates.length > 0 ? (
                <Field label="Ask" hint="Members in the rotation who aren't away then, those who facilitated least first.">
                  <Select value={to} onChange={(_, d) => setTo(d.value)}>
                    {candidates.map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.displayName} (facilitated {m.facilitated})
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : (
                <Text>No one else in the rotation is free then. Ask your community lead.</Text>
              )}
              {error !== undefined && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{messageOf(error)}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy || !to} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? "Asking…" : "Ask"}
              </Button>
              <Button onClick={onClose} disabledFocusable={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
