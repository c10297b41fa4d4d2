import { randomUUID } from "node:crypto";
import { type Artifact, type ArtifactContent, type ArtifactVersion, type ArtifactView, type Community } from "../contracts";
import { checkContent, localDate, pickContent, sourceFor, withDefaultCircle } from "../domain/artifacts";
import { authorize, type CommunityActor, type Identity } from "../policies";
import { loadCommunity, resolveActor } from "./actorResolver";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";

/** What a new item may bring besides its content. */
export interface NewArtifactExtras {
  source?: Artifact["source"];
  /** A fixed id, so a second attempt from the same source is refused as `already_exists`. */
  id?: string;
  /** Credit to someone else (a promoted answer or win): they are the author, the actor the one who added it. */
  author?: { userId: string; displayName: string };
  /** The community, when the caller has just read it (saves reading it again). */
  community?: Community;
}

/**
 * Saves a new library item with its first version in one all-or-nothing write. The author
 * is kept (so they can edit it) even when the share is anonymous; views never show it then.
 */
export async function saveNewArtifact(ctx: CommandContext, actor: CommunityActor, requested: ArtifactContent, extra: NewArtifactExtras = {}): Promise<Artifact> {
  authorize(actor, "artifact", "create");
  const content = withDefaultCircle(requested, actor.circleIds);
  const community = extra.community ?? (await loadCommunity(ctx, actor.communityId)).doc;
  checkContent(content, content.fields.type, community, actor.circleIds);
  const now = ctx.clock.now().toISOString();
  const artifact: Artifact = {
    ...pickContent(content),
    id: extra.id ?? `art-${randomUUID()}`,
    communityId: actor.communityId,
    tenantId: actor.tenantId,
    type: content.fields.type,
    authorId: extra.author?.userId ?? actor.userId,
    authorName: extra.author?.displayName ?? actor.displayName,
    ...(extra.source ? { source: sourceFor(content.anonymous, extra.source) } : {}),
    openCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: actor.userId,
    deleted: false,
  };
  const first: ArtifactVersion = {
    artifactId: artifact.id,
    communityId: artifact.communityId,
    tenantId: artifact.tenantId,
    version: 1,
    editedBy: actor.userId,
    editedAt: now,
    changed: [],
    note: "Created",
    content: pickContent(artifact),
  };
  await ctx.repos.artifacts.createWithFirstVersion(artifact, first);
  return artifact;
}

/** "New item" from the tab: the type comes from the chosen template's fields. */
export async function createArtifact(ctx: CommandContext, identity: Identity, communityId: string, content: ArtifactContent): Promise<ArtifactView> {
  const { actor, member } = await resolveActor(ctx, identity, communityId);
  const artifact = await saveNewArtifact(ctx, actor, content);
  return toArtifactView(ctx, artifact, actor, localDate(ctx.clock.now(), member.timeZone));
}
