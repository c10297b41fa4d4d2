import { lazy, useMemo } from "react";
import { TabbedScene, useToasts } from "../../shell/TabbedScene";
import { type SceneProps } from "../index";
import { type CharterEnv } from "./env";
import { type CharterSceneView, useCharterPlace } from "./route";

const CharterPage = lazy(() => import("./CharterPage"));
const NewcomerPath = lazy(() => import("./NewcomerPath"));
const PeopleView = lazy(() => import("./PeopleView"));
const MyDataView = lazy(() => import("./MyDataView"));

const VIEW_LABELS: Record<CharterSceneView, string> = { charter: "Charter", newcomer: "Getting started", people: "People & roles", "my-data": "Your data" };

/** The community's charter and its versions, the newcomer path, people and their roles, and your own data. */
export default function CharterScene({ api, host, community, user }: SceneProps) {
  const [place, go] = useCharterPlace();

  const { notes, toast } = useToasts();

  const env = useMemo<CharterEnv>(() => ({ api, communityId: community.id, locale: host.locale, me: user.id, toast }), [api, community.id, host.locale, user.id, toast]);

  let body;
  switch (place.view) {
    case "charter":
      body = <CharterPage env={env} openVersion={place.version} onOpenVersion={(version) => go({ view: "charter", ...(version ? { version } : {}) })} />;
      break;
    case "newcomer":
      body = <NewcomerPath env={env} onReadCharter={() => go({ view: "charter" })} />;
      break;
    case "people":
      body = <PeopleView env={env} />;
      break;
    case "my-data":
      body = <MyDataView api={api} communityId={community.id} displayName={user.displayName} toast={toast} />;
      break;
  }

  return (
    <TabbedScene id="charter" title="Charter" lead="What the community is for and how it works together, the first steps for someone new, and who holds which role." views={(Object.keys(VIEW_LABELS) as CharterSceneView[])} labels={VIEW_LABELS} selected={place.view} onSelect={(view) => go({ view })} notes={notes}>
      {body}
    </TabbedScene>
  );
}
