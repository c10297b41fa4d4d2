import { z } from "zod";
import { ArtifactView } from "./artifact";
import { CulturalPriority } from "./community";
import { Id, IsoInstant, Label, pageOf, Slug } from "./common";
import { EvidenceRules, HH_MM, PromptSettings } from "./practiceSettings";
import { IsoDate } from "./rhythm";

/**
 * Practices and how they move from an idea to a habit; pilots that produce the evidence;
 * the prompt bank, its postings and the responses that make up the reflections feed.
 */

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "must not be empty");

// ── Practices ────────────────────────────────────────────────────────────────

export const PRACTICE_STAGES = ["concept", "piloting", "adopted", "habit"] as const;
export const PracticeStage = z.enum(PRACTICE_STAGES, { message: "must be concept, piloting, adopted or habit" });
export type PracticeStage = z.infer<typeof PracticeStage>;

export const PRACTICE_STAGE_LABELS: Record<PracticeStage, string> = {
  concept: "Concept",
  piloting: "Piloting",
  adopted: "Adopted",
  habit: "Habit",
};

/** What the evidence looked like when counted (kept with every move). */
export const PracticeEvidence = z.object({
  /** Distinct managers who committed to a pilot (not withdrawn). */
  pilotingManagers: z.number().int().min(0),
  /** Distinct managers who reported that their pilot worked. */
  workedManagers: z.number().int().min(0),
  /** Distinct managers still using it after at least habitMinWeeks. */
  sustainedManagers: z.number().int().min(0),
  /** The pilots counted. */
  pilotIds: z.array(Id).max(500),
});
export type PracticeEvidence = z.infer<typeof PracticeEvidence>;

/**
 * A stage change: who, when, why and the evidence at that moment. Kept inside the
 * practice's own document, so a move and its record are one conditional write.
 */
export const PracticeMove = z.object({
  id: Id,
  from: PracticeStage,
  to: PracticeStage,
  byUserId: Id,
  at: IsoInstant,
  reason: required(500),
  evidence: PracticeEvidence,
});
export type PracticeMove = z.infer<typeof PracticeMove>;

export const Practice = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  name: Label(120),
  description: z.string().trim().max(2000),
  priority: Slug,
  stage: PracticeStage,
  createdBy: Id.optional(),
  /** When it last changed stage (absent: never moved since it was added). */
  stageChangedAt: IsoInstant.optional(),
  /** Every stage change, oldest first. */
  moves: z.array(PracticeMove).max(500).default([]),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Practice = z.infer<typeof Practice>;

export const PILOT_OUTCOMES = ["worked", "mixed", "did-not-work"] as const;
export const PilotOutcome = z.enum(PILOT_OUTCOMES, { message: "must be worked, mixed or did-not-work" });
export type PilotOutcome = z.infer<typeof PilotOutcome>;
export const PILOT_OUTCOME_LABELS: Record<PilotOutcome, string> = { worked: "It worked", mixed: "Mixed", "did-not-work": "It didn't work" };

export const PILOT_LIMITS = { commitment: 300, whatChanged: 1000, signal: 500 } as const;

export const PilotReport = z.object({
  outcome: PilotOutcome,
  whatChanged: text(PILOT_LIMITS.whatChanged).default(""),
  signal: text(PILOT_LIMITS.signal).default(""),
  stillUsing: z.boolean().default(false),
  reportedAt: IsoInstant,
  /** Whole weeks from the pilot's start to the report. */
  weeksUsed: z.number().int().min(0),
});
export type PilotReport = z.infer<typeof PilotReport>;

/** A manager's commitment to try a practice, and how it went. */
export const Pilot = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  practiceId: Id,
  userId: Id,
  commitment: text(PILOT_LIMITS.commitment).default(""),
  startOn: IsoDate,
  checkBackOn: IsoDate,
  status: z.enum(["active", "reported", "withdrawn"]),
  report: PilotReport.optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Pilot = z.infer<typeof Pilot>;

// ── Practices API ────────────────────────────────────────────────────────────

