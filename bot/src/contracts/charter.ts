import { z } from "zod";
import { Id, IsoInstant, Label, Role, ROLES, Slug } from "./common";
import { Charter, CulturalPriority } from "./community";
import { SessionKind } from "./rhythm";

/**
 * The community's charter (purpose, goals, norms, decision rights, its cultural
 * priorities and values, the cadence), its versions and who has read it; the newcomer
 * path; the people and their roles. Leads edit the charter and assign roles; everyone
 * (sponsors too) reads and acknowledges it.
 */

export const CHARTER_LIMITS = { purpose: 2000, item: 300, items: 20, cadence: 300, note: 200, priority: 60, value: 40 } as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

// ── Stored ───────────────────────────────────────────────────────────────────

/**
 * A past version of the charter, written (id `chv-<version>`) just before the charter
 * changes, with the priorities and values as they were then: the charter edits those too.
 */
export const CharterVersion = Charter.extend({
  communityId: Id,
  tenantId: Id,
  culturalPriorities: z.array(CulturalPriority).max(20),
  values: z.array(Label(40)).max(20),
});
export type CharterVersion = z.infer<typeof CharterVersion>;

/** The latest charter version one person said they have read (id `chack-<userId>`). */
export const CharterAcknowledgement = z.object({
  communityId: Id,
  tenantId: Id,
  userId: Id,
  version: z.number().int().min(1),
  acknowledgedAt: IsoInstant,
});
export type CharterAcknowledgement = z.infer<typeof CharterAcknowledgement>;

// ── Charter API ──────────────────────────────────────────────────────────────

/** What the charter says, as the API shows it (a community without a charter yet shows empty text). */
export const CharterContent = z.object({
  purpose: z.string(),
  goals: z.array(z.string()),
  norms: z.array(z.string()),
  decisionRights: z.array(z.string()),
  culturalPriorities: z.array(CulturalPriority),
  values: z.array(z.string()),
  cadence: z.string(),
});
export type CharterContent = z.infer<typeof CharterContent>;

export const CharterVersionSummary = z.object({
  version: z.number().int().min(1),
  updatedAt: IsoInstant,
  /** "A former member" when the editor has left. */
  updatedByName: z.string(),
  /** What the editor said about this version's change, if anything. */
  note: z.string().nullable(),
});
export type CharterVersionSummary = z.infer<typeof CharterVersionSummary>;

export const CharterView = z.object({
  communityId: Id,
  communityName: z.string(),
  charter: CharterContent.extend({
    /** 0 while the community has no charter yet; the first save makes version 1. */
    version: z.number().int().min(0),
    updatedAt: IsoInstant.nullable(),
    updatedByName: z.string().nullable(),
    note: z.string().nullable(),
  }),
  /** The version I said I have read; null when I never did. */
  myAcknowledgedVersion: z.number().int().nullable(),
  /**
   * How many people acknowledged the current version; null below five people (the
   * small-group rule), with `acknowledgedCountNote` saying why.
   */
  acknowledgedCount: z.number().int().nullable(),
  acknowledgedCountNote: z.string().nullable(),
  /** Every version, newest (the current one) first. */
  versions: z.array(CharterVersionSummary),
  can: z.object({ edit: z.boolean(), acknowledge: z.boolean() }),
});
export type CharterView = z.infer<typeof CharterView>;

/** One version in full: a past one, or the current one. */
export const CharterVersionView = CharterVersionSummary.extend({
  content: CharterContent,
  current: z.boolean(),
});
export type CharterVersionView = z.infer<typeof CharterVersionView>;

/**
 * A priority as a lead edits it: an existing one keeps its `id` (practices and library
 * items point to it) and may be renamed; one without an id is new and gets an id from its label.
 */
export const CharterPriorityInput = z.object({ id: Slug.optional(), label: Label(CHARTER_LIMITS.priority) });
export type CharterPriorityInput = z.input<typeof CharterPriorityInput>;

const list = (max: number) => z.array(Label(max)).max(CHARTER_LIMITS.items, `must have at most ${CHARTER_LIMITS.items} entries`);

/**
 * An edit names the version it started from; if someone saved since, the answer is 409
 * `edit_conflict`. Fields left out stay as they are.
 */
