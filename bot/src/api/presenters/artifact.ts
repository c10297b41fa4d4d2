import { type Artifact, type ArtifactResponse, type ArtifactSummary } from "../../contracts";

/**
 * The author leaves the server only when the share is not anonymous — for everyone,
 * leads included. Storage fields (tenant, author id of anonymous items) never leak.
 */
function authorOf(a: Artifact, authors: Map<string, string>): ArtifactSummary["author"] {
  if (a.anonymous) return null;
  return { id: a.authorId, displayName: authors.get(a.authorId) ?? "A former member" };
}

export function presentArtifactSummary(a: Artifact, authors: Map<string, string>): ArtifactSummary {
  return {
    id: a.id,
    type: a.type,
    title: a.title,
    summary: a.summary,
    priorities: a.priorities,
    topics: a.topics,
    visibility: a.visibility,
    anonymous: a.anonymous,
    author: authorOf(a, authors),
    version: a.version,
    updatedAt: a.updatedAt,
  };
}

export function presentArtifact(a: Artifact, authors: Map<string, string>): ArtifactResponse {
  return { ...presentArtifactSummary(a, authors), communityId: a.communityId, circleId: a.circleId, body: a.body, createdAt: a.createdAt };
}
