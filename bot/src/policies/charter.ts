import { type CommunityActor } from "./actor";
import { communityPolicy } from "./community";

/**
 * Everyone reads the charter, the newcomer path and who holds which role; everyone,
 * sponsors included, may say they have read the charter. Changing the charter and
 * assigning roles are the community's own settings: the leads', as in `communityPolicy`.
 */
export const charterPolicy = {
  read: (_actor: CommunityActor) => true,
  edit: communityPolicy.update,
  acknowledge: (_actor: CommunityActor) => true,
  assignRoles: communityPolicy.manageRoles,
};
