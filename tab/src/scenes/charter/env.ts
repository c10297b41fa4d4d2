import { type ApiClient } from "../../api/client";
import { type Toast } from "../sessions/env";

/** What every part of the Charter scene needs: one prop instead of six. */
export interface CharterEnv {
  api: ApiClient;
  communityId: string;
  locale: string;
  /** The signed-in user's id. */
  me: string;
  toast: Toast;
}
