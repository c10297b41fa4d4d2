import { createHash } from "node:crypto";
import { z } from "zod";
import { type Community, type Member, Id, isKnownTimeZone } from "../contracts";
import { isAppError } from "../domain/errors";
import { cleanName } from "../domain/text";
import { type CommandContext } from "./context";
import { ensureRhythm } from "./sessionPlanner";

/** Until a tenant tells us otherwise, new communities meet on UTC. */
export const DEFAULT_TIME_ZONE = "UTC";
/** Member.department is required; an installer we know only from Teams has none yet. */
export const UNKNOWN_DEPARTMENT = "Not set yet";
const FALLBACK_COMMUNITY_NAME = "Managers' community of practice";
const FALLBACK_LEAD_NAME = "Community lead";

/**
 * What the Teams layer tells us about an install, in Teams-free terms. The reference is
 * opaque here: it is whatever the proactive sender needs to reach the conversation again.
 */
export const InstallationInput = z.object({
  tenantId: Id,
  conversationId: z.string().min(1).max(1024),
  scope: z.enum(["personal", "groupChat", "team"]),
  reference: z.record(z.string(), z.unknown()),
  /** The person who added the bot, when Teams says who (Entra object id). */
  installer: z
    .object({
      userId: Id,
      displayName: z.string().max(500).optional(),
      timeZone: z.string().max(64).optional(),
    })
    .optional(),
  team: z.object({ id: z.string().min(1).max(300), name: z.string().max(500).optional() }).optional(),
});
export type InstallationInput = z.infer<typeof InstallationInput>;

export interface InstallationResult {
  /** The community a team install is linked to; undefined for chats. */
  community?: { id: string; name: string };
  /** True only for the install event that created the community document. */
  communityCreated: boolean;
  /** True when the team had no community link before this event (a first install, however the races went). */
  newlyLinked: boolean;
  /** The installer became the new community's first lead. */
  leadAdded: boolean;
}

/**
 * A team's community id is derived from the tenant and team ids, so two install events
 * racing each other (Teams sends conversationUpdate and installationUpdate together) or a
 * reinstall after removal land on the same community instead of creating a second one.
 */
export function communityIdForTeam(tenantId: string, teamId: string): string {
  return `com-team-${createHash("sha256").update(`${tenantId}\n${teamId}`).digest("hex").slice(0, 24)}`;
}

/**
 * Records an install: stores the conversation reference (so reminders can reach the
 * conversation later) and, for a team, links the team to its community, creating the
 * community with the installer as lead the first time. Safe to run twice for one install.
 */
export async function recordInstallation(ctx: CommandContext, raw: InstallationInput): Promise<InstallationResult> {
  const input = InstallationInput.parse(raw);
  const result: InstallationResult = { communityCreated: false, newlyLinked: false, leadAdded: false };

  if (input.scope === "team") {
    if (!input.team) throw new Error("recordInstallation: a team install needs the team");
    Object.assign(result, await linkTeamCommunity(ctx, input, input.team));
  }

  await ctx.repos.directory.saveConversation({
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    scope: input.scope,
    teamId: input.team?.id,
    userId: input.scope === "personal" ? input.installer?.userId : undefined,
    communityId: result.community?.id,
    reference: input.reference,
    updatedAt: ctx.clock.now().toISOString(),
  });
  ctx.log.info(
    { event: "installation_recorded", scope: input.scope, tenantId: input.tenantId, communityId: result.community?.id, communityCreated: result.communityCreated },
    "bot installed",
  );
  return result;
}

async function linkTeamCommunity(
  ctx: CommandContext,
  input: InstallationInput,
  team: { id: string; name?: string },
): Promise<Omit<InstallationResult, "community"> & { community: { id: string; name: string } }> {
  const { repos, clock } = ctx;
  const linkedId = await repos.directory.getTeamCommunity(input.tenantId, team.id);
  const linked = linkedId ? await repos.communities.get(linkedId, linkedId) : null;
  if (linked) return { community: { id: linked.doc.id, name: linked.doc.name }, communityCreated: false, newlyLinked: false, leadAdded: false };

  // No usable link yet: this is the team's first completed install (or one cut short).
  const now = clock.now().toISOString();
  const draft: Community = {
    id: communityIdForTeam(input.tenantId, team.id),
    tenantId: input.tenantId,
    name: communityName(team.name),
    purpose: "",
    culturalPriorities: [],
    values: [],
    timeZone: DEFAULT_TIME_ZONE,
    teamId: team.id,
    createdAt: now,
    updatedAt: now,
  };
  const { community, created } = await createOrFind(ctx, draft);

  let leadAdded = false;
  if (input.installer && !(await repos.members.get(community.id, input.installer.userId))) {
    const installer = input.installer;
    const lead: z.input<typeof Member> = {
      communityId: community.id,
      tenantId: input.tenantId,
      userId: installer.userId,
      displayName: cleanName(installer.displayName, 120) ?? FALLBACK_LEAD_NAME,
      role: "lead",
      circleIds: [],
      department: UNKNOWN_DEPARTMENT,
      timeZone: installer.timeZone && isKnownTimeZone(installer.timeZone) ? installer.timeZone : community.timeZone,
      joinedAt: now,
    };
    await repos.members.upsert(lead, community.name);
    leadAdded = true;
  }
  // The default rhythm before the link: a crash in between is healed by the next event, which finds no link yet.
  await ensureRhythm(ctx, community);
  // The link is written last: it marks the install complete, so a crash before it is healed by the next event.
  await repos.directory.linkTeam(input.tenantId, team.id, community.id);
  return { community: { id: community.id, name: community.name }, communityCreated: created, newlyLinked: true, leadAdded };
}

async function createOrFind(ctx: CommandContext, draft: Community): Promise<{ community: Community; created: boolean }> {
  try {
    await ctx.repos.communities.create(draft);
    return { community: draft, created: true };
  } catch (e) {
    if (!isAppError(e) || e.code !== "already_exists") throw e;
    const existing = await ctx.repos.communities.get(draft.id, draft.id);
    if (!existing) throw e;
    return { community: existing.doc, created: false };
  }
}

function communityName(teamName: string | undefined): string {
  return cleanName(teamName, 80) ?? FALLBACK_COMMUNITY_NAME;
}
