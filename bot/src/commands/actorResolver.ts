import { type Member } from "../contracts";
import { forbidden } from "../domain/errors";
import { type CommunityActor, type Identity } from "../policies";
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
