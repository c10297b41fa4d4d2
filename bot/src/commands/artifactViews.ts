import { type Artifact, type ArtifactSummary, type ArtifactView } from "../contracts";
import { isDueForReview, sourceFor } from "../domain/artifacts";
import { can, type CommunityActor } from "../policies";
import { type CommandContext } from "./context";

/**
 * The one place an artifact becomes what people see (API and cards alike): the author
 * only when the share is not anonymous — for everyone, leads included — and what the
 * viewer may do with it.
 */
export function toArtifactView(ctx: CommandContext, a: Artifact, actor: CommunityActor, today: string): ArtifactView {
  return {
    id: a.id,
    communityId: a.communityId,
    type: a.type,
    title: a.title,
    summary: a.summary,
    body: a.body,
    fields: a.fields,
    priorities: a.priorities,
    topics: a.topics,
    sessionId: a.sessionId,
    practiceId: a.practiceId,
    visibility: a.visibility,
    circleId: a.circleId,
    anonymous: a.anonymous,
    reviewBy: a.reviewBy,
    author: a.anonymous ? null : { id: a.authorId, displayName: a.authorName },
    source: sourceFor(a.anonymous, a.source),
    openCount: a.openCount,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    dueForReview: isDueForReview(a.reviewBy, today),
    deleted: a.deleted,
    deletedAt: a.deletedAt,
    can: { edit: !a.deleted && can(actor, "artifact", "update", a), delete: can(actor, "artifact", "delete", a) },
    link: ctx.links.artifact(a.communityId, a.id),
  };
}

export function toArtifactSummary(ctx: CommandContext, a: Artifact, actor: CommunityActor, today: string): ArtifactSummary {
  const { body: _body, fields: _fields, ...summary } = toArtifactView(ctx, a, actor, today);
  return summary;
}
