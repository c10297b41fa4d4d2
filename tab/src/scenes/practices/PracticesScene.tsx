import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import { useTabbedSceneStyles } from "../../shell/sceneStyles";
import { LoadingState } from "../../shell/states";
import type { Note } from "../../shell/ToastHost";
import { type SceneProps } from "../index";
import { type Toast } from "../sessions/env";
import { type PracticesEnv } from "./env";
import { MapView } from "./map/MapView";
import { type PracticesView, usePracticesPlace } from "./route";

const ReflectionsView = lazy(() => import("./reflections/ReflectionsView"));
const PromptBankView = lazy(() => import("./prompts/PromptBankView"));
const ToastHost = lazy(() => import("../../shell/ToastHost"));


const VIEW_LABELS: Record<PracticesView, string> = { map: "Map", reflections: "Reflections", prompts: "Prompt bank" };
const tabId = (view: PracticesView) => `practices-tab-${view}`;

/** Practices moving from an idea to a habit, the pilots that prove them, and what the community reflects on. */
export default function PracticesScene({ api, host, community, user, details }: SceneProps) {
  const styles = useTabbedSceneStyles();
  const [place, go] = usePracticesPlace();

  const [notes, setNotes] = useState<Note[]>([]);
  const toast = useCallback<Toast>((title, options = {}) => {
    const note: Note = { id: `${options.id ?? "note"}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, title, intent: options.intent ?? "success", action: options.action };
    setNotes((all) => [...all.slice(-9), note]);
  }, []);

  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const communityTimeZone = details?.id === community.id ? details.timeZone : undefined;
  const env = useMemo<PracticesEnv>(
    () => ({ api, communityId: community.id, locale: host.locale, timeZone, communityTimeZone, me: user.id, canAnswer: community.role !== "sponsor", toast }),
    [api, community.id, community.role, host.locale, timeZone, communityTimeZone, user.id, toast],
  );

  let body;
  switch (place.view) {
    case "map":
      body = <MapView env={env} openPractice={place.practice} onOpenPractice={(practice) => go({ view: "map", ...(practice ? { practice } : {}) })} />;
      break;
    case "reflections":
      body = <ReflectionsView env={env} />;
      break;
    case "prompts":
      body = <PromptBankView env={env} />;
      break;
  }

  return (
    <section className={styles.scene} aria-labelledby="practices-heading">
      <div className={styles.intro}>
        <Text as="h2" id="practices-heading" size={600} weight="semibold" className={styles.heading}>
          Progress map
        </Text>
        <Text className={styles.lead}>How the community's practices move from an idea to a habit, the pilots that prove them, and what people reflect on between sessions.</Text>
      </div>
      <TabList className={styles.tabs} selectedValue={place.view} onTabSelect={(_, data) => go({ view: data.value as PracticesView })} aria-label="Progress map views">
        {(Object.keys(VIEW_LABELS) as PracticesView[]).map((view) => (
          <Tab key={view} id={tabId(view)} value={view}>
            {VIEW_LABELS[view]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-labelledby={tabId(place.view)} className={styles.panel}>
        <Suspense fallback={<LoadingState label={`Opening ${VIEW_LABELS[place.view]}…`} />}>{body}</Suspense>
      </div>
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
  );
}
