import { type Activity, TurnContext } from "botbuilder";
import { Id } from "../contracts";
import { type InstallScope } from "./cards";
import { trimEndWhere } from "./messageText";

/** Who and where an activity comes from, in the terms our commands use. */
export interface TeamsContext {
  tenantId?: string;
  scope: InstallScope;
  conversationId: string;
  team?: { id: string; name?: string };
  /** The acting person; only set when Teams sends a usable Entra object id. */
  user?: { userId: string; displayName?: string; timeZone?: string };
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
}

/**
 * Reads tenant, scope, team and user from a Teams activity. Teams puts the tenant in
 * `channelData.tenant.id` (and in newer payloads `conversation.tenantId`) and marks
 * channels as `conversationType: "channel"`, which is a team install for us.
 */
export function readTeamsContext(activity: Partial<Activity>): TeamsContext {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const conversation = activity.conversation;
  const tenantId = channelData.tenant?.id ?? conversation?.tenantId;
  const teamId = channelData.team?.id;
  const type = conversation?.conversationType;
  const scope: InstallScope = type === "channel" || (!type && teamId) ? "team" : type === "groupChat" ? "groupChat" : "personal";
  const aadObjectId = activity.from?.aadObjectId;
  const timeZone = activity.localTimezone || clientInfoTimeZone(activity);
  return {
    tenantId: tenantId || undefined,
    scope,
    conversationId: conversation?.id ?? "",
    team: teamId ? { id: teamId, name: channelData.team?.name } : undefined,
    user: aadObjectId && Id.safeParse(aadObjectId).success ? { userId: aadObjectId, displayName: activity.from?.name, timeZone } : undefined,
  };
}

function clientInfoTimeZone(activity: Partial<Activity>): string | undefined {
  const info = activity.entities?.find((e) => e.type === "clientInfo") as { timezone?: unknown } | undefined;
  return typeof info?.timezone === "string" ? info.timezone : undefined;
}

/**
 * The reference the proactive sender needs later, as plain JSON. The activity id is left
 * out so a later message starts a new post instead of replying to the install event.
 */
export function conversationReferenceOf(activity: Partial<Activity>): Record<string, unknown> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
}

/**
 * The text of a message with the bot's @mention removed, lower-cased and trimmed: in a
 * channel Teams delivers "<at>Practice Circles</at> help".
 */
export function commandTextOf(activity: Partial<Activity>): string {
  let text = activity.text ?? "";
  try {
    text = TurnContext.removeRecipientMention({ ...activity, text }) ?? text;
  } catch {
    // A malformed mention entity: fall back to stripping the tags below.
  }
  const stripped = text.replace(/<at>[^<]*<\/at>/gi, " ").replace(/&nbsp;/gi, " ");
  return trimEndWhere(stripped, (c) => /[.!?\s]/.test(c))
    .trim()
    .toLowerCase();
}
