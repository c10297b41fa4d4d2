import { z } from "zod";
import { Id, PageQuery, Role, Slug, pageOf } from "./common";
import { ArtifactContent, ArtifactType, ArtifactView, CaseFields, TeamsMessageLink, Visibility } from "./artifact";
import { CulturalPriority, Charter } from "./community";

export const HealthResponse = z.object({ status: z.enum(["ok", "unavailable"]) });
export type HealthResponse = z.infer<typeof HealthResponse>;

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
  /** The confidential peer circles the caller belongs to, for "who can see it" choices. */
  myCircleIds: z.array(Id),
  memberCount: z.number().int(),
});
export type CommunityResponse = z.infer<typeof CommunityResponse>;

/** A row in the library list: everything but the long text. */
export const ArtifactSummary = ArtifactView.omit({ body: true, fields: true });
export type ArtifactSummary = z.infer<typeof ArtifactSummary>;

export const ARTIFACT_SORTS = ["newest", "updated", "opened"] as const;

export const ArtifactListQuery = PageQuery.extend({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  type: ArtifactType.optional(),
  priority: Slug.optional(),
  author: Id.optional(),
  /** Updated on or after this date. */
  from: z.iso.date({ message: "must be a date such as 2026-01-31" }).optional(),
  /** Updated on or before this date. */
  to: z.iso.date({ message: "must be a date such as 2026-12-31" }).optional(),
  sort: z.enum(ARTIFACT_SORTS).default("updated"),
  /** Leads only: the items deleted in the last 30 days, which they can restore. */
  deleted: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Only items past their review-by date. */
  dueForReview: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export type ArtifactListQuery = z.infer<typeof ArtifactListQuery>;

export const ArtifactListResponse = pageOf(ArtifactSummary);
export type ArtifactListResponse = z.infer<typeof ArtifactListResponse>;

export const ArtifactResponse = ArtifactView;
export type ArtifactResponse = z.infer<typeof ArtifactResponse>;

export const ArtifactCreateRequest = ArtifactContent;
export type ArtifactCreateRequest = z.input<typeof ArtifactCreateRequest>;

/** An edit names the version it started from; if someone saved since, the answer is 409. */
export const ArtifactUpdateRequest = ArtifactContent.extend({
  baseVersion: z.number().int().min(1, "must be the version you opened"),
  note: z.string().trim().max(200, "must be at most 200 characters").optional(),
});
export type ArtifactUpdateRequest = z.input<typeof ArtifactUpdateRequest>;

export const ArtifactRestoreRequest = z.object({ baseVersion: z.number().int().min(1, "must be the version you opened") });

export const ArtifactVersionSummary = z.object({
  version: z.number().int(),
  editedAt: z.string(),
  /** Null when the editor was the anonymous author. */
  editedBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  changed: z.array(z.string()),
  note: z.string().optional(),
  title: z.string(),
});
export const ArtifactHistoryResponse = z.object({ items: z.array(ArtifactVersionSummary) });
export type ArtifactHistoryResponse = z.infer<typeof ArtifactHistoryResponse>;

export const ArtifactVersionResponse = ArtifactVersionSummary.extend({ content: ArtifactContent });
export type ArtifactVersionResponse = z.infer<typeof ArtifactVersionResponse>;

/** The starter for each type: prefilled fields and body a new author edits. */
export const ArtifactTemplate = z.object({ type: ArtifactType, label: z.string(), description: z.string(), content: ArtifactContent });
export const ArtifactTemplatesResponse = z.object({ items: z.array(ArtifactTemplate) });
export type ArtifactTemplatesResponse = z.infer<typeof ArtifactTemplatesResponse>;

/** "Share as case" from a Teams message: the dialog's fields, validated like any API input. */
export const ShareCaseRequest = z.object({
  communityId: Id,
  title: ArtifactContent.shape.title,
  situation: CaseFields.shape.situation,
  question: CaseFields.shape.question,
  priority: Slug.optional(),
  visibility: Visibility.default("community"),
  circleId: Id.optional(),
  anonymous: z.boolean().default(false),
  messageLink: TeamsMessageLink.optional(),
});
export type ShareCaseRequest = z.input<typeof ShareCaseRequest>;
