import { z } from "zod";
import { Id, IsoInstant, Label, Role, TimeZone } from "./common";
import { MemberPreferences } from "./community";
import {
  AgendaFormat,
  AgendaItem,
  CheckInAnswers,
  FeedbackAnswers,
  FollowUp,
  IsoDate,
  LocalDateTime,
  ReminderOffsets,
  RsvpAnswer,
  Session,
  SessionSeries,
  SwapRequest,
  Theme,
} from "./rhythm";

/** Averages are shown only over at least this many people, by the API itself. */
export const SMALL_GROUP_MINIMUM = 5;

export const PersonRef = z.object({ userId: Id, displayName: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** A session as the tab shows it: the stored occurrence plus what the reader may know about it. */
export const SessionView = Session.omit({ tenantId: true, queuedCaseIds: true }).extend({
  facilitator: PersonRef.nullable(),
  /** Queued cases the reader can see (others are counted only). */
  queuedCases: z.array(z.object({ id: Id, title: z.string() })),
  hiddenQueuedCases: z.number().int(),
  rsvp: z.object({ going: z.number().int(), notGoing: z.number().int(), mine: RsvpAnswer.nullable() }),
  checkIns: z.object({
    count: z.number().int(),
    /** Null until at least five people answered it. */
    energyAverage: z.number().nullable(),
    mine: CheckInAnswers.nullable(),
    /** Check-ins can be given or changed until the session starts. */
    open: z.boolean(),
  }),
  feedback: z.object({ count: z.number().int(), usefulnessAverage: z.number().nullable(), mine: FeedbackAnswers.nullable() }),
  /** The reader facilitates this one, or is a facilitator or lead: may edit, skip, move. */
  canManage: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionListQuery = z.object({
  when: z.enum(["upcoming", "past"]).default("upcoming"),
  limit: z.coerce.number().int().min(1, "must be at least 1").max(50, "must be at most 50").default(10),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const SessionListResponse = z.object({
  items: z.array(SessionView),
  /** The reader's own time zone, for showing times. */
  timeZone: z.string(),
});
export type SessionListResponse = z.infer<typeof SessionListResponse>;

export const SessionResponse = z.object({ session: SessionView });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Facilitators and leads: what people brought, private answers left out (only counted). */
export const CheckInSummaryResponse = z.object({
  sessionId: Id,
  count: z.number().int(),
  privateCount: z.number().int(),
  energyAverage: z.number().nullable(),
  minimumForAverages: z.number().int(),
  entries: z.array(
    z.object({
      person: PersonRef,
      win: z.string(),
      challenge: z.string(),
      ask: z.string(),
      energy: z.number().int().optional(),
      practice: z.string(),
    }),
  ),
  /** Whether the reader may add a win to the library (facilitators and leads). */
  canPromoteWins: z.boolean().default(false),
});
export type CheckInSummaryResponse = z.infer<typeof CheckInSummaryResponse>;

export const CheckInRequest = CheckInAnswers;
export type CheckInRequest = z.input<typeof CheckInRequest>;
export const CheckInResponse = z.object({ checkIn: CheckInAnswers, count: z.number().int() });
export type CheckInResponse = z.infer<typeof CheckInResponse>;

export const RsvpRequest = z.object({ answer: RsvpAnswer });
export type RsvpRequest = z.infer<typeof RsvpRequest>;

export const FeedbackRequest = FeedbackAnswers;
export type FeedbackRequest = z.input<typeof FeedbackRequest>;

export const SkipRequest = z.object({ reason: z.string().trim().max(300, "must be at most 300 characters").optional() });
export type SkipRequest = z.infer<typeof SkipRequest>;

export const MoveRequest = z.object({ to: LocalDateTime, reason: z.string().trim().max(300, "must be at most 300 characters").optional() });
export type MoveRequest = z.infer<typeof MoveRequest>;

/** Facilitators: change one session's plan. Null clears a field. */
export const SessionUpdateRequest = z
  .object({
    agendaFormat: AgendaFormat.optional(),
    agenda: z.array(AgendaItem).min(1, "needs at least one part").max(12, "must have at most 12 parts").optional(),
    theme: Theme.nullable().optional(),
    /** The queued cases the editor can see, in order; cases only others can see stay queued. */
    queuedCaseIds: z.array(Id).max(10, "can queue at most 10 cases").optional(),
    joinUrl: z.url({ protocol: /^https$/, message: "must be an https link" }).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send at least one of agendaFormat, agenda, theme, queuedCaseIds, joinUrl." });
export type SessionUpdateRequest = z.infer<typeof SessionUpdateRequest>;

export const RotaResponse = z.object({
  upcoming: z.array(z.object({ sessionId: Id, title: z.string(), startsAt: IsoInstant, status: Session.shape.status, facilitator: PersonRef.nullable() })),
  members: z.array(
    PersonRef.extend({
      role: Role,
      willing: z.boolean(),
      awayUntil: IsoDate.optional(),
      facilitated: z.number().int(),
      lastFacilitatedAt: IsoInstant.nullable(),
      nextAt: IsoInstant.nullable(),
    }),
  ),
  swaps: z.array(SwapRequest.omit({ tenantId: true }).extend({ from: PersonRef, to: PersonRef, sessionTitle: z.string(), sessionStartsAt: IsoInstant })),
});
export type RotaResponse = z.infer<typeof RotaResponse>;

export const SwapCreateRequest = z.object({ toUserId: Id });
export type SwapCreateRequest = z.infer<typeof SwapCreateRequest>;
export const SwapDecisionRequest = z.object({ decision: z.enum(["accept", "decline", "withdraw"]) });
export type SwapDecisionRequest = z.infer<typeof SwapDecisionRequest>;
export const SwapResponse = z.object({ swap: SwapRequest.omit({ tenantId: true }) });
export type SwapResponse = z.infer<typeof SwapResponse>;

export const FollowUpView = FollowUp.omit({ tenantId: true }).extend({
  owner: PersonRef,
  sessionTitle: z.string().nullable(),
  overdue: z.boolean(),
  canEdit: z.boolean(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const FollowUpListQuery = z.object({
  status: z.enum(["open", "done", "all"]).default("open"),
  mine: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;
export const FollowUpListResponse = z.object({ items: z.array(FollowUpView) });
export type FollowUpListResponse = z.infer<typeof FollowUpListResponse>;

export const FollowUpCreateRequest = z.object({
  title: Label(200),
  ownerId: Id,
  dueOn: IsoDate,
  sessionId: Id.optional(),
});
export type FollowUpCreateRequest = z.infer<typeof FollowUpCreateRequest>;

export const FollowUpUpdateRequest = z
  .object({ title: Label(200).optional(), ownerId: Id.optional(), dueOn: IsoDate.optional(), status: FollowUp.shape.status.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send at least one of title, ownerId, dueOn, status." });
export type FollowUpUpdateRequest = z.infer<typeof FollowUpUpdateRequest>;
export const FollowUpResponse = z.object({ followUp: FollowUpView });
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;

export const PreferencesResponse = z.object({ preferences: MemberPreferences, timeZone: z.string() });
export type PreferencesResponse = z.infer<typeof PreferencesResponse>;
export const PreferencesUpdateRequest = z
  .object({
    personalReminders: z.boolean().optional(),
    quietHours: MemberPreferences.shape.quietHours.unwrap().optional(),
    willingToFacilitate: z.boolean().optional(),
    awayUntil: IsoDate.nullable().optional(),
    timeZone: TimeZone.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send at least one preference." });
export type PreferencesUpdateRequest = z.infer<typeof PreferencesUpdateRequest>;

/** Local mode: move the local clock forward and run every job due by then. */
export const DevAdvanceRequest = z.object({ to: IsoInstant });
export type DevAdvanceRequest = z.infer<typeof DevAdvanceRequest>;
export const DevAdvanceResponse = z.object({
  from: IsoInstant,
  to: IsoInstant,
  ran: z.number().int(),
  delivered: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type DevAdvanceResponse = z.infer<typeof DevAdvanceResponse>;

export const SeriesView = SessionSeries.omit({ tenantId: true });
export type SeriesView = z.infer<typeof SeriesView>;
export const SeriesListResponse = z.object({ items: z.array(SeriesView) });
export type SeriesListResponse = z.infer<typeof SeriesListResponse>;

/** Facilitators and leads: the rhythm's settings. Upcoming sessions follow; past ones keep what they had. */
export const SeriesUpdateRequest = z
  .object({
    title: Label(120).optional(),
    agendaFormat: AgendaFormat.optional(),
    reminderOffsetsMinutes: ReminderOffsets.optional(),
    handoverDaysBefore: z.number().int().min(0, "must be 0 to 14").max(14, "must be 0 to 14").optional(),
    joinUrl: z.url({ protocol: /^https$/, message: "must be an https link" }).nullable().optional(),
    /** Month ("2026-12") → its theme; null removes that month's theme. */
    themes: z.record(z.string().regex(/^\d{4}-\d{2}$/, "months are written like 2026-12"), Theme.nullable()).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send at least one setting." });
export type SeriesUpdateRequest = z.infer<typeof SeriesUpdateRequest>;
export const SeriesResponse = z.object({ series: SeriesView });
export type SeriesResponse = z.infer<typeof SeriesResponse>;
