import { useRef, useState } from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { SMALL_GROUP_MINIMUM, type SessionView } from "../../../../../bot/src/contracts";
import { EmptyState, ErrorState, LoadingState } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { USEFULNESS_LABELS } from "../labels";
import { averageText } from "../model";
import { cardSurface, plainList } from "../surface";
import { formatSpan } from "../time";
import { useSessionList } from "../useSessionList";
import { FeedbackForm } from "./FeedbackForm";

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalM, display: "block" },
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: { ...cardSurface, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  meta: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actions: { marginTop: tokens.spacingVerticalXS },
});

/** Past sessions: who came, how many checked in, how useful people found it, and my feedback. */
export default function HistoryView({ env }: { env: SessionsEnv }) {
  const styles = useStyles();
  const past = useSessionList(env.api, env.communityId, "past", 20);
  const { state } = past;
  if (state.status === "loading") return <LoadingState label="Loading past sessions…" />;
  if (state.status === "error") return <ErrorState title="We couldn't load past sessions" error={state.error} onRetry={past.reload} />;
  if (state.data.items.length === 0) {
    return <EmptyState title="No past sessions yet">After your first session, attendance, check-ins and feedback show here.</EmptyState>;
  }
  return (
    <>
      <Text className={styles.intro}>Averages show only once {SMALL_GROUP_MINIMUM} or more people answered, so no one's answer can be picked out.</Text>
      <ul className={styles.list} aria-label="Past sessions">
        {state.data.items.map((session) => (
          <li key={session.id}>
            <PastSession env={env} session={session} onSaved={past.replace} />
          </li>
        ))}
      </ul>
    </>
  );
}

function PastSession({ env, session, onSaved }: { env: SessionsEnv; session: SessionView; onSaved: (session: SessionView) => void }) {
  const styles = useStyles();
  const [giving, setGiving] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const skipped = session.status === "skipped";
  const usefulness = averageText(session.feedback.usefulnessAverage, session.feedback.count, SMALL_GROUP_MINIMUM, { one: "rating", many: "ratings" });
  const mine = session.feedback.mine;
  const titleId = `past-${session.id}`;

  return (
    <article className={styles.card} aria-labelledby={titleId} data-session-id={session.id}>
      <h3 id={titleId} className={styles.title}>
        {session.title}
      </h3>
      <div className={styles.meta}>
        <time dateTime={session.startsAt}>{formatSpan(session.startsAt, session.endsAt, env.locale, env.timeZone)}</time>
        {skipped && (
          <Badge appearance="filled" color="warning" shape="rounded">
            Skipped
          </Badge>
        )}
        {session.facilitator && <span>Facilitated by {session.facilitator.displayName}</span>}
      </div>
      {!skipped && (
        <>
          <div className={styles.meta}>
            <span data-testid="attendance">
              {session.rsvp.going.toLocaleString()} said they'd come · {session.checkIns.count.toLocaleString()} checked in
            </span>
            <span data-testid="usefulness">Usefulness: {usefulness.value}</span>
          </div>
          {usefulness.note && session.feedback.usefulnessAverage === null && <Text className={styles.note}>{usefulness.note}</Text>}
          {mine ? (
            <Text data-testid="my-feedback">
              You rated it {mine.usefulness} of 5 ({USEFULNESS_LABELS[mine.usefulness]?.toLowerCase()}){mine.willTry ? `, and will try: ${mine.willTry}` : "."}
            </Text>
          ) : giving ? (
            <FeedbackForm
              env={env}
              session={session}
              onCancel={() => {
                setGiving(false);
                requestAnimationFrame(() => opener.current?.focus());
              }}
              onSaved={(saved) => {
                setGiving(false);
                onSaved(saved);
                env.toast("Thanks for your feedback.");
              }}
            />
          ) : (
            <div className={styles.actions}>
              <Button ref={opener} onClick={() => setGiving(true)} aria-label={`Give feedback on ${session.title}, ${formatSpan(session.startsAt, session.endsAt, env.locale, env.timeZone)}`}>
                Give feedback
              </Button>
            </div>
          )}
        </>
      )}
    </article>
  );
}
