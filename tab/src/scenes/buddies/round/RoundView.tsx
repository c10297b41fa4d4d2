import { useRef, useState } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type BuddiesOverview, type BuddyRoundView } from "../../../../../bot/src/contracts";
import { formatCalendarDate } from "../../../lib/format";
import { plural } from "../../../lib/format";
import { ConfirmDialog } from "../../../shell/ConfirmDialog";
import { EmptyState, messageOf } from "../../../shell/states";
import { sectionHeading } from "../../sessions/surface";
import { type BuddiesEnv } from "../env";
import { peopleIn, relaxedText, shareText } from "../model";
import { DraftGroups } from "./DraftGroups";
import { SettingsDialog } from "./SettingsDialog";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

type Confirm = "publish" | "discard";

/** Facilitators and leads: propose a round, review and swap, then publish or discard; the round settings. */
export default function RoundView({ env, data }: { env: BuddiesEnv; data: BuddiesOverview }) {
  const styles = useStyles();
  const [proposing, setProposing] = useState(false);
  const [proposeError, setProposeError] = useState<unknown>();
  const [confirm, setConfirm] = useState<Confirm>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const draft = data.draft;
  const day = (d: string) => formatCalendarDate(d, env.locale);
  const setDraft = (round: BuddyRoundView | null) => env.overview.update((o) => ({ ...o, draft: round }));

  const propose = async () => {
    setProposing(true);
    setProposeError(undefined);
    try {
      const { round } = await env.api.proposeBuddyRound(env.communityId, {});
      setDraft(round);
      env.toast(draft ? "A new proposal replaced the earlier one." : "Round proposed. Review it, then publish.");
      requestAnimationFrame(() => heading.current?.focus());
    } catch (e) {
      setProposeError(e);
    } finally {
      setProposing(false);
    }
  };

  const settings = (
    <section className={styles.section} aria-labelledby="round-settings-heading">
      <h3 id="round-settings-heading" className={styles.heading}>
        Round settings
      </h3>
      <Text data-testid="round-settings">
        A pair doesn't repeat within {plural(data.settings.noRepeatRounds, "round", "rounds")}; a sprint lasts {plural(data.settings.sprintDays, "day", "days")}.
      </Text>
      <div className={styles.actions}>
        <Button ref={settingsButton} onClick={() => setSettingsOpen(true)}>
          Change settings
        </Button>
      </div>
    </section>
  );

  return (
    <div className={styles.view}>
      {!draft ? (
        <EmptyState
          title="No round in review"
          actions={
            <Button appearance="primary" onClick={() => void propose()} disabledFocusable={proposing}>
              {proposing ? "Proposing…" : "Propose a round"}
            </Button>
          }
        >
          Propose a round to see who would be paired and why. Nothing is sent until you publish it.
        </EmptyState>
      ) : (
        <section className={styles.section} aria-labelledby="draft-heading" data-testid="draft">
          <h3 id="draft-heading" ref={heading} tabIndex={-1} className={styles.heading}>
            Proposed round: sprint {day(draft.sprint.startsOn)} to {day(draft.sprint.endsOn)}
          </h3>
          <Text data-testid="draft-share">{shareText(draft)}</Text>
          <Text className={styles.muted}>
            {plural(draft.groups.length, "group", "groups")}, {plural(peopleIn(draft), "person", "people")}. To swap two people, choose “Swap with…” beside one of them, or select one and then someone in another group.
          </Text>
          {draft.relaxed.length > 0 && (
            <MessageBar intent="warning" layout="multiline" data-testid="draft-relaxed">
              <MessageBarBody>
                <MessageBarTitle>Not every rule could hold</MessageBarTitle>
                <ul className={styles.list}>
                  {draft.relaxed.map((rule) => (
                    <li key={rule}>{relaxedText(rule, data.settings.noRepeatRounds)}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <DraftGroups env={env} round={draft} onSwapped={setDraft} />
          {draft.unmatched.length > 0 && (
            <div data-testid="draft-unmatched">
              <Text weight="semibold">Not matched this round</Text>
              <ul className={styles.list} aria-label="Not matched this round">
                {draft.unmatched.map((u) => (
                  <li key={u.userId}>
                    {u.displayName} ({u.department}): {u.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => setConfirm("publish")}>
              Publish
            </Button>
            <Button onClick={() => void propose()} disabledFocusable={proposing}>
              {proposing ? "Proposing…" : "Propose again"}
            </Button>
            <Button onClick={() => setConfirm("discard")}>Discard</Button>
          </div>
        </section>
      )}
      {proposeError !== undefined && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>No round was proposed. {messageOf(proposeError)}</MessageBarBody>
        </MessageBar>
      )}
      {settings}

      {draft && (
        <ConfirmDialog
          open={confirm === "publish"}
          title="Publish this round?"
          confirmLabel="Publish"
          busyLabel="Publishing…"
          onCancel={() => setConfirm(undefined)}
          onConfirm={async () => {
            await env.api.publishBuddyRound(env.communityId, draft.id);
            setConfirm(undefined);
            env.toast(`Round published. ${plural(peopleIn(draft), "person", "people")} got an introduction card.`);
            env.overview.reload();
          }}
        >
          Each of {plural(peopleIn(draft), "person", "people")} gets an introduction card naming their buddy, the sprint's steps and dates. It can't be taken back.
        </ConfirmDialog>
      )}
      {draft && (
        <ConfirmDialog
          open={confirm === "discard"}
          title="Discard this proposal?"
          confirmLabel="Discard"
          busyLabel="Discarding…"
          onCancel={() => setConfirm(undefined)}
          onConfirm={async () => {
            await env.api.discardBuddyRound(env.communityId, draft.id);
            setConfirm(undefined);
            setDraft(null);
            env.toast("Proposal discarded. Nobody was told.");
          }}
        >
          Nobody has been told about it; your swaps are lost.
        </ConfirmDialog>
      )}
      {settingsOpen && (
        <SettingsDialog
          env={env}
          settings={data.settings}
          onClose={(saved) => {
            setSettingsOpen(false);
            settingsButton.current?.focus();
            if (saved) {
              env.overview.update((o) => ({ ...o, settings: saved }));
              env.toast("Round settings saved. They apply from the next proposal.");
            }
          }}
        />
      )}
    </div>
  );
}
