import { Suspense, lazy, useRef, useState } from "react";
import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { type SessionView } from "../../../../bot/src/contracts";
import { LoadingState } from "../../shell/states";
import { CalendarButton } from "./detail/CalendarButton";
import { CheckInPanel } from "./detail/CheckInPanel";
import { CheckInSummary } from "./detail/CheckInSummary";
import { ManageActions } from "./detail/ManageActions";
import { PlanView } from "./detail/PlanView";
import { RsvpControl } from "./detail/RsvpControl";
import { type SessionsEnv } from "./env";
import { type SessionList } from "./useSessionList";

const PlanEditor = lazy(() => import("./editor/PlanEditor"));

const useStyles = makeStyles({
  detail: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  divided: { paddingTop: tokens.spacingVerticalL, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

/** One upcoming session opened: the plan, my RSVP and check-in, and the facilitator's tools. */
export function SessionDetail({ env, session, list }: { env: SessionsEnv; session: SessionView; list: SessionList }) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const actions = useRef<HTMLDivElement>(null);
  const skipped = session.status === "skipped";

  const closeEditor = () => {
    setEditing(false);
    requestAnimationFrame(() => actions.current?.querySelector<HTMLButtonElement>("button")?.focus());
  };

  return (
    <div className={styles.detail}>
      {skipped && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Skipped</MessageBarTitle>
            This session won't happen{session.canManage ? ". Put it back on if that was a mistake." : ". See you at the next one."}
          </MessageBarBody>
        </MessageBar>
      )}
      {!skipped && (
        <div className={styles.bar}>
          <RsvpControl env={env} session={session} onSaved={list.replace} />
          <CalendarButton env={env} session={session} />
          {session.joinUrl && (
            <Link href={session.joinUrl} target="_blank" rel="noopener noreferrer">
              Join the session
            </Link>
          )}
        </div>
      )}
      {session.canManage && (
        <div ref={actions}>
          <ManageActions env={env} session={session} onChanged={list.replace} onEdit={() => setEditing(true)} />
        </div>
      )}
      {editing ? (
        <Suspense fallback={<LoadingState label="Opening the editor…" />}>
          <PlanEditor
            env={env}
            session={session}
            onCancel={closeEditor}
            onSaved={(saved) => {
              list.replace(saved);
              closeEditor();
              env.toast("The plan is saved.");
            }}
          />
        </Suspense>
      ) : (
        <PlanView env={env} session={session} />
      )}
      {!skipped && (
        <div className={styles.divided}>
          <CheckInPanel
            env={env}
            session={session}
            onSaved={({ checkIn, count }) => {
              list.patch(session.id, (s) => ({ ...s, checkIns: { ...s.checkIns, mine: checkIn, count } }));
              env.toast("You're checked in. You can change your answers until the session starts.");
            }}
          />
        </div>
      )}
      {session.canManage && !skipped && (
        <div className={styles.divided}>
          <CheckInSummary env={env} session={session} />
        </div>
      )}
    </div>
  );
}
