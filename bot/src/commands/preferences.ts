import { PreferencesUpdateRequest, type Member, type PreferencesResponse } from "../contracts";
import { isAway } from "../domain/reminders";
import { parseInput } from "../domain/validation";
import { type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { planCommunity } from "./sessionPlanner";

export async function readPreferences(ctx: CommandContext, identity: Identity, communityId: string): Promise<PreferencesResponse> {
  const { member } = await resolveActor(ctx, identity, communityId);
  return { preferences: member.preferences, timeZone: member.timeZone };
}

/**
 * Changes how the rhythm reaches me. Opting out of facilitating, or going away, hands my
 * upcoming turns that fall in that time back to the rotation, which picks someone else.
 */
export async function updatePreferences(ctx: CommandContext, identity: Identity, communityId: string, input: PreferencesUpdateRequest): Promise<PreferencesResponse> {
  const req = parseInput(PreferencesUpdateRequest, input);
  const { member } = await resolveActor(ctx, identity, communityId);
  const { timeZone, awayUntil, ...rest } = req;
  const next: Member = {
    ...member,
    timeZone: timeZone ?? member.timeZone,
    preferences: { ...member.preferences, ...rest, awayUntil: awayUntil === null ? undefined : (awayUntil ?? member.preferences.awayUntil) },
  };
  const community = await ctx.repos.communities.get(communityId, communityId);
  await ctx.repos.members.upsert(next, community?.doc.name ?? communityId);
  if (await releaseTurns(ctx, next)) await planCommunity(ctx, communityId);
  return { preferences: next.preferences, timeZone: next.timeZone };
}

/** Clears my facilitator turns that I can no longer take; true when any were released. */
async function releaseTurns(ctx: CommandContext, member: Member): Promise<boolean> {
  const now = ctx.clock.now();
  const upcoming = await ctx.repos.rhythm.sessionsBetween(member.communityId, now.toISOString(), new Date(now.getTime() + 90 * 24 * 60 * 60 * 1000).toISOString(), { limit: 50 });
  const mine = upcoming.filter(
    (s) => s.status === "scheduled" && s.facilitatorId === member.userId && (!member.preferences.willingToFacilitate || isAway(member.preferences.awayUntil, new Date(s.startsAt), member.timeZone)),
  );
  for (const s of mine) {
    const found = await ctx.repos.rhythm.getSession(member.communityId, s.id);
    if (found) await ctx.repos.rhythm.sessions.replace({ ...found.doc, facilitatorId: undefined, updatedAt: now.toISOString() }, found.etag);
  }
  return mine.length > 0;
}
