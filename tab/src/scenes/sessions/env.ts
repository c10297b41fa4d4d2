import { type ApiClient } from "../../api/client";
import { type Member } from "./model";

import { type Toast } from "../../shell/TabbedScene";

export type { Toast };

/** What every part of the Sessions scene needs: one prop instead of seven. */
export interface SessionsEnv {
  api: ApiClient;
  communityId: string;
  locale: string;
  /** The reader's zone: every time is shown in it, and named. */
  timeZone: string;
  /** The signed-in user's id. */
  me: string;
  /** Names by user id, from the rota (empty until it loads). */
  names: ReadonlyMap<string, string>;
  /** The community's members from the rota; undefined until loaded (or if it failed). */
  members?: readonly Member[];
  toast: Toast;
}
