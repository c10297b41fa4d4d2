import { lazy, useMemo } from "react";
import { todayLocal } from "../../lib/format";
import { TabbedScene, useToasts } from "../../shell/TabbedScene";
import { ErrorState, LoadingState } from "../../shell/states";
import { type SceneProps } from "../index";
import { useKept } from "../sessions/useKept";
import { type BuddiesEnv } from "./env";
import { MyBuddyView } from "./MyBuddyView";
import { type BuddiesView, useBuddiesView } from "./route";

const RoundView = lazy(() => import("./round/RoundView"));
const HistoryView = lazy(() => import("./HistoryView"));
const PreferencesView = lazy(() => import("./PreferencesView"));
const CirclesView = lazy(() => import("./CirclesView"));

const VIEW_LABELS: Record<BuddiesView, string> = { mine: "My buddy", round: "Round review", history: "History", preferences: "My preferences", circles: "My circles" };

/** Buddy sprints across departments: my buddy, the round a facilitator reviews, history, my preferences and circles. */
export default function BuddiesScene({ api, host, community, user }: SceneProps) {
  const [wanted, go] = useBuddiesView();
  const overview = useKept((signal) => api.buddies(community.id, signal), [api, community.id]);

  const { notes, toast } = useToasts();

  const today = todayLocal();
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
    <TabbedScene id="buddies" title="Buddies" lead="A buddy from another part of the company: observe each other, give feedback, try one adjustment." views={views} labels={VIEW_LABELS} selected={view} onSelect={(v) => go(v)} notes={notes}>
      {body}
    </TabbedScene>
  );
}
