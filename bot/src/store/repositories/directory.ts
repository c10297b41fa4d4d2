import { z } from "zod";
import { Role } from "../../contracts";
import { type Clock } from "../../domain/clock";
import { editConflict, isAppError } from "../../domain/errors";
import { type DocumentContainer } from "../documents";
import { directoryKey } from "./keys";

export const Membership = z.object({ communityId: z.string(), communityName: z.string(), role: Role });
export type Membership = z.infer<typeof Membership>;

export const ConversationRecord = z.object({
  tenantId: z.string(),
  conversationId: z.string(),
  scope: z.enum(["personal", "groupChat", "team"]),
  teamId: z.string().optional(),
  userId: z.string().optional(),
  communityId: z.string().optional(),
  /** The botbuilder ConversationReference, kept as JSON. */
  reference: z.record(z.string(), z.unknown()),
  /** Set when Teams answered 403/404: the bot was removed or the chat is gone. */
  goneAt: z.string().optional(),
  updatedAt: z.string(),
});
export type ConversationRecord = z.infer<typeof ConversationRecord>;

interface DirectoryDoc {
  id: string;
  key: string;
  type: string;
  schemaVersion: 1;
  tenantId: string;
  [field: string]: unknown;
}

/**
 * Keyed index documents for lookups by Teams ids: every lookup here is a point read
 * (id = partition key = a hash of the Teams ids), never a scan.
 */
export class DirectoryRepository {
  constructor(
    private readonly container: DocumentContainer,
    private readonly clock: Clock,
  ) {}

  private async read(key: string): Promise<{ doc: DirectoryDoc; etag: string } | null> {
    return this.container.read<DirectoryDoc>(key, key);
  }

  private async put(key: string, type: string, tenantId: string, fields: Record<string, unknown>): Promise<void> {
    await this.container.upsert<DirectoryDoc>({ id: key, key, type, schemaVersion: 1, tenantId, ...fields });
  }

  async getTeamCommunity(tenantId: string, teamId: string): Promise<string | null> {
    const found = await this.read(directoryKey("team", tenantId, teamId));
    return found ? String(found.doc.communityId) : null;
  }

  async linkTeam(tenantId: string, teamId: string, communityId: string): Promise<void> {
    await this.put(directoryKey("team", tenantId, teamId), "teamLink", tenantId, { teamId, communityId, updatedAt: this.clock.now().toISOString() });
  }

  async getMemberships(tenantId: string, userId: string): Promise<Membership[]> {
    const found = await this.read(directoryKey("user", tenantId, userId));
    const parsed = z.array(Membership).safeParse(found?.doc.memberships ?? []);
    return parsed.success ? parsed.data : [];
  }

  /**
   * Adds or updates one membership in the user's index document, retrying on a
   * concurrent edit so two joins at once both land.
   */
  async setMembership(tenantId: string, userId: string, membership: Membership): Promise<void> {
    await this.editUserIndex(tenantId, userId, (list) => [...list.filter((m) => m.communityId !== membership.communityId), membership]);
  }

  async removeMembership(tenantId: string, userId: string, communityId: string): Promise<void> {
    await this.editUserIndex(tenantId, userId, (list) => list.filter((m) => m.communityId !== communityId));
  }

  private async editUserIndex(tenantId: string, userId: string, edit: (list: Membership[]) => Membership[]): Promise<void> {
    const key = directoryKey("user", tenantId, userId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.read(key);
      const current = z.array(Membership).safeParse(found?.doc.memberships ?? []);
      const doc: DirectoryDoc = {
        id: key,
        key,
        type: "userIndex",
        schemaVersion: 1,
        tenantId,
        userId,
        memberships: edit(current.success ? current.data : []),
        updatedAt: this.clock.now().toISOString(),
      };
      try {
        if (found) await this.container.replace(doc, found.etag);
        else await this.container.create(doc);
        return;
      } catch (e) {
        if (isAppError(e) && (e.code === "edit_conflict" || e.code === "already_exists")) continue;
        throw e;
      }
    }
    throw editConflict("Your community memberships");
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    const parsed = ConversationRecord.parse(record);
    await this.put(directoryKey("conv", parsed.tenantId, parsed.conversationId), "conversation", parsed.tenantId, parsed);
    if (parsed.scope === "personal" && parsed.userId) {
      await this.put(directoryKey("personal", parsed.tenantId, parsed.userId), "personalConversation", parsed.tenantId, parsed);
    }
    if (parsed.scope === "team" && parsed.communityId) {
      await this.put(directoryKey("channel", parsed.tenantId, parsed.communityId), "communityChannel", parsed.tenantId, parsed);
    }
  }

  /**
   * Teams said the chat is gone (403/404). Marked only if the record is the one we sent
   * through: a reinstall since then wrote a fresh record, which must stay usable.
   */
  async markConversationGone(record: ConversationRecord, at: string): Promise<void> {
    const keys = [
      directoryKey("conv", record.tenantId, record.conversationId),
      ...(record.scope === "personal" && record.userId ? [directoryKey("personal", record.tenantId, record.userId)] : []),
      ...(record.scope === "team" && record.communityId ? [directoryKey("channel", record.tenantId, record.communityId)] : []),
    ];
    for (const key of keys) {
      const found = await this.read(key);
      if (!found || found.doc.updatedAt !== record.updatedAt) continue;
      await this.container.replace({ ...found.doc, goneAt: at }, found.etag).catch((e) => {
        if (!isAppError(e) || e.code !== "edit_conflict") throw e;
      });
    }
  }

  async getConversation(tenantId: string, conversationId: string): Promise<ConversationRecord | null> {
    return this.parseConversation(await this.read(directoryKey("conv", tenantId, conversationId)));
  }

  async getPersonalConversation(tenantId: string, userId: string): Promise<ConversationRecord | null> {
    return this.parseConversation(await this.read(directoryKey("personal", tenantId, userId)));
  }

  /** The channel the community's team installed the bot in: where reminders and summaries go. */
  async getCommunityChannel(tenantId: string, communityId: string): Promise<ConversationRecord | null> {
    return this.parseConversation(await this.read(directoryKey("channel", tenantId, communityId)));
  }

  private parseConversation(found: { doc: DirectoryDoc } | null): ConversationRecord | null {
    if (!found) return null;
    const parsed = ConversationRecord.safeParse(found.doc);
    return parsed.success ? parsed.data : null;
  }
}
