import { type Artifact, type ArtifactView } from "../contracts";
import { localDate } from "../domain/artifacts";
import { notFound } from "../domain/errors";
import { can, type CommunityActor, type Identity } from "../policies";
import { type Stored } from "../store/documents";
import { resolveActor } from "./actorResolver";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";

/**
 * Loads an item the actor may see. Anything else — missing, deleted (unless a lead asks),
 * or outside their visibility — is the same 404, so existence is never revealed.
 */
export async function loadVisibleArtifact(ctx: CommandContext, actor: CommunityActor, artifactId: string, options: { allowDeleted?: boolean } = {}): Promise<Stored<Artifact>> {
  const stored = await ctx.repos.artifacts.get(actor.communityId, artifactId);
  if (!stored || !can(actor, "artifact", "read", stored.doc)) throw notFound("The library item");
  if (stored.doc.deleted && !(options.allowDeleted && actor.role === "lead")) throw notFound("The library item");
  return stored;
}

/** One item for reading; `track` counts the open for the "most opened" sort. */
export async function readArtifact(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string, options: { track: boolean }): Promise<ArtifactView> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const { doc } = await loadVisibleArtifact(ctx, actor, artifactId, { allowDeleted: true });
  let artifact = doc;
  if (options.track && !doc.deleted) {
    // Best effort: a lost count never fails the read.
    const counted = await ctx.repos.artifacts.countOpen(communityId, artifactId).then(() => true, (err) => (ctx.log.warn({ err, artifactId }, "open not counted"), false));
    if (counted) artifact = { ...doc, openCount: doc.openCount + 1 };
  }
  return toArtifactView(ctx, artifact, actor, localDate(ctx.clock.now(), member.timeZone));
}
