import { type Community } from "../contracts";
import { notFound } from "../domain/errors";
import { authorize, type Identity, type CommunityActor } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";

/** A community as its member sees it, with their role and the member count. */
export async function readCommunity(ctx: CommandContext, identity: Identity, communityId: string): Promise<{ community: Community; actor: CommunityActor; memberCount: number }> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "community", "read");
  const [found, memberCount] = await Promise.all([ctx.repos.communities.get(communityId, communityId), ctx.repos.members.count(communityId)]);
  if (!found) throw notFound("The community");
  return { community: found.doc, actor, memberCount };
}
