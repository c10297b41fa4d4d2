import { z } from "zod";
import { Id, IsoInstant, Label } from "./common";
import { IsoDate } from "./rhythm";

/** The hard rules of matching, in the order they are given up when they cannot all hold. */
export const BUDDY_RULES = ["cross-department", "no-repeat", "outside-reporting-line"] as const;
export const BuddyRule = z.enum(BUDDY_RULES);
export type BuddyRule = z.infer<typeof BuddyRule>;

/** The steps of a buddy sprint, in order. */
export const SPRINT_STEPS = ["observe", "give feedback", "try one adjustment"] as const;

/** A community's buddy settings. */
export const BuddySettings = z.object({
  /** No pair repeats within this many past rounds. */
  noRepeatRounds: z.number().int().min(0, "must be 0 to 12").max(12, "must be 0 to 12").default(3),
  sprintDays: z.number().int().min(7, "must be 7 to 42").max(42, "must be 7 to 42").default(14),
});
export type BuddySettings = z.infer<typeof BuddySettings>;

/** One pair (or trio) and why it was made. */
export const BuddyGroup = z.object({
  id: Id,
  memberIds: z.array(Id).min(2).max(3),
  /** In words, e.g. "different departments", "never paired before". */
  reasons: z.array(z.string().max(200)).max(10),
  /** Hard rules this group breaks because nothing better was possible. */
  relaxed: z.array(BuddyRule).default([]),
});
export type BuddyGroup = z.infer<typeof BuddyGroup>;

export const ROUND_STATUSES = ["draft", "published"] as const;

/** A round of buddy pairs: proposed by the matcher, reviewed (and swapped) by a facilitator, then published. */
export const BuddyRound = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  status: z.enum(ROUND_STATUSES),
  seed: z.number().int(),
  groups: z.array(BuddyGroup),
  /** Opted-in members nobody could be matched with, and why. */
  unmatched: z.array(z.object({ userId: Id, reason: z.string().max(300) })).default([]),
  /** The rules given up, in the order they were given up. */
  relaxed: z.array(BuddyRule).default([]),
  sprint: z.object({ startsOn: IsoDate, midOn: IsoDate, endsOn: IsoDate }),
  createdBy: Id,
  createdAt: IsoInstant,
  publishedAt: IsoInstant.optional(),
  updatedAt: IsoInstant,
});
export type BuddyRound = z.infer<typeof BuddyRound>;

/** A mid-sprint or closing check-in from one buddy; a closing one can be evidence for a practice. */
export const BuddyReflection = z.object({
  communityId: Id,
  tenantId: Id,
  roundId: Id,
  groupId: Id,
  userId: Id,
  kind: z.enum(["mid", "closing"]),
  /** Which steps they did so far. */
  stepsDone: z.array(z.enum(SPRINT_STEPS)).max(3).default([]),
  text: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  practiceId: Id.optional(),
  submittedAt: IsoInstant,
});
export type BuddyReflection = z.infer<typeof BuddyReflection>;

/** A confidential peer learning circle of about five managers. */
export const PeerCircle = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  name: Label(80),
  /** The circle's own accountability pairs, from its members. */
  buddyPairs: z.array(z.array(Id).min(2).max(3)).default([]),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type PeerCircle = z.infer<typeof PeerCircle>;

// ---- The API the tab uses -------------------------------------------------------------

const Person = z.object({ userId: Id, displayName: z.string(), department: z.string() });

export const BuddyGroupView = BuddyGroup.omit({ memberIds: true }).extend({ members: z.array(Person) });
export type BuddyGroupView = z.infer<typeof BuddyGroupView>;

/** A round as a facilitator reviews it (members only ever see their own group). */
export const BuddyRoundView = BuddyRound.omit({ tenantId: true, groups: true, unmatched: true }).extend({
  groups: z.array(BuddyGroupView),
  unmatched: z.array(Person.extend({ reason: z.string() })),
  /** Share of groups that mix departments, and the best share the departments allow. */
  crossDepartmentShare: z.number(),
  bestCrossDepartmentShare: z.number(),
});
export type BuddyRoundView = z.infer<typeof BuddyRoundView>;

