import { type Identity } from "../policies";
import { type CommandContext } from "./context";
import { DEMO_TENANT_ID } from "./demo/people";

/**
 * Local mode only: acts as a person of the demo tenant who belongs to at least one
 * community (the demo community, or one created by installing the bot in the Playground).
 */
export async function resolveDevIdentity(ctx: CommandContext, userId: string): Promise<Identity | null> {
  if (!userId || userId.length > 200) return null;
  const [first] = await ctx.repos.directory.getMemberships(DEMO_TENANT_ID, userId);
  if (!first) return null;
  const member = await ctx.repos.members.get(first.communityId, userId);
  return member ? { tenantId: DEMO_TENANT_ID, userId, displayName: member.doc.displayName } : null;
}
