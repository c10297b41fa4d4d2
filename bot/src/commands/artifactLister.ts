import { type Artifact, type ArtifactListQuery, type Member } from "../contracts";
import { type Page } from "../store/documents";
import { type CommunityActor, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";

export interface ArtifactListing {
  actor: CommunityActor;
  page: Page<Artifact>;
  /** Display names of the authors on this page, for the presenter. */
  authors: Map<string, string>;
}

/** One page of the library as this member may see it, newest first; single-partition. */
export async function listArtifacts(ctx: CommandContext, identity: Identity, communityId: string, query: ArtifactListQuery): Promise<ArtifactListing> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  const page = await ctx.repos.artifacts.list(
    communityId,
    { userId: actor.userId, circleIds: actor.circleIds },
    { q: query.q, type: query.type },
    { limit: query.limit, continuationToken: query.continuationToken },
  );
  const members = await ctx.repos.members.list(communityId);
  return { actor, page, authors: authorNames(members) };
}

export const authorNames = (members: Member[]) => new Map(members.map((m) => [m.userId, m.displayName]));
