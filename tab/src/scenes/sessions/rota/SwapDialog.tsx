import { useState } from "react";
import { Field, Select, Text } from "@fluentui/react-components";
import { type RotaResponse } from "../../../../../bot/src/contracts";
import { FormDialog } from "../../../shell/FormDialog";
import { type SessionsEnv } from "../env";
import { type Member, swapCandidates } from "../model";
import { formatWhen, localInZone } from "../time";

type Upcoming = RotaResponse["upcoming"][number];

/** Asks another willing member to take over a session I facilitate. */
export function SwapDialog({ env, session, members, onAsked, onClose }: { env: SessionsEnv; session: Upcoming; members: readonly Member[]; onAsked: (to: Member) => void; onClose: () => void }) {
  const candidates = swapCandidates(members, env.me, localInZone(session.startsAt, env.timeZone).slice(0, 10));
  const [to, setTo] = useState(candidates[0]?.userId ?? "");

  const ask = async () => {
    const person = candidates.find((m) => m.userId === to);
    if (!person) return;
    await env.api.askSwap(env.communityId, session.sessionId, person.userId);
    onAsked(person);
  };

  return (
    <FormDialog title="Ask someone to swap" submitLabel="Ask" busyLabel="Asking…" submitDisabled={!to} onSubmit={ask} onCancel={onClose}>
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
    </FormDialog>
  );
}
