import { z } from "zod";
import { Artifact } from "./artifact";
import { BuddyReflection } from "./buddies";
import { Id, IsoInstant } from "./common";
import { Member } from "./community";
import { Pilot, PromptAnswer } from "./practices";
import { CheckIn, Feedback, FollowUp, Rsvp } from "./rhythm";

/**
 * A member's data rights in one community: a copy of everything they contributed, and
 * erasure, which anonymises their contributions (the community keeps its knowledge) and
 * ends their membership.
 */

/** Everything one person contributed in one community, as they download it (GET /me/data). */
export const MyDataExport = z.object({
  exportedAt: IsoInstant,
  community: z.object({ id: Id, name: z.string() }),
  /** Their member record, with their preferences (private ones included: they are theirs). */
  member: Member.omit({ tenantId: true }),
  /** Items they wrote, anonymous and deleted ones included. */
  artifacts: z.array(Artifact.omit({ tenantId: true })),
  /** The sessions their answers below refer to. */
  sessions: z.array(z.object({ id: Id, title: z.string(), startsAt: IsoInstant })),
  rsvps: z.array(Rsvp.omit({ tenantId: true })),
  checkIns: z.array(CheckIn.omit({ tenantId: true })),
  feedback: z.array(Feedback.omit({ tenantId: true })),
  /** Follow-ups they own or created. */
  followUps: z.array(FollowUp.omit({ tenantId: true })),
  promptAnswers: z.array(PromptAnswer.omit({ tenantId: true }).extend({ promptText: z.string().nullable() })),
  pilots: z.array(Pilot.omit({ tenantId: true }).extend({ practiceName: z.string().nullable() })),
  buddyReflections: z.array(BuddyReflection.omit({ tenantId: true })),
  /** Anything else that is theirs (e.g. charter acknowledgements), as stored, with its kind in `type`. */
  otherRecords: z.array(z.record(z.string(), z.unknown())),
});
export type MyDataExport = z.infer<typeof MyDataExport>;

/** Erasure is confirmed by typing one's display name exactly as the community shows it. */
export const EraseMeRequest = z.object({
  confirm: z.string({ message: "type your name to confirm" }).max(200, "must be at most 200 characters"),
});
export type EraseMeRequest = z.input<typeof EraseMeRequest>;

/** How many of each kind of contribution were anonymised (or, for the membership, removed). */
export const EraseCounts = z.object({
  artifacts: z.number().int(),
  artifactVersions: z.number().int(),
  rsvps: z.number().int(),
  checkIns: z.number().int(),
  feedback: z.number().int(),
  followUps: z.number().int(),
  promptAnswers: z.number().int(),
  pilots: z.number().int(),
  buddyReflections: z.number().int(),
  /** Other records of theirs (e.g. charter acknowledgements) and sessions, rounds, practices, prompts, swaps and items that named them (facilitator, member, mover, editor…). */
  mentions: z.number().int(),
  membership: z.number().int(),
});
export type EraseCounts = z.infer<typeof EraseCounts>;

export const EraseMeResponse = z.object({
  erased: z.literal(true),
  counts: EraseCounts,
  /** What happened, in a sentence for the page. */
  message: z.string(),
});
export type EraseMeResponse = z.infer<typeof EraseMeResponse>;
