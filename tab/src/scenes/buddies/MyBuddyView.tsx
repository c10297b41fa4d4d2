import { useState } from "react";
import { Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type BuddiesOverview } from "../../../../bot/src/contracts";
import { formatCalendarDate, formatDateTime } from "../../lib/format";
import { EmptyState } from "../../shell/states";
import { card, plainList, sectionHeading } from "./surface";
import { type BuddiesEnv } from "./env";
import { type Current, buddyNames, dueCheckIn, noBuddyReason, sprintTimeline } from "./model";
import { PeopleList } from "./people";
import { ReflectionForm } from "./ReflectionForm";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  card: { ...card, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  timeline: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  step: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}` },
  here: { borderLeftColor: tokens.colorBrandStroke1, backgroundColor: tokens.colorBrandBackground2 },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** My current buddy: who, why, the sprint with "you are here", a chat, and my check-ins. */
export function MyBuddyView({ env, data, onPreferences }: { env: BuddiesEnv; data: BuddiesOverview; onPreferences: () => void }) {
  const styles = useStyles();
  const day = (d: string) => formatCalendarDate(d, env.locale);
  const current = data.current;
  if (!current) {
    const why = noBuddyReason(data.preferences, data.history, env.today, day);
    return (
      <div data-testid="no-buddy">
        <EmptyState title={why.title} actions={<Button onClick={onPreferences}>My preferences</Button>}>
          {why.body}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className={styles.view}>
      <BuddyCard env={env} current={current} />
      <CheckIns env={env} current={current} />
    </div>
  );
}

function BuddyCard({ env, current }: { env: BuddiesEnv; current: Current }) {
  const styles = useStyles();
  const day = (d: string) => formatCalendarDate(d, env.locale);
  const names = buddyNames(current.group, env.me);
  const others = current.group.members.filter((m) => m.userId !== env.me);
  const timeline = sprintTimeline(current.sprint, current.steps, env.today);
  return (
    <section className={styles.card} aria-labelledby="my-buddy-heading" data-testid="my-buddy">
      <h3 id="my-buddy-heading" className={styles.heading}>
        Your {others.length > 1 ? "buddies" : "buddy"}: {names}
      </h3>
      <PeopleList people={others} me={env.me} label={others.length > 1 ? "Your buddies" : "Your buddy"} />
      {current.group.reasons.length > 0 && (
        <div>
          <Text weight="semibold">Why you were paired</Text>
          <ul className={styles.reasons} aria-label="Why you were paired">
            {current.group.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.column}>
        <Text weight="semibold">
          Your sprint, {day(current.sprint.startsOn)} to {day(current.sprint.endsOn)}
        </Text>
        <Text className={styles.muted}>
          The steps: {current.steps.join(" → ")}.
        </Text>
        <ol className={styles.timeline} aria-label="Sprint" data-testid="sprint">
          {timeline.map((m) => (
            <li key={m.on + m.label} className={mergeClasses(styles.step, m.here && styles.here)} aria-current={m.here ? "step" : undefined}>
              <Text weight="semibold">{day(m.on)}</Text>
              <Text>{m.label}</Text>
              {m.here && <Text weight="semibold">(you are here)</Text>}
            </li>
          ))}
        </ol>
      </div>
      <div className={styles.actions}>
        {current.chatLink ? (
          // A Teams deep link: Teams opens the chat; in a browser it opens Teams on the web.
          <Button as="a" appearance="primary" href={current.chatLink} target="_blank" rel="noopener noreferrer">
            Message {names}
          </Button>
        ) : (
          <Text className={styles.muted}>Find {names} in Teams to start a chat.</Text>
        )}
      </div>
    </section>
  );
}

function CheckIns({ env, current }: { env: BuddiesEnv; current: Current }) {
  const styles = useStyles();
  const due = dueCheckIn(current, env.today);
  const [editing, setEditing] = useState(false);
  const done = current.reflections.find((r) => r.kind === due);
  const label = (kind: "mid" | "closing") => (kind === "mid" ? "Mid-sprint check-in" : "Closing check-in");
  return (
    <section className={styles.card} aria-labelledby="checkins-heading">
      <h3 id="checkins-heading" className={styles.heading}>
        Check-ins
      </h3>
      {current.reflections.length > 0 && (
        <ul className={styles.timeline} aria-label="My check-ins" data-testid="my-reflections">
          {current.reflections.map((r) => (
            <li key={r.kind}>
              <Text weight="semibold">{label(r.kind)}</Text>
              <Text className={styles.muted}> · sent {formatDateTime(r.submittedAt, env.locale)}</Text>
              <div>Steps done: {r.stepsDone.length > 0 ? r.stepsDone.join(", ") : "none yet"}</div>
              {r.text && <div>{r.text}</div>}
            </li>
          ))}
        </ul>
      )}
      {done && !editing ? (
        <div className={styles.actions}>
          <Button onClick={() => setEditing(true)}>Change my {label(due).toLowerCase()}</Button>
        </div>
      ) : (
        <ReflectionForm
          env={env}
          current={current}
          kind={due}
          title={label(due)}
          onSaved={(reflection) => {
            setEditing(false);
            env.overview.update((o) => (o.current ? { ...o, current: { ...o.current, reflections: [...o.current.reflections.filter((r) => r.kind !== reflection.kind), reflection] } } : o));
            env.toast(`${label(reflection.kind)} sent.`);
          }}
          onCancel={done ? () => setEditing(false) : undefined}
        />
      )}
    </section>
  );
}
