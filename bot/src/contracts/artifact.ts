import { z } from "zod";
import { Id, IsoInstant, Label, Slug } from "./common";

export const ARTIFACT_TYPES = [
  "case-summary",
  "checklist",
  "one-page-summary",
  "decision-log",
  "playbook",
  "template",
  "reflection",
] as const;
export const ArtifactType = z.enum(ARTIFACT_TYPES);
export type ArtifactType = z.infer<typeof ArtifactType>;

export const ARTIFACT_TYPE_LABELS: Record<ArtifactType, string> = {
  "case-summary": "Case summary",
  checklist: "Checklist",
  "one-page-summary": "One-page summary",
  "decision-log": "Decision log",
  playbook: "Routine or playbook",
  template: "Template",
  reflection: "Reflection",
};

export const VISIBILITIES = ["community", "circle", "private"] as const;
export const Visibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;

export const Artifact = z.object({
  id: Id,
  communityId: Id,
  tenantId: Id,
  type: ArtifactType,
  title: Label(160),
  summary: z.string().trim().max(500),
  /** Markdown; rendered sanitised. */
  body: z.string().max(50_000),
  priorities: z.array(Slug).max(10),
  topics: z.array(z.string().trim().min(1).max(40)).max(20),
  visibility: Visibility,
  circleId: Id.optional(),
  anonymous: z.boolean(),
  authorId: Id,
  version: z.number().int().min(1),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Artifact = z.infer<typeof Artifact>;

/** What the API shows of an artifact: the author only when the share is not anonymous. */
export const ArtifactView = Artifact.omit({ authorId: true, tenantId: true }).extend({
  author: z.object({ id: Id, displayName: z.string() }).nullable(),
});
export type ArtifactView = z.infer<typeof ArtifactView>;
