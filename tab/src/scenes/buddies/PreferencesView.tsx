import { useMemo, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type BuddiesOverview, type BuddyPreferencesUpdateRequest, type MyBuddyPreferences } from "../../../../bot/src/contracts";
import { isApiError } from "../../api/client";
import { formatCalendarDate } from "../../lib/format";
import { ConfirmDialog } from "../../shell/ConfirmDialog";
import { messageOf } from "../../shell/states";
import { card, plainList, sectionHeading } from "./surface";
import { useKept } from "../sessions/useKept";
import { type BuddiesEnv } from "./env";
import { avoidCandidates } from "./model";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  card: { ...card, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

/** Whether I'm in the rounds, a snooze that ends by itself, and my private "please don't pair me with" list. */
export default function PreferencesView({ env, data }: { env: BuddiesEnv; data: BuddiesOverview }) {
  const styles = useStyles();
  const prefs = data.preferences;
  const day = (d: string) => formatCalendarDate(d, env.locale);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [confirmOptOut, setConfirmOptOut] = useState(false);
  const [snooze, setSnooze] = useState(prefs.snoozeUntil ?? "");
  const [adding, setAdding] = useState("");
  const rota = useKept((signal) => env.api.rota(env.communityId, signal), [env.api, env.communityId]);

  // Everyone I can name: the community's members, and the people the overview already shows me.
  const known = useMemo(() => {
    const people: { userId: string; displayName: string }[] = [...(rota.data?.members ?? [])];
    for (const r of data.history) for (const g of r.groups) people.push(...g.members);
    for (const g of data.draft?.groups ?? []) people.push(...g.members);
    for (const c of data.circles) people.push(...c.members);
    return people;
  }, [rota.data, data]);
  const candidates = avoidCandidates(known, env.me, prefs.avoidPairingWith);

  const save = async (what: string, change: BuddyPreferencesUpdateRequest, said: string): Promise<MyBuddyPreferences> => {
    setBusy(what);
    setError(undefined);
    try {
      const { preferences } = await env.api.updateBuddyPreferences(env.communityId, change);
      env.overview.update((o) => ({ ...o, preferences }));
      env.toast(said);
      return preferences;
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(undefined);
    }
  };
  const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);
  const fieldError = (field: string) => (isApiError(error) && error.field?.startsWith(field) ? error.message : undefined);
  const snoozed = prefs.snoozeUntil !== null && prefs.snoozeUntil >= env.today;

  return (
    <div className={styles.view}>
      {error !== undefined && !fieldError("snoozeUntil") && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>Your change wasn't saved. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="rounds-heading">
        <h3 id="rounds-heading" className={styles.heading}>
          Buddy rounds
        </h3>
        <Switch
          checked={!prefs.optedOut}
          disabled={busy !== undefined}
          label={prefs.optedOut ? "You're opted out of buddy rounds" : "Include me in buddy rounds"}
          onChange={(_, d) => (d.checked ? quietly(save("optOut", { optedOut: false }, "You're back in the buddy rounds.")) : setConfirmOptOut(true))}
        />
        <Text className={styles.muted}>Opting out takes you out of every future round until you opt back in. A sprint you're already in carries on.</Text>
      </section>

      <section className={styles.card} aria-labelledby="snooze-heading">
        <h3 id="snooze-heading" className={styles.heading}>
          Snooze
        </h3>
        <Text data-testid="snooze-state">{snoozed ? `Snoozed until ${day(prefs.snoozeUntil!)}; you're back in the draw the day after, by yourself.` : "Not snoozed."}</Text>
        <div className={styles.row}>
          <Field label="Snooze until" hint="Busy season, leave: no new buddy up to and including this day." validationMessage={fieldError("snoozeUntil")}>
            <Input type="date" value={snooze} min={env.today} onChange={(_, d) => setSnooze(d.value)} />
          </Field>
          <Button disabledFocusable={busy !== undefined || !snooze || snooze === prefs.snoozeUntil} onClick={() => quietly(save("snooze", { snoozeUntil: snooze }, `Snoozed until ${day(snooze)}.`))}>
            {busy === "snooze" ? "Saving…" : "Snooze"}
          </Button>
          {prefs.snoozeUntil && (
            <Button
              disabledFocusable={busy !== undefined}
              onClick={() =>
                quietly(
                  save("snooze", { snoozeUntil: null }, "Snooze ended: you're in the next round.").then(() => setSnooze("")),
                )
              }
            >
              End snooze
            </Button>
          )}
        </div>
      </section>

      <section className={styles.card} aria-labelledby="avoid-heading" data-testid="avoid">
        <h3 id="avoid-heading" className={styles.heading}>
          Please don't pair me with
        </h3>
        <Text>
          <Text weight="semibold">Private:</Text> only you see this list. Facilitators and the people on it never do; the matcher just keeps you apart.
        </Text>
        {prefs.avoidPairingWith.length === 0 ? (
          <Text className={styles.muted}>No one listed.</Text>
        ) : (
          <ul className={styles.list} aria-label="People I'm not paired with">
            {prefs.avoidPairingWith.map((p) => (
              <li key={p.userId} className={styles.item}>
                <Text>
                  {p.displayName}
                  {p.department && <span className={styles.muted}> · {p.department}</span>}
                </Text>
                <Button
                  size="small"
                  disabledFocusable={busy !== undefined}
                  aria-label={`Remove ${p.displayName}`}
                  onClick={() => quietly(save("avoid", { avoidPairingWith: prefs.avoidPairingWith.filter((q) => q.userId !== p.userId).map((q) => q.userId) }, `${p.displayName} removed from your list.`))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className={styles.row}>
          <Field label="Add someone" hint={rota.status === "error" ? "The member list didn't load; people you've been paired or in a circle with are listed." : undefined}>
            <Select value={adding} onChange={(_, d) => setAdding(d.value)}>
              <option value="">Choose a person…</option>
              {candidates.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.displayName}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            disabledFocusable={busy !== undefined || !adding || prefs.avoidPairingWith.length >= 20}
            onClick={() => {
              const name = candidates.find((p) => p.userId === adding)?.displayName ?? "They";
              quietly(save("avoid", { avoidPairingWith: [...prefs.avoidPairingWith.map((p) => p.userId), adding] }, `${name} added to your private list.`).then(() => setAdding("")));
            }}
          >
            {busy === "avoid" ? "Saving…" : "Add"}
          </Button>
        </div>
      </section>

      <ConfirmDialog
        open={confirmOptOut}
        title="Opt out of buddy rounds?"
        confirmLabel="Opt out"
        busyLabel="Saving…"
        onCancel={() => setConfirmOptOut(false)}
        onConfirm={async () => {
          await env.api.updateBuddyPreferences(env.communityId, { optedOut: true }).then(({ preferences }) => env.overview.update((o) => ({ ...o, preferences })));
          setConfirmOptOut(false);
          env.toast("You're opted out. Opt back in here any time.");
        }}
      >
        You won't get a buddy in future rounds until you opt back in. If you only need a break, snooze until a date instead.
      </ConfirmDialog>
    </div>
  );
}
