import { type Artifact, type ArtifactContent, type ArtifactVersion, type ArtifactView } from "../contracts";
import { changedFields, checkContent, localDate, pickContent, sourceFor } from "../domain/artifacts";
import { editConflict, forbidden, isAppError, notFound } from "../domain/errors";
import { authorize, can, type CommunityActor, type Identity } from "../policies";
import { type Stored } from "../store/documents";
import { loadCommunity, resolveActor } from "./actorResolver";
import { loadVisibleArtifact } from "./artifactReader";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";

/** A version document older than this whose artifact never moved on was left by a crashed save. */
const ORPHAN_AFTER_MS = 60_000;

const conflictAt = (current: number) =>
  Object.assign(editConflict("This item"), { message: `Someone saved a newer version (version ${current}) since you opened it. Reload to see their changes, then apply yours again.` });

/**
 * Saves an edit as a new version. The caller names the version they started from: if
 * someone saved since, they get a 409 and nothing is overwritten. The version document is
 * written first and the item second, conditional on its etag.
 */
export async function editArtifact(
  ctx: CommandContext,
  identity: Identity,
  communityId: string,
  artifactId: string,
  edit: { content: ArtifactContent; baseVersion: number; note?: string },
): Promise<ArtifactView> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const stored = await loadVisibleArtifact(ctx, actor, artifactId);
  authorize(actor, "artifact", "update", stored.doc);
  if (stored.doc.authorId !== actor.userId) {
    if (edit.content.anonymous !== stored.doc.anonymous) throw forbidden("Only the person who shared this item can change whether it is anonymous.");
    if (edit.content.visibility !== stored.doc.visibility || edit.content.circleId !== stored.doc.circleId)
      throw forbidden("Only the person who shared this item can change who can see it.");
  }
  checkContent(edit.content, stored.doc.type, (await loadCommunity(ctx, communityId)).doc, actor.circleIds);
  const saved = await saveVersion(ctx, actor, stored, pickContent(edit.content), edit.baseVersion, edit.note);
  return toArtifactView(ctx, saved, actor, localDate(ctx.clock.now(), member.timeZone));
}

/** Brings back an earlier version's content as a new version; history is never rewritten. */
export async function restoreArtifactVersion(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string, version: number, baseVersion: number): Promise<ArtifactView> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const stored = await loadVisibleArtifact(ctx, actor, artifactId);
  authorize(actor, "artifact", "update", stored.doc);
  const old = await ctx.repos.artifacts.getVersion(communityId, artifactId, version);
  if (!old || old.doc.version > stored.doc.version || !can(actor, "artifact", "read", { ...old.doc.content, authorId: stored.doc.authorId })) throw notFound(`Version ${version} of this item`);
  if (old.doc.content.visibility !== stored.doc.visibility && stored.doc.authorId !== actor.userId)
    throw forbidden("This version was written for a different audience; only the person who shared the item can restore it.");
  // Who can see the item, and whether it is anonymous, stay as they are today: a restore brings back words, not an audience.
  const { circleId: _circle, ...words } = old.doc.content;
  const content: ArtifactContent = { ...words, visibility: stored.doc.visibility, anonymous: stored.doc.anonymous, ...(stored.doc.circleId ? { circleId: stored.doc.circleId } : {}) };
  const saved = await saveVersion(ctx, actor, stored, content, baseVersion, `Restored version ${version}`);
  return toArtifactView(ctx, saved, actor, localDate(ctx.clock.now(), member.timeZone));
}

async function saveVersion(ctx: CommandContext, actor: CommunityActor, stored: Stored<Artifact>, content: ArtifactContent, baseVersion: number, note?: string): Promise<Artifact> {
  if (stored.doc.version !== baseVersion) throw conflictAt(stored.doc.version);
  const changed = changedFields(pickContent(stored.doc), content);
  if (changed.length === 0) return stored.doc;

  const now = ctx.clock.now().toISOString();
  const next = stored.doc.version + 1;
  const { communityId, id } = stored.doc;
  const version: ArtifactVersion = { artifactId: id, communityId, tenantId: stored.doc.tenantId, version: next, editedBy: actor.userId, editedAt: now, changed, ...(note ? { note } : {}), content };
  await claimVersion(ctx, stored.doc, version);

  try {
    let current = stored;
    for (let attempt = 0; attempt < 4; attempt++) {
      const updated: Artifact = { ...current.doc, ...content, version: next, updatedAt: now, updatedBy: actor.userId };
      for (const key of ["circleId", "reviewBy", "sessionId", "practiceId"] as const) if (content[key] === undefined) delete updated[key];
      if (updated.source) updated.source = sourceFor(updated.anonymous, updated.source);
      try {
        await ctx.repos.artifacts.replace(updated, current.etag);
        return updated;
      } catch (e) {
        if (!isAppError(e) || e.code !== "edit_conflict") throw e;
        // Someone opened the item (a counter bump): same version, so try again on the new etag.
        const reloaded = await ctx.repos.artifacts.get(communityId, id);
        if (!reloaded || reloaded.doc.version !== baseVersion) throw conflictAt(reloaded?.doc.version ?? baseVersion);
        current = reloaded;
      }
    }
    throw conflictAt(baseVersion);
  } catch (e) {
    if (isAppError(e) && e.code === "unavailable") {
      // The store gave up without knowing whether the item was saved: look once more. Saved: done.
      // Still unknown: the version stays, since it may be the item's history (if the item never
      // moved on, it is past the item's version and shows nowhere).
      const after = await ctx.repos.artifacts.get(communityId, id).catch(() => undefined);
      if (after && after.doc.version === next && after.doc.updatedAt === now && after.doc.updatedBy === actor.userId) return after.doc;
      if (after === undefined || (after && after.doc.version >= next)) throw e;
    }
    // The item was not saved: the claimed version must not stay behind as phantom history.
    await ctx.repos.artifacts.deleteVersion(communityId, id, next).catch((err) => ctx.log.warn({ err, artifactId: id }, "could not remove an unsaved version"));
    throw e;
  }
}

/** Creates version n+1; one left behind by a crashed save is taken over, a live one means a conflict. */
async function claimVersion(ctx: CommandContext, artifact: Artifact, version: ArtifactVersion): Promise<void> {
  try {
    await ctx.repos.artifacts.createVersion(version);
    return;
  } catch (e) {
    if (!isAppError(e) || e.code !== "already_exists") throw e;
  }
  const existing = await ctx.repos.artifacts.getVersion(artifact.communityId, artifact.id, version.version);
  const orphaned = existing && Date.parse(version.editedAt) - Date.parse(existing.doc.editedAt) > ORPHAN_AFTER_MS;
  if (!existing || !orphaned) throw conflictAt(artifact.version);
  await ctx.repos.artifacts.replaceVersion(version, existing.etag);
}
