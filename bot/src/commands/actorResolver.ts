import { type Community, type Member } from "../contracts";
import { forbidden, notFound } from "../domain/errors";
import { type CommunityActor, type Identity } from "../policies";
import { type Stored } from "../store/documents";
import { type CommandContext } from "./context";

/**
 * Turns a signed-in identity into an actor inside one community (one point read).
 * A person from another tenant or outside the community is refused here, before any
 * community data is read.
 */
export async function resolveActor(ctx: CommandContext, identity: Identity, communityId: string): Promise<{ actor: CommunityActor; member: Member }> {
  const found = await ctx.repos.members.get(communityId, identity.userId);
  if (!found || found.doc.tenantId !== identity.tenantId) {
    throw forbidden("You are not a member of this community. Ask one of its leads to add you.");
  }
  const member = found.doc;
  return {
    member,
    actor: { ...identity, displayName: member.displayName, communityId, role: member.role, circleIds: member.circleIds },
  };
}

/** The community document with its etag (a point read); 404 when there is none. */
export async function loadCommunity(ctx: CommandContext, communityId: string): Promise<Stored<Community>> {
  const found = await ctx.repos.communities.get(communityId, communityId);
  if (!found) throw notFound("The community");
  return found;
}

/**
 * The actor (as `resolveActor`, refused before anything else is read) and the community
 * they act in, with the etag a change of the community's settings must quote: two point
 * reads, and no second read of the community for the update.
 */
export async function resolveCommunityActor(
  ctx: CommandContext,
  identity: Identity,
  communityId: string,
): Promise<{ actor: CommunityActor; member: Member; community: Community; etag: string }> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const found = await loadCommunity(ctx, communityId);
  return { actor, member, community: found.doc, etag: found.etag };
}
