import { z } from "zod";
import { Id, PageQuery, Role, pageOf } from "./common";
import { ArtifactType, ArtifactView } from "./artifact";
import { CulturalPriority, Charter } from "./community";

export const HealthResponse = z.object({ status: z.enum(["ok", "unavailable"]) });

export const MeResponse = z.object({
  user: z.object({ id: Id, tenantId: Id, displayName: z.string() }),
  communities: z.array(z.object({ id: Id, name: z.string(), role: Role })),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** Local mode only: the demo people you can act as. */
export const DevUsersResponse = z.object({
  users: z.array(z.object({ userId: Id, displayName: z.string(), department: z.string(), role: Role, communityName: z.string() })),
});
export type DevUsersResponse = z.infer<typeof DevUsersResponse>;

export const CommunityResponse = z.object({
  id: Id,
  name: z.string(),
  purpose: z.string(),
  culturalPriorities: z.array(CulturalPriority),
  values: z.array(z.string()),
  timeZone: z.string(),
  charter: Charter.omit({ updatedBy: true }).nullable(),
  myRole: Role,
  memberCount: z.number().int(),
});
export type CommunityResponse = z.infer<typeof CommunityResponse>;

export const ArtifactSummary = ArtifactView.omit({ body: true, communityId: true, circleId: true, createdAt: true });
export type ArtifactSummary = z.infer<typeof ArtifactSummary>;

export const ArtifactListQuery = PageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  type: ArtifactType.optional(),
});
export type ArtifactListQuery = z.infer<typeof ArtifactListQuery>;

export const ArtifactListResponse = pageOf(ArtifactSummary);
export type ArtifactListResponse = z.infer<typeof ArtifactListResponse>;

export const ArtifactResponse = ArtifactView;
export type ArtifactResponse = z.infer<typeof ArtifactResponse>;
