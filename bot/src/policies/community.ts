import { type CommunityActor } from "./actor";

/** Every member reads the community; leads change its settings and charter. */
export const communityPolicy = {
  read: (_actor: CommunityActor) => true,
  update: (actor: CommunityActor) => actor.role === "lead",
  manageRoles: (actor: CommunityActor) => actor.role === "lead",
};