export const CreatePracticeRequest = z.object({
  name: Label(120),
  description: text(2000).default(""),
  priority: Slug,
});
export type CreatePracticeRequest = z.input<typeof CreatePracticeRequest>;

export const UpdatePracticeRequest = z
  .object({ name: Label(120), description: text(2000), priority: Slug })
  .partial()
  .refine((r) => Object.keys(r).length > 0, "must change at least one of name, description, priority");
export type UpdatePracticeRequest = z.input<typeof UpdatePracticeRequest>;

export const MovePracticeRequest = z.object({
  to: PracticeStage,
  reason: required(500),
});
export type MovePracticeRequest = z.input<typeof MovePracticeRequest>;

export const StartPilotRequest = z.object({
  startOn: IsoDate,
  checkBackOn: IsoDate,
  commitment: text(PILOT_LIMITS.commitment).default(""),
});
export type StartPilotRequest = z.input<typeof StartPilotRequest>;

export const PilotReportRequest = z.object({
  outcome: PilotOutcome,
  whatChanged: text(PILOT_LIMITS.whatChanged).default(""),
  signal: text(PILOT_LIMITS.signal).default(""),
  stillUsing: z.boolean().default(false),
});
export type PilotReportRequest = z.input<typeof PilotReportRequest>;

export const EvidenceRulesUpdateRequest = z
  .object({ adoptedMinReports: EvidenceRules.shape.adoptedMinReports.unwrap(), habitMinManagers: EvidenceRules.shape.habitMinManagers.unwrap(), habitMinWeeks: EvidenceRules.shape.habitMinWeeks.unwrap() })
  .partial();
export type EvidenceRulesUpdateRequest = z.input<typeof EvidenceRulesUpdateRequest>;

const PersonRef = z.object({ userId: Id, displayName: z.string() });

export const PilotView = z.object({
  id: Id,
  practiceId: Id,
  person: PersonRef,
  commitment: z.string(),
  startOn: IsoDate,
  checkBackOn: IsoDate,
  status: Pilot.shape.status,
  report: PilotReport.optional(),
  mine: z.boolean(),
});
export type PilotView = z.infer<typeof PilotView>;

/** The latest thing that speaks for a practice: a pilot report or a stage move. */
export const LatestEvidence = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("report"), at: IsoInstant, byName: z.string(), outcome: PilotOutcome, whatChanged: z.string(), signal: z.string(), stillUsing: z.boolean(), weeksUsed: z.number().int() }),
  z.object({ kind: z.literal("move"), at: IsoInstant, byName: z.string(), from: PracticeStage, to: PracticeStage, reason: z.string() }),
]);
export type LatestEvidence = z.infer<typeof LatestEvidence>;

/** Where a practice stands against the rule for its next stage. */
export const NextStageView = z.object({
  stage: PracticeStage,
  rule: z.string(),
  met: z.boolean(),
  /** e.g. "2 of 3 managers" */
  progress: z.string(),
});

export const PracticeView = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  priority: Slug,
  stage: PracticeStage,
  /** Pilots under way now. */
  activePilots: z.number().int(),
  /** Managers who have piloted it at any time (not withdrawn). */
  pilotingManagers: z.number().int(),
  latestEvidence: LatestEvidence.nullable(),
  evidence: PracticeEvidence.omit({ pilotIds: true }),
  /** The next stage and whether its rule is met; null at habit. */
  next: NextStageView.nullable(),
  myPilot: PilotView.nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  stageChangedAt: IsoInstant.nullable(),
  can: z.object({ move: z.boolean(), edit: z.boolean(), pilot: z.boolean() }),
});
export type PracticeView = z.infer<typeof PracticeView>;

export const StageView = z.object({ stage: PracticeStage, label: z.string(), rule: z.string() });
export type StageView = z.infer<typeof StageView>;

