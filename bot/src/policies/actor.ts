import { type Role } from "../contracts";

/** A signed-in person, from a validated token (or the local dev identity). */
export interface Identity {
  tenantId: string;
  userId: string;
  displayName: string;
}

/** A person acting inside one community: their role and the circles they belong to. */
export interface CommunityActor extends Identity {
  communityId: string;
  role: Role;
  circleIds: string[];
}

/** The people who run the community: its facilitators and leads. */
export const leads = (actor: Pick<CommunityActor, "role">): boolean => actor.role === "facilitator" || actor.role === "lead";
