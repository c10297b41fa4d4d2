import { Suspense, lazy, useMemo, useRef, useState } from "react";
import { Button } from "@fluentui/react-components";
import { TabbedScene, useToasts } from "../../shell/TabbedScene";
import { type SceneProps } from "../index";
import { type SessionsEnv } from "./env";
import { namesOf } from "./model";
import { NextSessions } from "./NextSessions";
import { type SessionsView, useSessionsPlace } from "./route";
import { zoneLabel } from "./time";
import { useKept } from "./useKept";
import { useSessionList } from "./useSessionList";

const RotaView = lazy(() => import("./rota/RotaView"));
const HistoryView = lazy(() => import("./history/HistoryView"));
const FollowUpsView = lazy(() => import("./followups/FollowUpsView"));
const PreferencesDialog = lazy(() => import("./PreferencesDialog"));

const VIEW_LABELS: Record<SessionsView, string> = { next: "Next sessions", rota: "Rota", history: "Attendance", followups: "Follow-ups" };

/** The community's rhythm: the next sessions, who facilitates, who came, and what was promised. */
export default function SessionsScene({ api, host, community, user }: SceneProps) {
  const [place, go] = useSessionsPlace();
  const upcoming = useSessionList(api, community.id, "upcoming", 12);
  const rota = useKept((signal) => api.rota(community.id, signal), [api, community.id]);
  const [prefsOpen, setPrefsOpen] = useState(false);
  const prefsButton = useRef<HTMLButtonElement>(null);

  const { notes, toast } = useToasts();

  // Until the server names my zone, the browser's is the best guess (and it is named too).
  const timeZone = upcoming.state.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const members = rota.data?.members;
  const env = useMemo<SessionsEnv>(
    () => ({ api, communityId: community.id, locale: host.locale, timeZone, me: user.id, names: namesOf(members), members, toast }),
    [api, community.id, host.locale, timeZone, user.id, members, toast],
  );

  let body;
  switch (place.view) {
    case "next":
      body = <NextSessions env={env} list={upcoming} openId={place.session} onOpen={(session) => go({ view: "next", session })} />;
      break;
    case "rota":
      body = (
        <RotaView
          env={env}
          rota={rota}
          onChanged={() => {
            rota.reload();
            upcoming.reload();
          }}
        />
      );
      break;
    case "history":
      body = <HistoryView env={env} />;
      break;
    case "followups":
      body = <FollowUpsView env={env} />;
      break;
  }

  return (
    <>
      <TabbedScene
        id="sessions"
        title="Sessions"
        lead={<span data-testid="sessions-zone">Times are in your time zone, {zoneLabel(timeZone, host.locale)}.</span>}
        actions={
          <Button ref={prefsButton} onClick={() => setPrefsOpen(true)}>
            My preferences
          </Button>
        }
        views={Object.keys(VIEW_LABELS) as SessionsView[]}
        labels={VIEW_LABELS}
        selected={place.view}
        onSelect={(view) => go({ view })}
        notes={notes}
      >
        {body}
      </TabbedScene>
      {prefsOpen && (
        <Suspense fallback={null}>
          <PreferencesDialog
            env={env}
            onClose={(saved) => {
              setPrefsOpen(false);
              prefsButton.current?.focus();
              if (saved) {
                toast("Your preferences are saved.");
                rota.reload();
              }
            }}
          />
        </Suspense>
      )}
    </>
  );
}
