import { type MeResponse } from "../contracts";
import { type Identity } from "../policies";
import { type CommandContext } from "./context";

/** The signed-in user and the communities they belong to: one point read of their index. */
export async function readMe(ctx: CommandContext, identity: Identity): Promise<MeResponse> {
  const memberships = await ctx.repos.directory.getMemberships(identity.tenantId, identity.userId);
  return {
    user: { id: identity.userId, tenantId: identity.tenantId, displayName: identity.displayName },
    communities: memberships
      .map((m) => ({ id: m.communityId, name: m.communityName, role: m.role }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
