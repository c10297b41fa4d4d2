import { type ArtifactView } from "../contracts";
import { localDate } from "../domain/artifacts";
import { badRequest, isAppError } from "../domain/errors";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { loadVisibleArtifact } from "./artifactReader";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";

/**
 * Leads delete softly: the item leaves every list at once and is purged after 30 days
 * (TTL) unless a lead restores it first.
 */
export async function setArtifactDeleted(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string, deleted: boolean): Promise<ArtifactView> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  for (let attempt = 0; ; attempt++) {
    const stored = await loadVisibleArtifact(ctx, actor, artifactId, { allowDeleted: true });
    authorize(actor, "artifact", "delete", stored.doc);
    if (stored.doc.deleted === deleted) throw badRequest(deleted ? "This item is already deleted." : "This item is not deleted.");
    const next = { ...stored.doc, deleted };
    if (deleted) next.deletedAt = ctx.clock.now().toISOString();
    else delete next.deletedAt;
    try {
      await ctx.repos.artifacts.replace(next, stored.etag);
      await ctx.repos.artifacts.setVersionsExpiring(communityId, artifactId, next.version, deleted);
      return toArtifactView(ctx, next, actor, localDate(ctx.clock.now(), member.timeZone));
    } catch (e) {
      // The item changed since it was read (an open, an edit): read again and retry a couple of times.
      if (!isAppError(e) || e.code !== "edit_conflict" || attempt >= 2) throw e;
    }
  }
}