export const ProgressMapView = z.object({
  priorities: z.array(CulturalPriority),
  stages: z.array(StageView),
  practices: z.array(PracticeView),
  rules: EvidenceRules,
  can: z.object({ manage: z.boolean(), pilot: z.boolean(), editRules: z.boolean() }),
});
export type ProgressMapView = z.infer<typeof ProgressMapView>;

export const TimelineEvent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("created"), at: IsoInstant, byName: z.string().nullable() }),
  z.object({ kind: z.literal("move"), at: IsoInstant, byName: z.string(), from: PracticeStage, to: PracticeStage, reason: z.string(), evidence: PracticeEvidence.omit({ pilotIds: true }) }),
  z.object({ kind: z.literal("pilot"), at: IsoInstant, byName: z.string(), startOn: IsoDate, checkBackOn: IsoDate, commitment: z.string() }),
  z.object({ kind: z.literal("report"), at: IsoInstant, byName: z.string(), outcome: PilotOutcome, whatChanged: z.string(), signal: z.string(), stillUsing: z.boolean(), weeksUsed: z.number().int() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const PracticeTimelineView = z.object({
  practice: PracticeView,
  /** Oldest first. */
  events: z.array(TimelineEvent),
  pilots: z.array(PilotView),
});
export type PracticeTimelineView = z.infer<typeof PracticeTimelineView>;

export const PracticeResponse = z.object({ practice: PracticeView });
export type PracticeResponse = z.infer<typeof PracticeResponse>;
export const PilotResponse = z.object({ pilot: PilotView, practice: z.object({ id: Id, name: z.string(), stage: PracticeStage }) });
export type PilotResponse = z.infer<typeof PilotResponse>;

// ── Prompts and reflections ──────────────────────────────────────────────────

export const PROMPT_KINDS = ["discussion", "reflective", "weekly-question"] as const;
export const PromptKind = z.enum(PROMPT_KINDS, { message: "must be discussion, reflective or weekly-question" });
export type PromptKind = z.infer<typeof PromptKind>;
export const PROMPT_KIND_LABELS: Record<PromptKind, string> = {
  discussion: "Discussion",
  reflective: "Reflective practice",
  "weekly-question": "Weekly question",
};

export const PROMPT_LIMITS = { text: 500, answer: 2000, happened: 2000, intended: 1000, learned: 2000 } as const;

export const Prompt = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  kind: PromptKind,
  text: Label(PROMPT_LIMITS.text),
  /** One of the community's values, as written there. */
  value: Label(40),
  /** Retired prompts stay (their postings and responses point to them) but are not posted. */
  active: z.boolean(),
  timesPosted: z.number().int().min(0).default(0),
  lastPostedAt: IsoInstant.optional(),
  createdBy: Id,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Prompt = z.infer<typeof Prompt>;

/** A prompt as it went out: the text is kept, so later edits don't change what people answered. */
export const PromptPosting = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  promptId: Id,
  kind: PromptKind,
  text: z.string(),
  value: z.string(),
  postedAt: IsoInstant,
  /** Who posted it on demand; null when the cadence did. */
  postedBy: Id.nullable(),
});
export type PromptPosting = z.infer<typeof PromptPosting>;

/** One person's answer to one posting (one per person; answering again replaces it). */
export const PromptAnswer = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  postingId: Id,
  promptId: Id,
  userId: Id,
  anonymous: z.boolean(),
  answer: text(PROMPT_LIMITS.answer).default(""),
  happened: text(PROMPT_LIMITS.happened).default(""),
  intended: text(PROMPT_LIMITS.intended).default(""),
  learned: text(PROMPT_LIMITS.learned).default(""),
  promotedArtifactId: Id.optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type PromptAnswer = z.infer<typeof PromptAnswer>;

export const CreatePromptRequest = z.object({ kind: PromptKind, text: Label(PROMPT_LIMITS.text), value: Label(40) });
export type CreatePromptRequest = z.input<typeof CreatePromptRequest>;

export const UpdatePromptRequest = z
  .object({ kind: PromptKind, text: Label(PROMPT_LIMITS.text), value: Label(40), active: z.boolean() })
  .partial()
  .refine((r) => Object.keys(r).length > 0, "must change at least one of kind, text, value, active");
