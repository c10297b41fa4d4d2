import { type CommunityActor } from "./actor";

/**
 * Everyone reads the charter, the newcomer path and who holds which role; everyone,
 * sponsors included, may say they have read the charter. Leads change the charter and
 * assign roles.
 */
export const charterPolicy = {
  read: (_actor: CommunityActor) => true,
  edit: (actor: CommunityActor) => actor.role === "lead",
  acknowledge: (_actor: CommunityActor) => true,
  assignRoles: (actor: CommunityActor) => actor.role === "lead",
};
