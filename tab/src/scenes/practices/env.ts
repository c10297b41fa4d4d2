import { type ApiClient } from "../../api/client";
import { type Toast } from "../sessions/env";

/** What every part of the Progress map scene needs: one prop instead of six. */
export interface PracticesEnv {
  api: ApiClient;
  communityId: string;
  locale: string;
  /** The reader's zone: moments (a posting, the next prompt) are shown in it. */
  timeZone: string;
  /** The community's zone, in which the prompt cadence's time of day is set; undefined until the community loads. */
  communityTimeZone?: string;
  /** The signed-in user's id. */
  me: string;
  /**
   * Whether I answer prompts (everyone but sponsors, as the server's policy says). The feed
   * carries no ability for it, so the role decides; the server still checks.
   */
  canAnswer: boolean;
  toast: Toast;
}