export type UpdatePromptRequest = z.input<typeof UpdatePromptRequest>;

export const PromptSettingsUpdateRequest = z.object({ enabled: z.boolean(), weekday: PromptSettings.shape.weekday.unwrap(), time: HH_MM }).partial();
export type PromptSettingsUpdateRequest = z.input<typeof PromptSettingsUpdateRequest>;

/** An answer (RespondRequest), from a card or the tab: `answer` for discussion and weekly questions, the three parts for a reflective prompt. */
export const RespondRequest = z.object({
  answer: text(PROMPT_LIMITS.answer).default(""),
  happened: text(PROMPT_LIMITS.happened).default(""),
  intended: text(PROMPT_LIMITS.intended).default(""),
  learned: text(PROMPT_LIMITS.learned).default(""),
  anonymous: z.boolean().default(false),
});
export type RespondRequest = z.input<typeof RespondRequest>;

export const PromptView = z.object({
  id: Id,
  kind: PromptKind,
  text: z.string(),
  value: z.string(),
  active: z.boolean(),
  timesPosted: z.number().int(),
  lastPostedAt: IsoInstant.nullable(),
});
export type PromptView = z.infer<typeof PromptView>;

export const PromptBankView = z.object({
  prompts: z.array(PromptView),
  settings: PromptSettings,
  /** The community's values a prompt can be tied to. */
  values: z.array(z.string()),
  /** When the next prompt goes out on the cadence (null when off). */
  nextPostAt: IsoInstant.nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type PromptBankView = z.infer<typeof PromptBankView>;

export const ReflectionView = z.object({
  id: Id,
  postingId: Id,
  prompt: z.object({ kind: PromptKind, text: z.string(), value: z.string() }),
  postedAt: IsoInstant,
  /** Null when the response is anonymous: the author is never shown. */
  author: PersonRef.nullable(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  answer: z.string(),
  happened: z.string(),
  intended: z.string(),
  learned: z.string(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  promotedArtifactId: Id.nullable(),
  can: z.object({ promote: z.boolean() }),
});
export type ReflectionView = z.infer<typeof ReflectionView>;

/** What to turn into a library item: a prompt response, or a check-in's win. */
export const PromoteRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("response"), responseId: Id }),
  z.object({ kind: z.literal("check-in-win"), sessionId: Id, userId: Id }),
]);
export type PromoteRequest = z.input<typeof PromoteRequest>;

export const PromoteResponse = z.object({ artifact: ArtifactView });
export type PromoteResponse = z.infer<typeof PromoteResponse>;

/** What a member sees of postings they can still answer in the tab. */
export const PostingView = z.object({
  id: Id,
  kind: PromptKind,
  text: z.string(),
  value: z.string(),
  postedAt: IsoInstant,
  responseCount: z.number().int(),
  myResponse: ReflectionView.nullable(),
});
export type PostingView = z.infer<typeof PostingView>;

/** The reflections feed: the latest postings (first page only) and a page of responses, newest first. */
export const ReflectionsFeedView = pageOf(ReflectionView).extend({ postings: z.array(PostingView) });
export type ReflectionsFeedView = z.infer<typeof ReflectionsFeedView>;

export const AnswerResponse = z.object({ reflection: ReflectionView });
export type AnswerResponse = z.infer<typeof AnswerResponse>;

export const PromptItemResponse = z.object({ prompt: PromptView });
export type PromptItemResponse = z.infer<typeof PromptItemResponse>;
export const PostingResponse = z.object({ posting: PostingView });
export type PostingResponse = z.infer<typeof PostingResponse>;
export const PromptSettingsResponse = z.object({ settings: PromptSettings, nextPostAt: IsoInstant.nullable() });
export type PromptSettingsResponse = z.infer<typeof PromptSettingsResponse>;
export const EvidenceRulesResponse = z.object({ rules: EvidenceRules });
export type EvidenceRulesResponse = z.infer<typeof EvidenceRulesResponse>;