export const CharterUpdateRequest = z.object({
  baseVersion: z.number().int().min(0, "must be the version you opened (0 when there was no charter yet)"),
  purpose: Label(CHARTER_LIMITS.purpose).optional(),
  goals: list(CHARTER_LIMITS.item).optional(),
  norms: list(CHARTER_LIMITS.item).optional(),
  decisionRights: list(CHARTER_LIMITS.item).optional(),
  culturalPriorities: z.array(CharterPriorityInput).max(20, "must have at most 20 priorities").optional(),
  values: list(CHARTER_LIMITS.value).optional(),
  cadence: Label(CHARTER_LIMITS.cadence).optional(),
  /** What changed and why, kept with the new version. */
  note: text(CHARTER_LIMITS.note).optional(),
});
export type CharterUpdateRequest = z.input<typeof CharterUpdateRequest>;

/** Acknowledges the current version; naming the version read refuses it (409) when the charter changed meanwhile. */
export const CharterAcknowledgeRequest = z.object({ version: z.number().int().min(1).optional() });
export type CharterAcknowledgeRequest = z.input<typeof CharterAcknowledgeRequest>;

// ── Newcomer path ────────────────────────────────────────────────────────────

export const NewcomerSeries = z.object({
  title: z.string(),
  kind: SessionKind,
  /** e.g. "Every week on Tuesday at 09:00 (Europe/London), 30 minutes" */
  when: z.string(),
  durationMinutes: z.number().int(),
});
export type NewcomerSeries = z.infer<typeof NewcomerSeries>;

export const StarterArtifact = z.object({
  id: Id,
  title: z.string(),
  /** The artifact type, e.g. checklist. */
  type: z.string(),
  summary: z.string(),
});
export type StarterArtifact = z.infer<typeof StarterArtifact>;

export const Contact = z.object({
  userId: Id,
  displayName: z.string(),
  role: Role,
  department: z.string(),
  title: z.string().nullable(),
});
export type Contact = z.infer<typeof Contact>;

/** The first steps in a community: the charter in brief, how sessions work, what to read first, who to ask. */
export const NewcomerView = z.object({
  communityId: Id,
  communityName: z.string(),
  charter: z.object({
    purpose: z.string(),
    /** The first three norms. */
    norms: z.array(z.string()),
    version: z.number().int().min(0),
    myAcknowledgedVersion: z.number().int().nullable(),
  }),
  sessions: z.object({
    /** The charter's cadence in the community's own words ("" when it has none yet). */
    cadence: z.string(),
    series: z.array(NewcomerSeries),
    next: z.object({ id: Id, title: z.string(), startsAt: IsoInstant, timeZone: z.string() }).nullable(),
  }),
  /** Three items everyone in the community may read, the most opened first. */
  starters: z.array(StarterArtifact),
  /** The leads and facilitators. */
  contacts: z.array(Contact),
});
export type NewcomerView = z.infer<typeof NewcomerView>;

// ── People and roles ─────────────────────────────────────────────────────────

export const ROLE_LABELS: Record<Role, string> = { member: "Member", facilitator: "Facilitator", lead: "Lead", sponsor: "Sponsor" };

/** A person as the whole community may see them: no preferences, no circles, no manager. */
export const MemberView = z.object({
  userId: Id,
  displayName: z.string(),
  role: Role,
  department: z.string(),
  title: z.string().nullable(),
  joinedAt: IsoInstant,
});
export type MemberView = z.infer<typeof MemberView>;

export const MembersView = z.object({
  /** Leads, facilitators, members, then sponsors; by name within each. */
  members: z.array(MemberView),
  can: z.object({ assignRoles: z.boolean() }),
});
export type MembersView = z.infer<typeof MembersView>;

export const MemberRoleRequest = z.object({ role: z.enum(ROLES, { message: "must be member, facilitator, lead or sponsor" }) });
export type MemberRoleRequest = z.input<typeof MemberRoleRequest>;

export const MemberRoleResponse = z.object({ member: MemberView, previousRole: Role });
export type MemberRoleResponse = z.infer<typeof MemberRoleResponse>;
