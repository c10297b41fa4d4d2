import { useEffect, useRef, useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type CheckInResponse, type SessionView } from "../../../../../bot/src/contracts";
import { type SessionsEnv } from "../env";
import { ENERGY_LABELS } from "../labels";
import { sectionHeading } from "../surface";
import { CheckInForm } from "./CheckInForm";

const useStyles = makeStyles({
  done: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...sectionHeading, ":focus": { outline: "none" }, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  answers: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    "@media (max-width: 480px)": { gridTemplateColumns: "1fr" },
  },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

/**
 * My check-in for one session: the form until I checked in, then "Checked in" with my own
 * answers, which I can change until the session starts.
 */
export function CheckInPanel({ env, session, onSaved }: { env: SessionsEnv; session: SessionView; onSaved: (answer: CheckInResponse) => void }) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const mine = session.checkIns.mine;

  useEffect(() => {
    if (justSaved) heading.current?.focus();
  }, [justSaved]);

  if (!mine || editing) {
    if (!session.checkIns.open) return <Text className={styles.muted}>Check-ins closed when the session started.</Text>;
    return (
      <CheckInForm
        env={env}
        session={session}
        onSaved={(answer) => {
          setEditing(false);
          setJustSaved(true);
          onSaved(answer);
        }}
        onCancel={
          mine
            ? () => {
                setEditing(false);
                requestAnimationFrame(() => changeButton.current?.focus());
              }
            : undefined
        }
      />
    );
  }

  const headingId = `checkin-done-${session.id}`;
  const rows: [string, string][] = [
    ["A win", mine.win],
    ["A challenge", mine.challenge],
    ["An ask for help", mine.ask],
    ["Energy", mine.energy ? `${mine.energy} of 5, ${ENERGY_LABELS[mine.energy]?.toLowerCase() ?? ""}` : ""],
    ["The practice you're trying", mine.practice],
  ];
  return (
    <section className={styles.done} aria-labelledby={headingId} data-testid="my-checkin">
      <h4 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
        Checked in
      </h4>
      <dl className={styles.answers}>
        {rows.map(([term, value]) => (
          <div key={term} className={styles.pair}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value || "—"}</dd>
          </div>
        ))}
      </dl>
      <Text className={styles.muted}>
        {mine.private ? "Private: only you see these answers. Your check-in still counts." : "The facilitator sees these answers in the check-in summary."}
      </Text>
      {session.checkIns.open ? (
        <div className={styles.actions}>
          <Button ref={changeButton} onClick={() => setEditing(true)}>
            Change my answers
          </Button>
        </div>
      ) : (
        <Text className={styles.muted}>Check-ins closed when the session started.</Text>
      )}
    </section>
  );
}
