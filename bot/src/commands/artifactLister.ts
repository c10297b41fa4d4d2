import { type ArtifactListQuery, type ArtifactSummary } from "../contracts";
import { localDate, searchWords, startOfDay, startOfNextDay } from "../domain/artifacts";
import { forbidden } from "../domain/errors";
import { type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { toArtifactSummary } from "./artifactViews";
import { type CommandContext } from "./context";

/**
 * One page of the library as this member may see it: words, filters and sort run inside
 * one single-partition query, after one point read of the member.
 */
export async function listArtifacts(
  ctx: CommandContext,
  identity: Identity,
  communityId: string,
  query: ArtifactListQuery,
): Promise<{ items: ArtifactSummary[]; continuationToken: string | null }> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  if (query.deleted && actor.role !== "lead") throw forbidden("Only leads can see deleted items.");
  const today = localDate(ctx.clock.now(), member.timeZone);
  const page = await ctx.repos.artifacts.list(
    communityId,
    { userId: actor.userId, circleIds: actor.circleIds },
    {
      words: searchWords(query.q),
      type: query.type,
      priority: query.priority,
      authorId: query.author,
      // Dates are days in the member's own time zone.
      updatedFrom: query.from ? startOfDay(query.from, member.timeZone) : undefined,
      updatedBefore: query.to ? startOfNextDay(query.to, member.timeZone) : undefined,
      reviewDueBy: query.dueForReview ? today : undefined,
      sort: query.sort,
      deleted: query.deleted ?? false,
    },
    { limit: query.limit, continuationToken: query.continuationToken },
  );
  return { items: page.items.map((a) => toArtifactSummary(ctx, a, actor, today)), continuationToken: page.continuationToken };
}
