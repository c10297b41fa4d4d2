import { z } from "zod";
import { Id, IsoInstant, Label, TimeZone } from "./common";

/** A wall-clock date and time with no zone, e.g. 2026-09-01T09:00; read in a stated time zone. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "must be a local date and time such as 2026-09-01T09:00");
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** A wall-clock time of day, e.g. 08:30. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 08:30");

/** A calendar date, e.g. 2026-11-30. */
export const IsoDate = z.iso.date({ message: "must be a date such as 2026-11-30" });

export const SESSION_KINDS = ["check-in", "deep-dive"] as const;
export const SessionKind = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKind>;

/** standard: input, discussion, other needs and planning; open: a check-in round, an open floor, a wrap-up. */
export const AGENDA_FORMATS = ["standard", "open"] as const;
export const AgendaFormat = z.enum(AGENDA_FORMATS);
export type AgendaFormat = z.infer<typeof AgendaFormat>;

export const AGENDA_PARTS = ["input", "discussion", "planning", "round", "open-floor", "wrap-up", "case-clinic"] as const;

export const AgendaItem = z.object({
  part: z.enum(AGENDA_PARTS),
  title: Label(120),
  minutes: z.number().int().min(1).max(480),
  /** Who leads this part (the facilitator, an invited expert, the case owner…). */
  ownerId: Id.optional(),
  notes: z.string().trim().max(500).optional(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** The month's topic and the person who brings its content. */
export const Theme = z.object({ title: Label(120), ownerId: Id.optional() });
export type Theme = z.infer<typeof Theme>;

/** A change to one occurrence, keyed by its original local start. */
export const OccurrenceException = z.object({
  skipped: z.boolean().optional(),
  /** The new local start (in the series' time zone). */
  movedTo: LocalDateTime.optional(),
  reason: z.string().trim().max(300).optional(),
});
export type OccurrenceException = z.infer<typeof OccurrenceException>;

/** Reminder offsets in minutes before the start; default a day and a quarter of an hour. */
export const DEFAULT_REMINDER_OFFSETS = [1440, 15];
export const ReminderOffsets = z
  .array(z.number().int().min(5, "must be at least 5 minutes").max(14 * 24 * 60, "must be at most 14 days"))
  .max(4, "must be at most 4 reminders");

export const SessionSeries = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  kind: SessionKind,
  title: Label(120),
  /** An RFC 5545 RRULE (without DTSTART), interpreted in `timeZone`. */
  rrule: z.string().min(1).max(500),
  /** Local wall-clock start of the first occurrence, e.g. 2026-09-01T09:00. */
  startsOn: LocalDateTime,
  durationMinutes: z.number().int().min(5).max(480),
  timeZone: TimeZone,
  joinUrl: z.url().optional(),
  agendaFormat: AgendaFormat.default("standard"),
  reminderOffsetsMinutes: ReminderOffsets.default(DEFAULT_REMINDER_OFFSETS),
  /** How many days ahead the next facilitator gets the hand-over card. */
  handoverDaysBefore: z.number().int().min(0).max(14).default(3),
  /** Skipped or moved occurrences, keyed by their original local start. */
  exceptions: z.record(LocalDateTime, OccurrenceException).default({}),
  /** A topic per month ("2026-11") with its content owner. */
  themes: z.record(z.string().regex(/^\d{4}-\d{2}$/), Theme).default({}),
  createdAt: IsoInstant,
});
export type SessionSeries = z.infer<typeof SessionSeries>;

export const SESSION_STATUSES = ["scheduled", "skipped"] as const;

/**
 * One occurrence of a series, written when it comes within the planning horizon:
 * who facilitates, the agenda, the queued cases. Id: `ses-<seriesId>-<yyyymmddThhmm of the original start>`.
 */
export const Session = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  seriesId: Id,
  /** The original local start, which keys the series' exceptions. */
  occurrenceKey: LocalDateTime,
  kind: SessionKind,
  title: Label(120),
  startsAt: IsoInstant,
  endsAt: IsoInstant,
  timeZone: TimeZone,
  status: z.enum(SESSION_STATUSES),
  /** True when the occurrence was moved away from its rule's time. */
  moved: z.boolean().default(false),
  facilitatorId: Id.optional(),
  agendaFormat: AgendaFormat,
  agenda: z.array(AgendaItem).max(12),
  theme: Theme.optional(),
  /** Library cases queued for this session's case clinic. */
  queuedCaseIds: z.array(Id).max(10).default([]),
  joinUrl: z.url().optional(),
  /** Goes up on every skip, restore, move or hand-over: jobs planned for an older revision stand down. */
  revision: z.number().int().min(0).default(0),
  updatedAt: IsoInstant,
});
export type Session = z.infer<typeof Session>;

export const RSVP_ANSWERS = ["going", "not-going"] as const;
export const RsvpAnswer = z.enum(RSVP_ANSWERS);
export type RsvpAnswer = z.infer<typeof RsvpAnswer>;

export const Rsvp = z.object({ communityId: Id, tenantId: Id, sessionId: Id, userId: Id, answer: RsvpAnswer, at: IsoInstant });
export type Rsvp = z.infer<typeof Rsvp>;

const Answer = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** How long each free-text answer may be (the cards' inputs use the same limits). */
export const CHECK_IN_LIMITS = { win: 500, challenge: 500, ask: 500, practice: 200 } as const;
export const FEEDBACK_LIMITS = { willTry: 300 } as const;

/** What a member brings to a session; editable until it starts. */
export const CheckInAnswers = z.object({
  win: Answer(CHECK_IN_LIMITS.win).default(""),
  challenge: Answer(CHECK_IN_LIMITS.challenge).default(""),
  ask: Answer(CHECK_IN_LIMITS.ask).default(""),
  energy: z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5").optional(),
  /** The practice the member is trying, in their words (or a practice's name). */
  practice: Answer(CHECK_IN_LIMITS.practice).default(""),
  /** Private answers reach nobody but the member; they still count as a check-in. */
  private: z.boolean().default(false),
});
export type CheckInAnswers = z.infer<typeof CheckInAnswers>;

export const CheckIn = CheckInAnswers.extend({
  communityId: Id,
  tenantId: Id,
  sessionId: Id,
  userId: Id,
  submittedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type CheckIn = z.infer<typeof CheckIn>;

export const FeedbackAnswers = z.object({
  usefulness: z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5"),
  willTry: Answer(FEEDBACK_LIMITS.willTry).default(""),
});
export type FeedbackAnswers = z.infer<typeof FeedbackAnswers>;

export const Feedback = FeedbackAnswers.extend({ communityId: Id, tenantId: Id, sessionId: Id, userId: Id, submittedAt: IsoInstant });
export type Feedback = z.infer<typeof Feedback>;

export const FOLLOW_UP_STATUSES = ["open", "done"] as const;

/** A commitment made in a session: who does what by when. */
export const FollowUp = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  sessionId: Id.optional(),
  title: Label(200),
  ownerId: Id,
  dueOn: IsoDate,
  status: z.enum(FOLLOW_UP_STATUSES),
  createdBy: Id,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  doneAt: IsoInstant.optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const SWAP_STATUSES = ["pending", "accepted", "declined", "withdrawn"] as const;

/** A facilitator asks another member to take their session (and gives theirs, if they have one, in return). */
export const SwapRequest = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  sessionId: Id,
  fromUserId: Id,
  toUserId: Id,
  status: z.enum(SWAP_STATUSES),
  createdAt: IsoInstant,
  decidedAt: IsoInstant.optional(),
});
export type SwapRequest = z.infer<typeof SwapRequest>;

