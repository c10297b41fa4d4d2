import { z } from "zod";
import { Id, IsoInstant } from "./common";

/**
 * What sponsors, leads and members see of how the community is doing. Every number
 * about people carries how many people stand behind it; the API leaves the value out
 * (null, `suppressed: true`) when fewer than SMALL_GROUP_MINIMUM (5) people do, so no
 * page, export or digest can show an aggregate over a small group.
 */

/** A calendar month, e.g. "2026-11". */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month such as 2026-11");

/** A number over people: null and suppressed when fewer than 5 people are behind it. */
export const Guarded = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export type Guarded = z.infer<typeof Guarded>;

export const MonthPoint = Guarded.extend({ month: YearMonth });
export type MonthPoint = z.infer<typeof MonthPoint>;

export const InsightsQuery = z.object({
  /** How many whole months back from this one (this one included). */
  months: z.coerce.number().int().min(3, "must be at least 3").max(24, "must be at most 24").default(6),
});

/** Practices at each stage at the end of the month (practices are not people: never suppressed). */
export const StagePoint = z.object({
  month: YearMonth,
  concept: z.number().int(),
  piloting: z.number().int(),
  adopted: z.number().int(),
  habit: z.number().int(),
});
export type StagePoint = z.infer<typeof StagePoint>;

export const SessionAttendance = z.object({
  sessionId: Id,
  title: z.string(),
  startsAt: IsoInstant,
  /** People who said they were going. */
  going: Guarded,
  /** People who checked in. */
  checkIns: Guarded,
});
export type SessionAttendance = z.infer<typeof SessionAttendance>;

export const RoundPairs = z.object({
  roundId: Id,
  publishedAt: IsoInstant,
  /** Groups that span two or more departments. */
  crossDepartmentGroups: Guarded,
  /** Their share of all groups, 0–1. */
  crossDepartmentShare: Guarded,
});
export type RoundPairs = z.infer<typeof RoundPairs>;

export const Story = z.object({
  kind: z.enum(["reflection", "case"]),
  id: Id,
  title: z.string(),
  text: z.string(),
  /** Stories are only ever named contributions, shared with the whole community. */
  authorName: z.string(),
  at: IsoInstant,
  /** The library item, when it is one. */
  link: z.string().nullable(),
});
export type Story = z.infer<typeof Story>;

export const InsightsView = z.object({
  communityId: Id,
  from: YearMonth,
  to: YearMonth,
  minimumGroup: z.number().int(),
  /** Members who did anything that month (checked in, answered, contributed, piloted, RSVP'd going). */
  activeMembers: z.array(MonthPoint),
  /** The last sessions, oldest first. */
  attendance: z.array(SessionAttendance),
  /** Check-ins per member per session held that month, 0–1. */
  checkInRate: z.array(MonthPoint),
  /** Library items added per month (suppressed when fewer than 5 people wrote them). */
  artifactsPerMonth: z.array(MonthPoint),
  practicesPerStage: z.array(StagePoint),
  crossDepartmentPairs: z.array(RoundPairs),
  /** How pilots went, over the period. */
  pilotReports: z.object({ worked: Guarded, mixed: Guarded, didNotWork: Guarded, reporters: Guarded }),
  /** Recent named reflections and cases shared with the whole community. */
  stories: z.array(Story),
  can: z.object({ export: z.boolean() }),
});
export type InsightsView = z.infer<typeof InsightsView>;

export const QUARTER = /^\d{4}-Q[1-4]$/;
export const ExportQuery = z.object({
  format: z.enum(["md", "csv"], { message: "must be md or csv" }),
  /** e.g. 2026-Q4; defaults to the current quarter. */
  quarter: z.string().regex(QUARTER, "must be a quarter such as 2026-Q4").optional(),
});
export type ExportQuery = z.input<typeof ExportQuery>;
