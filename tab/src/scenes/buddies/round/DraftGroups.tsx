import { useState } from "react";
import {
  Badge,
  Button,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type BuddyRoundView } from "../../../../../bot/src/contracts";
import { messageOf } from "../../../shell/states";
import { card, plainList } from "../surface";
import { type BuddiesEnv } from "../env";
import { type Person, RELAXED_BADGE, groupLabel, swapOptions } from "../model";
import { PersonText } from "../people";

const useStyles = makeStyles({
  groups: { ...plainList, display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: tokens.spacingHorizontalM },
  group: { ...card, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  members: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  member: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  tools: { display: "flex", gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground2 },
});

/** The draft's groups: who, why, which rule each breaks, and swapping two people by pointer or keyboard. */
export function DraftGroups({ env, round, onSwapped }: { env: BuddiesEnv; round: BuddyRoundView; onSwapped: (round: BuddyRoundView) => void }) {
  const styles = useStyles();
  const [selected, setSelected] = useState<Person>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const groupOf = (userId: string) => round.groups.findIndex((g) => g.members.some((m) => m.userId === userId));

  const swap = async (a: Person, b: Person) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const { round: next } = await env.api.swapInBuddyRound(env.communityId, round.id, a.userId, b.userId);
      setSelected(undefined);
      onSwapped(next);
      env.toast(`Swapped ${a.displayName} and ${b.displayName}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {selected && (
        <Text role="status" data-testid="swap-selected">
          {selected.displayName} is selected: choose someone in another group to swap with, or press Selected again to cancel.
        </Text>
      )}
      {error !== undefined && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>The swap didn't happen. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.groups} aria-label="Proposed groups">
        {round.groups.map((group, index) => {
          const label = groupLabel(group, index);
          return (
            <li key={group.id} className={styles.group} data-group-id={group.id} aria-label={label}>
              <div className={styles.title}>
                <Text weight="semibold">{label}</Text>
                {group.relaxed.map((rule) => (
                  <Badge key={rule} appearance="tint" color="warning" shape="rounded">
                    {RELAXED_BADGE[rule]}
                  </Badge>
                ))}
              </div>
              <ul className={styles.members} aria-label={`${label}: members`}>
                {group.members.map((person) => {
                  const isSelected = selected?.userId === person.userId;
                  const canTake = selected !== undefined && !isSelected && groupOf(selected.userId) !== index;
                  return (
                    <li key={person.userId} className={styles.member} data-user-id={person.userId}>
                      <PersonText person={person} me={env.me} />
                      <span className={styles.tools}>
                        {canTake ? (
                          <Button size="small" appearance="primary" disabledFocusable={busy} onClick={() => void swap(selected, person)} aria-label={`Swap here: ${person.displayName} with ${selected.displayName}`}>
                            Swap here
                          </Button>
                        ) : (
                          <ToggleButton
                            size="small"
                            checked={isSelected}
                            disabledFocusable={busy || (selected !== undefined && !isSelected)}
                            onClick={() => setSelected(isSelected ? undefined : person)}
                            aria-label={isSelected ? `${person.displayName} selected for a swap` : `Select ${person.displayName} to swap`}
                          >
                            {isSelected ? "Selected" : "Select"}
                          </ToggleButton>
                        )}
                        <Menu>
                          <MenuTrigger disableButtonEnhancement>
                            <MenuButton size="small" disabledFocusable={busy} aria-label={`${person.displayName}: swap with…`}>
                              Swap with…
                            </MenuButton>
                          </MenuTrigger>
                          <MenuPopover>
                            <MenuList>
                              {swapOptions(round, person.userId).map((o) => (
                                <MenuItem key={o.person.userId} onClick={() => void swap(person, o.person)}>
                                  {o.person.displayName} ({o.person.department}), {o.groupLabel}
                                </MenuItem>
                              ))}
                            </MenuList>
                          </MenuPopover>
                        </Menu>
                      </span>
                    </li>
                  );
                })}
              </ul>
              {group.reasons.length > 0 && (
                <ul className={styles.reasons} aria-label={`${label}: why`}>
                  {group.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
