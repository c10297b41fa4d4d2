import { type FollowUp, type Session, type SwapRequest } from "../contracts";
import { leads, type CommunityActor } from "./actor";

/**
 * Everyone reads sessions; members, facilitators and leads take part (RSVP, check in,
 * give feedback, own follow-ups); sponsors watch. A session's own facilitator, any
 * facilitator and the leads plan it, skip or move it, and read its check-ins.
 */
export const sessionPolicy = {
  read: (_actor: CommunityActor) => true,
  /** The rhythm's settings: reminder times, themes, format, join link. */
  manageSeries: (actor: CommunityActor) => leads(actor),
  participate: (actor: CommunityActor) => actor.role !== "sponsor",
  manage: (actor: CommunityActor, s: Pick<Session, "facilitatorId">) => leads(actor) || s.facilitatorId === actor.userId,
  readCheckIns: (actor: CommunityActor, s: Pick<Session, "facilitatorId">) => leads(actor) || s.facilitatorId === actor.userId,
  /** Only the person facilitating (or a lead) hands a session to someone else. */
  requestSwap: (actor: CommunityActor, s: Pick<Session, "facilitatorId">) => s.facilitatorId === actor.userId || actor.role === "lead",
};

/** The asked person accepts or declines; the asker withdraws. */
export const swapPolicy = {
  decide: (actor: CommunityActor, s: Pick<SwapRequest, "toUserId">) => s.toUserId === actor.userId,
  withdraw: (actor: CommunityActor, s: Pick<SwapRequest, "fromUserId">) => s.fromUserId === actor.userId || actor.role === "lead",
};

/** Anyone taking part creates follow-ups; the owner, the creator, facilitators and leads change them. */
export const followUpPolicy = {
  create: (actor: CommunityActor) => actor.role !== "sponsor",
  update: (actor: CommunityActor, f: Pick<FollowUp, "ownerId" | "createdBy">) => f.ownerId === actor.userId || f.createdBy === actor.userId || leads(actor),
};

/** Facilitators and leads run buddy rounds; everyone taking part has a buddy and reflects. */
export const buddyPolicy = {
  manage: (actor: CommunityActor) => leads(actor),
  participate: (actor: CommunityActor) => actor.role !== "sponsor",
};
