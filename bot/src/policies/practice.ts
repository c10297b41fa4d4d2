import { type Pilot } from "../contracts";
import { leads, type CommunityActor } from "./actor";

/**
 * Everyone reads the progress map. Facilitators and leads add, edit and move practices
 * and set the evidence rules; anyone taking part pilots a practice and reports on their
 * own pilot; sponsors watch.
 */
export const practicePolicy = {
  read: (_actor: CommunityActor) => true,
  manage: (actor: CommunityActor) => leads(actor),
  pilot: (actor: CommunityActor) => actor.role !== "sponsor",
  report: (actor: CommunityActor, p: Pick<Pilot, "userId">) => p.userId === actor.userId,
  withdraw: (actor: CommunityActor, p: Pick<Pilot, "userId">) => p.userId === actor.userId || actor.role === "lead",
};

/** Facilitators and leads keep the prompt bank, post on demand and promote answers to the library; anyone taking part answers. */
export const promptPolicy = {
  read: (_actor: CommunityActor) => true,
  manage: (actor: CommunityActor) => leads(actor),
  answer: (actor: CommunityActor) => actor.role !== "sponsor",
  promote: (actor: CommunityActor) => leads(actor),
};
