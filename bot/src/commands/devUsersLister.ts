import { type DevUsersResponse } from "../contracts";
import { type CommandContext } from "./context";
import { DEMO_COMMUNITY_ID } from "./demo/people";

/** Local mode only: the demo community's people, whom the dev identity may act as,
 * longest-standing first (the lead), so the tab's default user can see everything. */
export async function listDevUsers(ctx: CommandContext): Promise<DevUsersResponse> {
  const [community, members] = await Promise.all([ctx.repos.communities.get(DEMO_COMMUNITY_ID, DEMO_COMMUNITY_ID), ctx.repos.members.list(DEMO_COMMUNITY_ID)]);
  const communityName = community?.doc.name ?? "";
  return {
    users: [...members]
      .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
      .map((m) => ({ userId: m.userId, displayName: m.displayName, department: m.department, role: m.role, communityName }))
  };
}
