/**
 * Teams-shaped activities, as Teams (and the Agents Playground) post them to
 * /api/messages: channelId msteams, the tenant in channelData, the team for channel
 * conversations, the user's Entra object id in from.aadObjectId.
 */
import { randomUUID } from "node:crypto";
import { DEMO_TEAM_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";

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

/** The demo community's tenant and team (seedDemoCommunity links the team to com-demo). */
export const DEMO_TENANT = DEMO_TENANT_ID;
export const DEMO_TEAM = { id: DEMO_TEAM_ID, name: "Harbour Managers" };
export const demoChannel = (serviceUrl: string): Where => ({ ...teamChannel(serviceUrl, DEMO_TEAM.id, DEMO_TEAM.name), tenantId: DEMO_TENANT });
export const demoPersonal = (serviceUrl: string, user = AMARA): Where => ({ ...personalChat(serviceUrl, user), tenantId: DEMO_TENANT });
export const demoGroupChat = (serviceUrl: string): Where => ({ ...groupChat(serviceUrl), tenantId: DEMO_TENANT });

/** Another demo member (Priya, in the harbour circle) and one outside every community. */
export const PRIYA = { id: "29:priya", name: "Priya Raman", aadObjectId: "aad-user-priya" };
export const FATIMA = { id: "29:fatima", name: "Fatima Haddad", aadObjectId: "aad-user-fatima" };
export const STRANGER = { id: "29:stranger", name: "Sam Stranger", aadObjectId: "aad-user-stranger" };

/** A messaging extension invoke as Teams posts it: `name`, `value`, and the compose source. */
export function invoke(where: Where, name: string, value: unknown, from = AMARA): Activity {
  const b = base(where, from);
  return { ...b, type: "invoke", name, value, locale: "en-US", channelData: { ...(b.channelData as object), source: { name: "compose" } } };
}

export interface MessagePayloadOptions {
  mentions?: { id: number; mentionText: string; mentioned: { user: { id: string; displayName: string; userIdentityType?: string } } }[];
  linkToMessage?: string;
  contentType?: "html" | "text";
  subject?: string | null;
}

/** `value.messagePayload` for "Share as case" started on a message (Teams' own nulls included). */
export function messagePayload(content: string, options: MessagePayloadOptions = {}): Record<string, unknown> {
  return {
    id: "1700000000000",
    replyToId: null,
    createdDateTime: "2026-11-19T16:20:00.000Z",
    lastModifiedDateTime: null,
    deleted: false,
    subject: options.subject ?? null,
    summary: null,
    importance: "normal",
    locale: "en-us",
    linkToMessage: options.linkToMessage ?? "https://teams.microsoft.com/l/message/19:demo-harbour-managers@thread.tacv2/1700000000000?groupId=g&tenantId=t&createdTime=1700000000000",
    from: { device: null, conversation: null, user: { userIdentityType: "aadUser", id: JONAS.aadObjectId, displayName: JONAS.name }, application: null },
    body: { contentType: options.contentType ?? "html", content },
    attachmentLayout: null,
    attachments: [],
    mentions: options.mentions ?? [],
    reactions: [],
  };
}

/** composeExtension/fetchTask for shareAsCase: from a message, or from the compose box (no message). */
export function fetchTask(where: Where, payload?: Record<string, unknown>, from = AMARA): Activity {
  return invoke(where, "composeExtension/fetchTask", {
    commandId: "shareAsCase",
    commandContext: payload ? "message" : "compose",
    context: { theme: "default" },
    ...(payload ? { messagePayload: payload } : {}),
  }, from);
}

/** composeExtension/submitAction for shareAsCase: the dialog's inputs and hidden data. */
export function submitAction(where: Where, data: Record<string, unknown>, from = AMARA): Activity {
  return invoke(where, "composeExtension/submitAction", { commandId: "shareAsCase", commandContext: "message", context: { theme: "default" }, data }, from);
}

/** "Edit" or "Send" on the bot message preview: Teams echoes the previewed activity back. */
export function previewAction(where: Where, action: "edit" | "send", preview: unknown, from = AMARA): Activity {
  return invoke(where, "composeExtension/submitAction", {
    commandId: "shareAsCase",
    commandContext: "message",
    botMessagePreviewAction: action,
    botActivityPreview: [preview],
    context: { theme: "default" },
  }, from);
}

/** composeExtension/query for findInLibrary; without text it is the command's first open (initialRun). */
export function query(where: Where, searchQuery?: string, from = AMARA, queryOptions = { skip: 0, count: 25 }): Activity {
  const parameters = searchQuery === undefined ? [{ name: "initialRun", value: "true" }] : [{ name: "searchQuery", value: searchQuery }];
  return invoke(where, "composeExtension/query", { commandId: "findInLibrary", parameters, queryOptions }, from);
}

/** composeExtension/queryLink: a link pasted into the compose box. */
export function queryLink(where: Where, url: string, from = AMARA): Activity {
  return invoke(where, "composeExtension/queryLink", { url }, from);
}
