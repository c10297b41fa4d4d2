/**
 * The `Action.Execute` verbs our cards carry. Cards name them from here; `routes.ts` maps
 * each to its handler, so a verb a card sends always has one.
 */
export const VERBS = {
  rsvp: "rsvp",
  checkInOpen: "checkin.open",
  checkInEdit: "checkin.edit",
  checkInSubmit: "checkin.submit",
  /** The check-in card's `refresh` verb (trigger "automatic" when Teams refreshes it). */
  checkInRefresh: "checkin.refresh",
  feedbackSubmit: "feedback.submit",
  followUpDone: "followup.done",
  swapRequest: "swap.request",
  swapDecide: "swap.decide",
  sessionSkip: "session.skip",
  /** A buddy's mid-sprint or closing check-in. */
  buddyReflect: "buddy.reflect",
  /** An answer to a posted prompt (discussion, reflective or weekly question). */
  promptRespond: "prompt.respond",
  /** How a pilot went, from its check-back card. */
  pilotReport: "pilot.report",
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Which card a "Mark done" came from, so the answer is that card updated. */
export type FollowUpDoneView = "nudge" | "tasks";
