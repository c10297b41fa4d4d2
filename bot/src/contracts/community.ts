import { z } from "zod";
import { BuddySettings } from "./buddies";
import { Id, IsoInstant, Label, Role, Slug, TimeZone } from "./common";
import { EvidenceRules, PromptSettings } from "./practiceSettings";

export const CulturalPriority = z.object({
  id: Slug,
  label: Label(60),
});
export type CulturalPriority = z.infer<typeof CulturalPriority>;

export const Charter = z.object({
  purpose: z.string().trim().min(1).max(2000),
  goals: z.array(Label(300)).max(20),
  norms: z.array(Label(300)).max(20),
  decisionRights: z.array(Label(300)).max(20),
  cadence: Label(300),
  version: z.number().int().min(1),
  updatedAt: IsoInstant,
  updatedBy: Id,
  /** What the editor said about this version's change. */
  note: z.string().trim().max(200).optional(),
});
export type Charter = z.infer<typeof Charter>;

export const Community = z.object({
  id: Id,
  tenantId: Id,
  name: Label(80),
  purpose: z.string().trim().max(1000),
  culturalPriorities: z.array(CulturalPriority).max(20),
  values: z.array(Label(40)).max(20),
  timeZone: TimeZone,
  /** The Teams team this community lives in, when it was created from an install. */
  teamId: z.string().max(300).optional(),
  charter: Charter.optional(),
  /** Buddy rounds: how long a pair stays out of the draw, how long a sprint lasts (defaults when absent). */
  buddies: BuddySettings.optional(),
  /** When the weekly prompt goes out (defaults when absent). */
  prompts: PromptSettings.optional(),
  /** The numbers in the practices' evidence rules (defaults when absent). */
  evidenceRules: EvidenceRules.optional(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Community = z.infer<typeof Community>;

/** How a member wants the rhythm to reach them. */
export const MemberPreferences = z.object({
  /** Reminders in their personal chat as well as the channel. */
  personalReminders: z.boolean().default(false),
  /** No personal messages between these local times (start may be after end: overnight). */
  quietHours: z
    .object({
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 20:00"),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 08:00"),
    })
    .default({ start: "20:00", end: "08:00" }),
  /** Whether they are in the facilitator rotation. */
  willingToFacilitate: z.boolean().default(true),
  /** Away (leave, travel) up to and including this date: no facilitation, no personal reminders. */
  awayUntil: z.iso.date({ message: "must be a date such as 2026-12-24" }).optional(),
  /** Out of buddy rounds until they opt back in. */
  buddyOptOut: z.boolean().default(false),
  /** Out of buddy rounds up to and including this date, then back in by itself. */
  buddySnoozeUntil: z.iso.date({ message: "must be a date such as 2026-12-24" }).optional(),
  /** People this member asked not to be paired with. Private: only they ever see it. */
  avoidPairingWith: z.array(Id).max(20, "can list at most 20 people").default([]),
});
export type MemberPreferences = z.infer<typeof MemberPreferences>;
export const DEFAULT_PREFERENCES: MemberPreferences = MemberPreferences.parse({});

export const Member = z.object({
  communityId: Id,
  tenantId: Id,
  /** Entra object id (aadObjectId) of the user. */
  userId: Id,
  displayName: Label(120),
  role: Role,
  department: Label(80),
  title: z.string().trim().max(120).optional(),
  /** Sign-in name (UserPrincipalName), when Teams told us: Teams chat links need it. */
  upn: z.email({ message: "must be a sign-in name such as amara@contoso.com" }).max(200).optional(),
  /** The member's own manager, to keep buddies outside one reporting line. */
  managerId: Id.optional(),
  timeZone: TimeZone,
  /** The confidential peer circles this member belongs to. */
  circleIds: z.array(Id).max(10).default([]),
  preferences: MemberPreferences.default(DEFAULT_PREFERENCES),
  joinedAt: IsoInstant,
});
export type Member = z.infer<typeof Member>;
