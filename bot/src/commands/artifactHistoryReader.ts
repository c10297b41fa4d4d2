import { type ArtifactHistoryResponse, type ArtifactVersion, type ArtifactVersionResponse } from "../contracts";
import { notFound } from "../domain/errors";
import { can, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { loadVisibleArtifact } from "./artifactReader";
import { type CommandContext } from "./context";

/** An anonymous author stays anonymous in the history too. */
function summarise(v: ArtifactVersion, anonymousAuthorId: string | null, names: Map<string, string>) {
  return {
    version: v.version,
    editedAt: v.editedAt,
    editedBy: v.editedBy === anonymousAuthorId ? null : { id: v.editedBy, displayName: names.get(v.editedBy) ?? "A former member" },
    changed: v.changed,
    ...(v.note ? { note: v.note } : {}),
    title: v.content.title,
  };
}

async function context(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string) {
  const { actor } = await resolveActor(ctx, identity, communityId);
  const stored = await loadVisibleArtifact(ctx, actor, artifactId, { allowDeleted: true });
  const members = await ctx.repos.members.list(communityId);
  const artifact = stored.doc;
  return {
    artifact,
    names: new Map(members.map((m) => [m.userId, m.displayName])),
    anonymousAuthorId: artifact.anonymous ? artifact.authorId : null,
    // A version is shown only to those who could have seen it then: widening an item later does not open its past.
    visible: (v: ArtifactVersion) => can(actor, "artifact", "read", { visibility: v.content.visibility, circleId: v.content.circleId, authorId: artifact.authorId }),
  };
}

export async function listArtifactVersions(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string): Promise<ArtifactHistoryResponse> {
  const { artifact, names, anonymousAuthorId, visible } = await context(ctx, identity, communityId, artifactId);
  const versions = await ctx.repos.artifacts.listVersions(communityId, artifactId, artifact.version);
  return { items: versions.filter(visible).map((v) => summarise(v, anonymousAuthorId, names)) };
}

export async function readArtifactVersion(ctx: CommandContext, identity: Identity, communityId: string, artifactId: string, version: number): Promise<ArtifactVersionResponse> {
  const { artifact, names, anonymousAuthorId, visible } = await context(ctx, identity, communityId, artifactId);
  const found = await ctx.repos.artifacts.getVersion(communityId, artifactId, version);
  if (!found || found.doc.version > artifact.version || !visible(found.doc)) throw notFound(`Version ${version} of this item`);
  return { ...summarise(found.doc, anonymousAuthorId, names), content: found.doc.content };
}