export const MyBuddyPreferences = z.object({
  optedOut: z.boolean(),
  snoozeUntil: IsoDate.nullable(),
  /** Private to the member. */
  avoidPairingWith: z.array(Person),
});
export type MyBuddyPreferences = z.infer<typeof MyBuddyPreferences>;

export const BuddiesOverview = z.object({
  /** My group in the latest published round whose sprint has not ended, with what I reported. */
  current: z
    .object({
      roundId: Id,
      group: BuddyGroupView,
      sprint: BuddyRound.shape.sprint,
      steps: z.array(z.string()),
      reflections: z.array(BuddyReflection.pick({ kind: true, stepsDone: true, text: true, practiceId: true, submittedAt: true })),
      /** A link that opens a Teams chat with my buddies. */
      chatLink: z.string().nullable(),
    })
    .nullable(),
  preferences: MyBuddyPreferences,
  settings: BuddySettings,
  /** Past and current rounds: all groups for facilitators and leads, my own for others. */
  history: z.array(z.object({ id: Id, publishedAt: IsoInstant.nullable(), sprint: BuddyRound.shape.sprint, groups: z.array(BuddyGroupView), crossDepartmentShare: z.number() })),
  /** The round being reviewed (facilitators and leads only). */
  draft: BuddyRoundView.nullable(),
  canManage: z.boolean(),
  /** My confidential peer circles, with their members and accountability pairs. */
  circles: z.array(z.object({ id: Id, name: z.string(), members: z.array(Person), buddyPairs: z.array(z.array(Person)) })),
});
export type BuddiesOverview = z.infer<typeof BuddiesOverview>;

export const ProposeRoundRequest = z.object({ seed: z.number().int().min(0).max(2 ** 31 - 1).optional(), startsOn: IsoDate.optional() });
export type ProposeRoundRequest = z.infer<typeof ProposeRoundRequest>;
export const SwapInRoundRequest = z
  .object({ a: Id, b: Id })
  .refine((v) => v.a !== v.b, { message: "Choose two different people to swap.", path: ["b"] });
export type SwapInRoundRequest = z.infer<typeof SwapInRoundRequest>;
export const RoundResponse = z.object({ round: BuddyRoundView });
export type RoundResponse = z.infer<typeof RoundResponse>;

export const BuddyPreferencesUpdateRequest = z
  .object({
    optedOut: z.boolean().optional(),
    snoozeUntil: IsoDate.nullable().optional(),
    avoidPairingWith: z.array(Id).max(20, "can list at most 20 people").optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send optedOut, snoozeUntil or avoidPairingWith." });
export type BuddyPreferencesUpdateRequest = z.infer<typeof BuddyPreferencesUpdateRequest>;

export const BuddySettingsUpdateRequest = BuddySettings.partial().refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send noRepeatRounds or sprintDays." });

export const ReflectionRequest = z.object({
  kind: z.enum(["mid", "closing"]),
  stepsDone: z.array(z.enum(SPRINT_STEPS)).max(3).default([]),
  text: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  practiceId: Id.optional(),
});
export type ReflectionRequest = z.input<typeof ReflectionRequest>;
export type BuddySettingsUpdateRequest = z.input<typeof BuddySettingsUpdateRequest>;

export const BuddyPreferencesResponse = z.object({ preferences: MyBuddyPreferences });
export type BuddyPreferencesResponse = z.infer<typeof BuddyPreferencesResponse>;
export const BuddySettingsResponse = z.object({ settings: BuddySettings });
export type BuddySettingsResponse = z.infer<typeof BuddySettingsResponse>;
export const ReflectionResponse = z.object({ reflection: BuddyReflection.pick({ kind: true, stepsDone: true, text: true, practiceId: true, submittedAt: true }) });
export type ReflectionResponse = z.infer<typeof ReflectionResponse>;
