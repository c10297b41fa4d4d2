import { z } from "zod";
import { Id, IsoInstant } from "./common";

/**
 * Where a scheduled message goes. The job names the target, never a stored conversation
 * reference: the reference is looked up when the message is sent, so a reinstall in
 * between (a fresh reference) is used and a removed bot is noticed.
 */
export const DeliveryTarget = z.discriminatedUnion("kind", [
  /** The community's team channel. */
  z.object({ kind: z.literal("channel"), tenantId: Id, communityId: Id }),
  /** A member's personal chat with the bot. */
  z.object({ kind: z.literal("personal"), tenantId: Id, userId: Id }),
]);
export type DeliveryTarget = z.infer<typeof DeliveryTarget>;

/**
 * A job's life: pending → leased (claimed by one instance) → done, or for a delivery
 * leased → sending (the HTTP call is about to go out) → done | gone | failed, or back to
 * pending with a later `nextAttemptAt`. `uncertain`: an instance died while sending, so
 * nobody knows whether Teams got the message; it is not sent again. `skipped`: the work
 * handler found nothing to do.
 */
export const JOB_STATES = ["pending", "leased", "sending", "done", "gone", "failed", "uncertain", "skipped"] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: Id,
  /** The hour (UTC, e.g. 2026-11-24T08) whose partition holds the job. */
  bucket: z.string(),
  tenantId: Id,
  kind: z.string(),
  dueAt: IsoInstant,
  state: JobState,
  /** Attempts started so far (a claim counts as one). */
  attempts: z.number().int(),
  nextAttemptAt: IsoInstant,
  leaseOwner: z.string().optional(),
  leaseUntil: IsoInstant.optional(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: IsoInstant,
  finishedAt: IsoInstant.optional(),
  lastOutcome: z.string().optional(),
});
export type Job = z.infer<typeof Job>;

/** What a caller hands the scheduler. The id is the caller's and deterministic, so re-planning never duplicates a job. */
export interface NewJob {
  id: string;
  tenantId: string;
  kind: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

export const NewJob = z.object({ id: Id, tenantId: Id, kind: z.string().min(1).max(100), dueAt: IsoInstant, payload: z.record(z.string(), z.unknown()) });

/** The kind of a delivery job, built into the scheduler. */
export const DELIVER_JOB_KIND = "deliver";

/** A delivery job's payload: the notice is data (`{ kind, ... }`) that `teams/` renders when it is sent. */
export const DeliverPayload = z.object({
  target: DeliveryTarget,
  notice: z.looseObject({ kind: z.string() }),
});
export type DeliverPayload = z.infer<typeof DeliverPayload>;
