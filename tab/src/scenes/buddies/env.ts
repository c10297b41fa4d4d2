import { type BuddiesOverview } from "../../../../bot/src/contracts";
import { type ApiClient } from "../../api/client";
import { type HostContext } from "../../teams/host";
import { type Toast } from "../sessions/env";
import { type Kept } from "../sessions/useKept";

/** What every part of the Buddies scene needs: one prop instead of seven. */
export interface BuddiesEnv {
  api: ApiClient;
  host: HostContext;
  communityId: string;
  locale: string;
  /** The signed-in user's id. */
  me: string;
  /** Today in the reader's calendar (YYYY-MM-DD), read once per render of the scene. */
  today: string;
  /** The overview every view reads; actions update it in place or reload it. */
  overview: Kept<BuddiesOverview>;
  toast: Toast;
}
