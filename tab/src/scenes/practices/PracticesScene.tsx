import { lazy, useMemo } from "react";
import { TabbedScene, useToasts } from "../../shell/TabbedScene";
import { type SceneProps } from "../index";
import { type PracticesEnv } from "./env";
import { MapView } from "./map/MapView";
import { type PracticesView, usePracticesPlace } from "./route";

const ReflectionsView = lazy(() => import("./reflections/ReflectionsView"));
const PromptBankView = lazy(() => import("./prompts/PromptBankView"));

const VIEW_LABELS: Record<PracticesView, string> = { map: "Map", reflections: "Reflections", prompts: "Prompt bank" };

/** Practices moving from an idea to a habit, the pilots that prove them, and what the community reflects on. */
export default function PracticesScene({ api, host, community, user, details }: SceneProps) {
  const [place, go] = usePracticesPlace();

  const { notes, toast } = useToasts();

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
    <TabbedScene id="practices" title="Progress map" lead="How the community's practices move from an idea to a habit, the pilots that prove them, and what people reflect on between sessions." views={(Object.keys(VIEW_LABELS) as PracticesView[])} labels={VIEW_LABELS} selected={place.view} onSelect={(view) => go({ view })} notes={notes}>
      {body}
    </TabbedScene>
  );
}
