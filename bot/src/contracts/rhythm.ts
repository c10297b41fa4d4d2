import { z } from "zod";
import { Id, IsoInstant, Label, Slug, TimeZone } from "./common";

export const SESSION_KINDS = ["check-in", "deep-dive"] as const;
export const SessionKind = z.enum(SESSION_KINDS);

export const SessionSeries = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  kind: SessionKind,
  title: Label(120),
  /** An RFC 5545 RRULE (without DTSTART), interpreted in `timeZone`. */
  rrule: z.string().min(1).max(500),
  /** Local wall-clock start of the first occurrence, e.g. 2026-09-01T09:00. */
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "must be a local date and time such as 2026-09-01T09:00"),
  durationMinutes: z.number().int().min(5).max(480),
  timeZone: TimeZone,
  joinUrl: z.url().optional(),
  createdAt: IsoInstant,
});
export type SessionSeries = z.infer<typeof SessionSeries>;

export const PRACTICE_STAGES = ["concept", "piloting", "adopted", "habit"] as const;
export const PracticeStage = z.enum(PRACTICE_STAGES);
export type PracticeStage = z.infer<typeof PracticeStage>;

export const Practice = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  name: Label(120),
  description: z.string().trim().max(2000),
  priority: Slug,
  stage: PracticeStage,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Practice = z.infer<typeof Practice>;
