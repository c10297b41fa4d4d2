import { leads, type CommunityActor } from "./actor";

/**
 * Everyone in the community reads its insights (small groups are left out for all
 * readers alike); the quarterly export is for the people who account for the community:
 * leads, facilitators and sponsors.
 */
export const insightsPolicy = {
  read: (_actor: CommunityActor) => true,
  export: (actor: CommunityActor) => leads(actor) || actor.role === "sponsor",
};

/** Everyone, sponsors included, may download and erase what they themselves contributed. */
export const dataRightsPolicy = {
  export: (_actor: CommunityActor) => true,
  erase: (_actor: CommunityActor) => true,
};
