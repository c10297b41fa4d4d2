/**
 * Teams-shaped activities, as Teams (and the Agents Playground) post them to
 * /api/messages: channelId msteams, the tenant in channelData, the team for channel
 * conversations, the user's Entra object id in from.aadObjectId.
 */
import { randomUUID } from "node:crypto";

export const TENANT = "tenant-contoso";
export const BOT = { id: "28:bot-app-id", name: "Practice Circles" };
export const AMARA = { id: "29:amara", name: "Amara Okafor", aadObjectId: "aad-user-amara" };
export const JONAS = { id: "29:jonas", name: "Jonas Weber", aadObjectId: "aad-user-jonas" };

export type Scope = "personal" | "groupChat" | "team";

export interface Where {
  serviceUrl: string;
  scope: Scope;
  conversationId: string;
  team?: { id: string; name: string };
  tenantId?: string;
}

export type Activity = Record<string, unknown>;

function base(where: Where, from: typeof AMARA): Activity {
  const tenantId = where.tenantId ?? TENANT;
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl: where.serviceUrl,
    timestamp: "2026-11-20T09:00:00.000Z",
    from,
    recipient: BOT,
    conversation: {
      id: where.conversationId,
      conversationType: where.scope === "team" ? "channel" : where.scope,
      tenantId,
      ...(where.scope === "groupChat" ? { isGroup: true } : {}),
    },
    channelData: {
      tenant: { id: tenantId },
      ...(where.team ? { team: { id: where.team.id, name: where.team.name, aadGroupId: "00000000-0000-0000-0000-000000000031" } } : {}),
    },
  };
}

/** The bot itself was added: what Teams sends to the chat or the team's General channel. */
export function botAdded(where: Where, by = AMARA): Activity {
  return {
    ...base(where, by),
    type: "conversationUpdate",
    membersAdded: [{ id: BOT.id }, ...(where.scope === "personal" ? [{ id: by.id, aadObjectId: by.aadObjectId }] : [])],
    channelData: { ...(base(where, by).channelData as object), ...(where.scope === "team" ? { eventType: "teamMemberAdded" } : {}) },
  };
}

/** Someone else joined: not an install. */
export function memberAdded(where: Where, member = JONAS): Activity {
  return { ...base(where, AMARA), type: "conversationUpdate", membersAdded: [{ id: member.id, aadObjectId: member.aadObjectId }] };
}

/** installationUpdate, which Teams sends alongside conversationUpdate on install. */
export function installationUpdate(where: Where, action: "add" | "remove" | "add-upgrade" = "add", by = AMARA): Activity {
  return { ...base(where, by), type: "installationUpdate", action };
}

/** A message; in a channel Teams prefixes the bot's mention and adds a mention entity. */
export function message(where: Where, text: string, from = AMARA, options: { mention?: boolean } = {}): Activity {
  const mention = options.mention ?? where.scope !== "personal";
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...base(where, from),
    type: "message",
    text: mention ? `${mentionText} ${text}` : text,
    textFormat: "plain",
    locale: "en-US",
    localTimezone: "Europe/London",
    ...(mention ? { entities: [{ type: "mention", text: mentionText, mentioned: BOT }] } : {}),
  };
}

export const personalChat = (serviceUrl: string, user = AMARA): Where => ({ serviceUrl, scope: "personal", conversationId: `a:personal-${user.aadObjectId}` });
export const groupChat = (serviceUrl: string): Where => ({ serviceUrl, scope: "groupChat", conversationId: "19:group-chat-1@thread.v2" });
export const teamChannel = (serviceUrl: string, teamId = "19:leaders-team@thread.tacv2", name = "Operations Leaders"): Where => ({
  serviceUrl,
  scope: "team",
  conversationId: teamId,
  team: { id: teamId, name },
});
