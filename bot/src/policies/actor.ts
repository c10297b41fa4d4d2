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
