import { Suspense, lazy, useMemo, useRef, useState } from "react";
import { Button, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { LoadingState } from "../../shell/states";
import { type SceneProps } from "../index";
import { type SessionsEnv } from "./env";
import { namesOf } from "./model";
import { NextSessions } from "./NextSessions";
import { type SessionsView, useSessionsPlace } from "./route";
import { zoneLabel } from "./time";
import { useKept } from "./useKept";
import { useSessionList } from "./useSessionList";
import { useToasts } from "../../shell/TabbedScene";

const RotaView = lazy(() => import("./rota/RotaView"));
const HistoryView = lazy(() => import("./history/HistoryView"));
const FollowUpsView = lazy(() => import("./followups/FollowUpsView"));
const PreferencesDialog = lazy(() => import("./PreferencesDialog"));
const ToastHost = lazy(() => import("../../shell/ToastHost"));

const useStyles = makeStyles({
  scene: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", justifyContent: "space-between", gap: tokens.spacingHorizontalM },
  intro: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { margin: 0 },
  lead: { color: tokens.colorNeutralForeground2 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  panel: { ":focus": { outline: "none" } },
});

const VIEW_LABELS: Record<SessionsView, string> = { next: "Next sessions", rota: "Rota", history: "Attendance", followups: "Follow-ups" };
const tabId = (view: SessionsView) => `sessions-tab-${view}`;

/** The community's rhythm: the next sessions, who facilitates, who came, and what was promised. */
export default function SessionsScene({ api, host, community, user }: SceneProps) {
  const styles = useStyles();
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
    <section className={styles.scene} aria-labelledby="sessions-heading">
      <div className={styles.top}>
        <div className={styles.intro}>
          <Text as="h2" id="sessions-heading" size={600} weight="semibold" className={styles.heading}>
            Sessions
          </Text>
          <Text className={styles.lead} data-testid="sessions-zone">
            Times are in your time zone, {zoneLabel(timeZone, host.locale)}.
          </Text>
        </div>
        <Button ref={prefsButton} onClick={() => setPrefsOpen(true)}>
          My preferences
        </Button>
      </div>
      <TabList className={styles.tabs} selectedValue={place.view} onTabSelect={(_, data) => go({ view: data.value as SessionsView })} aria-label="Sessions views">
        {(Object.keys(VIEW_LABELS) as SessionsView[]).map((view) => (
          <Tab key={view} id={tabId(view)} value={view}>
            {VIEW_LABELS[view]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-labelledby={tabId(place.view)} className={styles.panel}>
        <Suspense fallback={<LoadingState label={`Opening ${VIEW_LABELS[place.view]}…`} />}>{body}</Suspense>
      </div>
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
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
  );
}
