import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { type SessionView } from "../../../../../bot/src/contracts";
import { plural } from "../../../lib/format";
import { useAsync } from "../../../lib/useAsync";
import { ErrorState, LoadingState, messageOf } from "../../../shell/states";
import { LibraryItemLink } from "../../library/LibraryItemLink";
import { type SessionsEnv } from "../env";
import { averageText } from "../model";
import { cardSurface, plainList, sectionHeading } from "../surface";

const useStyles = makeStyles({
  summary: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  facts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXS },
  entries: { ...plainList, display: "grid", gap: tokens.spacingVerticalS, gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))" },
  entry: { ...cardSurface, backgroundColor: tokens.colorNeutralBackground2, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  name: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  answers: { margin: `${tokens.spacingVerticalXS} 0 0`, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  promote: { marginTop: tokens.spacingVerticalXS },
});

/** A win a facilitator can add to the library, credited to the person who shared it; then a link to the item. */
function AddWinToLibrary({ env, sessionId, userId, name }: { env: SessionsEnv; sessionId: string; userId: string; name: string }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string>();
  if (added) {
    return (
      // In place of the button that had focus: the link takes it, so the keyboard stays here.
      <LibraryItemLink className={styles.promote} itemId={added} focusOnMount>
        In the library
      </LibraryItemLink>
    );
  }
  const add = async () => {
    setBusy(true);
    try {
      const { artifact } = await env.api.promote(env.communityId, { kind: "check-in-win", sessionId, userId });
      setAdded(artifact.id);
      env.toast(`${name}'s win is in the library.`, { id: "win-promoted" });
    } catch (error) {
      env.toast(messageOf(error), { intent: "error", id: "win-promoted" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className={styles.promote} size="small" appearance="subtle" disabled={busy} onClick={() => void add()} aria-label={`Add win to library (${name})`}>
      {busy ? "Adding…" : "Add win to library"}
    </Button>
  );
}

/** Facilitators and leads: what people brought. Private answers are left out by the server and only counted. */
export function CheckInSummary({ env, session }: { env: SessionsEnv; session: SessionView }) {
  const styles = useStyles();
  const summary = useAsync((signal) => env.api.checkInSummary(env.communityId, session.id, signal), [env.api, env.communityId, session.id, session.checkIns.count]);
  const headingId = `summary-heading-${session.id}`;

  let body;
  if (summary.status === "loading") body = <LoadingState label="Loading the check-ins…" />;
  else if (summary.status === "error") body = <ErrorState title="We couldn't load the check-in summary" error={summary.error} onRetry={summary.retry} />;
  else {
    const s = summary.data;
    const energy = averageText(s.energyAverage, s.count, s.minimumForAverages, { one: "check-in", many: "check-ins" });
    const shared = s.entries.filter((e) => e.win || e.challenge || e.ask || e.practice || e.energy);
    body = (
      <>
        <div className={styles.facts}>
          <Text data-testid="summary-count">{plural(s.count, "check-in", "check-ins")}</Text>
          <Text data-testid="summary-private">{s.privateCount > 0 ? `${s.privateCount.toLocaleString()} private (counted, not shown)` : "None private"}</Text>
          <Text data-testid="summary-energy">
            Average energy: {energy.value}
            {energy.note && <span className={styles.muted}> ({energy.note})</span>}
          </Text>
        </div>
        {shared.length > 0 ? (
          <ul className={styles.entries} aria-label="Check-ins">
            {shared.map((e) => (
              <li key={e.person.userId} className={styles.entry}>
                <h5 className={styles.name}>{e.person.displayName}</h5>
                <dl className={styles.answers}>
                  {(
                    [
                      ["Win", e.win],
                      ["Challenge", e.challenge],
                      ["Ask", e.ask],
                      ["Energy", e.energy ? `${e.energy} of 5` : ""],
                      ["Practice", e.practice],
                    ] as const
                  )
                    .filter(([, value]) => value)
                    .map(([term, value]) => (
                      <div key={term}>
                        <dt className={styles.term}>{term}</dt>
                        <dd className={styles.value}>{value}</dd>
                      </div>
                    ))}
                </dl>
                {s.canPromoteWins && e.win && <AddWinToLibrary env={env} sessionId={session.id} userId={e.person.userId} name={e.person.displayName} />}
              </li>
            ))}
          </ul>
        ) : (
          <Text className={styles.muted}>{s.count > 0 ? "Every check-in so far is private." : "No one has checked in yet."}</Text>
        )}
      </>
    );
  }

  return (
    <section className={styles.summary} aria-labelledby={headingId} data-testid="checkin-summary">
      <h4 id={headingId} className={styles.heading}>
        Check-in summary
      </h4>
      {body}
    </section>
  );
}
