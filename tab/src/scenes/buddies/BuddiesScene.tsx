import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import { useTabbedSceneStyles } from "../../shell/sceneStyles";
import { ErrorState, LoadingState } from "../../shell/states";
import type { Note } from "../../shell/ToastHost";
import { type SceneProps } from "../index";
import { type Toast } from "../sessions/env";
import { useKept } from "../sessions/useKept";
import { type BuddiesEnv } from "./env";
import { todayOf } from "./model";
import { MyBuddyView } from "./MyBuddyView";
import { type BuddiesView, useBuddiesView } from "./route";

const RoundView = lazy(() => import("./round/RoundView"));
const HistoryView = lazy(() => import("./HistoryView"));
const PreferencesView = lazy(() => import("./PreferencesView"));
const CirclesView = lazy(() => import("./CirclesView"));
const ToastHost = lazy(() => import("../../shell/ToastHost"));


const VIEW_LABELS: Record<BuddiesView, string> = { mine: "My buddy", round: "Round review", history: "History", preferences: "My preferences", circles: "My circles" };
const tabId = (view: BuddiesView) => `buddies-tab-${view}`;

/** Buddy sprints across departments: my buddy, the round a facilitator reviews, history, my preferences and circles. */
export default function BuddiesScene({ api, host, community, user }: SceneProps) {
  const styles = useTabbedSceneStyles();
  const [wanted, go] = useBuddiesView();
  const overview = useKept((signal) => api.buddies(community.id, signal), [api, community.id]);

  const [notes, setNotes] = useState<Note[]>([]);
  const toast = useCallback<Toast>((title, options = {}) => {
    const note: Note = { id: `${options.id ?? "note"}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, title, intent: options.intent ?? "success", action: options.action };
    setNotes((all) => [...all.slice(-9), note]);
  }, []);

  const today = todayOf(new Date());
  const env = useMemo<BuddiesEnv>(
    () => ({ api, host, communityId: community.id, locale: host.locale, me: user.id, today, overview, toast }),
    [api, host, community.id, user.id, today, overview, toast],
  );

  const canManage = overview.data?.canManage ?? false;
  const views = (Object.keys(VIEW_LABELS) as BuddiesView[]).filter((v) => v !== "round" || canManage);
  // A member sent a facilitator's link lands on their own buddy instead.
  const view = overview.status === "ready" && !views.includes(wanted) ? "mine" : wanted;

  let body;
  if (overview.status === "loading") body = <LoadingState label="Loading your buddies…" />;
  else if (overview.status === "error") body = <ErrorState title="We couldn't load your buddies" error={overview.error} onRetry={overview.reload} />;
  else {
    switch (view) {
      case "mine":
        body = <MyBuddyView env={env} data={overview.data} onPreferences={() => go("preferences")} />;
        break;
      case "round":
        body = <RoundView env={env} data={overview.data} />;
        break;
      case "history":
        body = <HistoryView env={env} data={overview.data} />;
        break;
      case "preferences":
        body = <PreferencesView env={env} data={overview.data} />;
        break;
      case "circles":
        body = <CirclesView data={overview.data} me={user.id} />;
        break;
    }
  }

  return (
    <section className={styles.scene} aria-labelledby="buddies-heading">
      <div className={styles.intro}>
        <Text as="h2" id="buddies-heading" size={600} weight="semibold" className={styles.heading}>
          Buddies
        </Text>
        <Text className={styles.lead}>A buddy from another part of the company: observe each other, give feedback, try one adjustment.</Text>
      </div>
      <TabList className={styles.tabs} selectedValue={view} onTabSelect={(_, data) => go(data.value as BuddiesView)} aria-label="Buddies views">
        {views.map((v) => (
          <Tab key={v} id={tabId(v)} value={v}>
            {VIEW_LABELS[v]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-labelledby={tabId(view)} className={styles.panel}>
        <Suspense fallback={<LoadingState label={`Opening ${VIEW_LABELS[view]}…`} />}>{body}</Suspense>
      </div>
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
  );
}
