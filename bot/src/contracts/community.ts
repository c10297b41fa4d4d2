import { z } from "zod";
import { Id, IsoInstant, Label, Role, Slug, TimeZone } from "./common";

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
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Community = z.infer<typeof Community>;

export const Member = z.object({
  communityId: Id,
  tenantId: Id,
  /** Entra object id (aadObjectId) of the user. */
  userId: Id,
  displayName: Label(120),
  role: Role,
  department: Label(80),
  title: z.string().trim().max(120).optional(),
  /** The member's own manager, to keep buddies outside one reporting line. */
  managerId: Id.optional(),
  timeZone: TimeZone,
  /** The confidential peer circles this member belongs to. */
  circleIds: z.array(Id).max(10).default([]),
  joinedAt: IsoInstant,
});
export type Member = z.infer<typeof Member>;
