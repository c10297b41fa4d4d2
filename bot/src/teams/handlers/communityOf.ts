import { type CommandContext } from "../../commands/context";
import { type Identity } from "../../policies";

export interface CommunityChoice {
  /** Every community the person belongs to, as the directory lists them. */
  communities: { id: string; name: string }[];
  /** The one to act in: the current team's, when they belong to it, else their first. */
  current: { id: string; name: string } | undefined;
}

/**
 * Which communities an extension command can act in, from two point reads (the person's
 * membership index and the team's link), never a scan.
 */
export async function communityChoiceOf(ctx: CommandContext, identity: Identity, teamId: string | undefined): Promise<CommunityChoice> {
  const [memberships, teamCommunity] = await Promise.all([
    ctx.repos.directory.getMemberships(identity.tenantId, identity.userId),
    teamId ? ctx.repos.directory.getTeamCommunity(identity.tenantId, teamId) : Promise.resolve(null),
  ]);
  const communities = memberships.map((m) => ({ id: m.communityId, name: m.communityName }));
  return { communities, current: communities.find((c) => c.id === teamCommunity) ?? communities[0] };
}

/** What people outside every community are told, wherever they meet the extension. */
export const JOIN_FIRST = {
  heading: "Join a community first",
  text: "Practice Circles keeps cases and library items inside a community of managers, and you're not in one yet. Ask a community lead to add you, or add Practice Circles to your team to start one there.",
  search: "You're not in a Practice Circles community yet, so there's no library to search. Ask a community lead to add you, or add Practice Circles to your team to start one.",
  sessions: "Sessions, check-ins and follow-ups belong to a community of managers, and you're not in one yet. Ask a community lead to add you, or add Practice Circles to your team to start one there.",
};

/** When Teams leaves out who is asking (no tenant or no Entra id, e.g. some guests). */
export const WHO_ARE_YOU = {
  heading: "We couldn't tell who you are",
  text: "Teams didn't send your work account with this request, so nothing can be shared or searched. Sign in to Teams with your work account and try again.",
  search: "Teams didn't send your work account with this search. Sign in to Teams with your work account and try again.",
  sessions: "Teams didn't send your work account with this message, so I can't look up your sessions. Sign in to Teams with your work account and try again.",
};
