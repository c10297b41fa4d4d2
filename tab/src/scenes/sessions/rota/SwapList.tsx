import { useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type SwapDecisionRequest } from "../../../../../bot/src/contracts";
import { messageOf } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { type Swap, swapActionFor, swapText } from "../model";
import { cardSurface, plainList } from "../surface";
import { formatWhen } from "../time";

const useStyles = makeStyles({
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  swap: { ...cardSurface, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  text: { flex: "1 1 320px", display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground2 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
});

type Decision = SwapDecisionRequest["decision"];
const DONE: Record<Decision, string> = { accept: "You accepted. The session is yours now.", decline: "You declined the swap.", withdraw: "You withdrew your request." };

/** Swap requests: answer the ones addressed to me, withdraw my own, see the rest. */
export function SwapList({ env, swaps, onChanged }: { env: SessionsEnv; swaps: readonly Swap[]; onChanged: () => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState<string>();

  const decide = async (swap: Swap, decision: Decision) => {
    setBusy(swap.id);
    try {
      await env.api.decideSwap(env.communityId, swap.id, decision);
      env.toast(DONE[decision]);
      onChanged();
    } catch (error) {
      env.toast(`That didn't go through. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setBusy(undefined);
    }
  };

  if (swaps.length === 0) return <Text className={styles.muted}>No swap requests.</Text>;
  return (
    <ul className={styles.list} aria-label="Swap requests">
      {swaps.map((swap) => {
        const action = swapActionFor(swap, env.me);
        const label = `${swap.sessionTitle}, ${formatWhen(swap.sessionStartsAt, env.locale, env.timeZone)}`;
        return (
          <li key={swap.id} className={styles.swap}>
            <div className={styles.text}>
              <Text weight="semibold">{label}</Text>
              <Text className={styles.muted}>{swapText(swap, env.me)}</Text>
            </div>
            {action === "answer" && (
              <div className={styles.buttons}>
                <Button appearance="primary" disabledFocusable={busy === swap.id} onClick={() => void decide(swap, "accept")} aria-label={`Accept: take over ${label}`}>
                  Accept
                </Button>
                <Button disabledFocusable={busy === swap.id} onClick={() => void decide(swap, "decline")} aria-label={`Decline: ${label}`}>
                  Decline
                </Button>
              </div>
            )}
            {action === "withdraw" && (
              <Button disabledFocusable={busy === swap.id} onClick={() => void decide(swap, "withdraw")} aria-label={`Withdraw your request for ${label}`}>
                Withdraw
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
