import { type Artifact } from "../contracts";
import { leads, type CommunityActor } from "./actor";

type ArtifactAccess = Pick<Artifact, "visibility" | "circleId" | "authorId">;

const canSee = (actor: CommunityActor, a: ArtifactAccess): boolean =>
  a.visibility === "community" ||
  (a.visibility === "private" && a.authorId === actor.userId) ||
  (a.visibility === "circle" && a.circleId !== undefined && actor.circleIds.includes(a.circleId));

/**
 * Members read what the item's visibility allows; the author, facilitators and leads
 * edit what they can see; leads delete. Sponsors read only.
 */
export const artifactPolicy = {
  read: canSee,
  create: (actor: CommunityActor) => actor.role !== "sponsor",
  update: (actor: CommunityActor, a: ArtifactAccess) =>
    canSee(actor, a) && (a.authorId === actor.userId || leads(actor)),
  delete: (actor: CommunityActor, a: ArtifactAccess) => canSee(actor, a) && actor.role === "lead",
};
