import { type Artifact, type ArtifactView } from "../contracts";
import { localDate } from "../domain/artifacts";
import { isAppError, notFound } from "../domain/errors";
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
  const stored = await loadVisibleArtifact(ctx, actor, artifactId, { allowDeleted: true });
  const artifact = options.track && !stored.doc.deleted ? await countOpen(ctx, stored) : stored.doc;
  return toArtifactView(ctx, artifact, actor, localDate(ctx.clock.now(), member.timeZone));
}

/** Best effort: a lost race on the counter is retried twice, then the read still succeeds. */
async function countOpen(ctx: CommandContext, stored: Stored<Artifact>): Promise<Artifact> {
  let current = stored;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const next = { ...current.doc, openCount: current.doc.openCount + 1 };
      await ctx.repos.artifacts.replace(next, current.etag);
      return next;
    } catch (e) {
      if (!isAppError(e) || e.code !== "edit_conflict") break;
      const reloaded = await ctx.repos.artifacts.get(stored.doc.communityId, stored.doc.id);
      if (!reloaded) break;
      current = reloaded;
    }
  }
  return current.doc;
}
