import { z } from "zod";
import { Id, IsoInstant, Label, Slug } from "./common";

export const ARTIFACT_TYPES = ["case-summary", "checklist", "one-page-summary", "decision-log", "playbook", "template", "reflection"] as const;
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

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  community: "Everyone in the community",
  circle: "My peer circle only",
  private: "Private draft (only me)",
};

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "must not be empty");
const LocalDate = z.iso.date({ message: "must be a date such as 2026-12-31" });

/** Each artifact type's own structured fields, told apart by `type`. */
export const CaseFields = z.object({
  type: z.literal("case-summary"),
  situation: required(4000),
  question: required(1000),
  tried: text(4000).default(""),
  interventions: text(4000).default(""),
  successLooksLike: text(1000).default(""),
  signal: text(500).default(""),
});
export const ChecklistFields = z.object({
  type: z.literal("checklist"),
  items: z.array(z.object({ text: Label(300) })).min(1, "must have at least one item").max(100, "must have at most 100 items"),
});
export const OnePageFields = z.object({
  type: z.literal("one-page-summary"),
  keyPoints: z.array(Label(300)).max(20, "must have at most 20 key points").default([]),
});
export const DecisionLogFields = z.object({
  type: z.literal("decision-log"),
  decision: required(1000),
  context: text(4000).default(""),
  options: z.array(Label(300)).max(10, "must have at most 10 options").default([]),
  rationale: text(4000).default(""),
  owner: text(120).default(""),
  decidedOn: LocalDate.optional(),
});
export const PlaybookFields = z.object({
  type: z.literal("playbook"),
  steps: z.array(z.object({ title: Label(200), detail: text(1000).default("") })).min(1, "must have at least one step").max(50, "must have at most 50 steps"),
});
export const TemplateFields = z.object({ type: z.literal("template"), whenToUse: text(1000).default("") });
export const ReflectionFields = z.object({
  type: z.literal("reflection"),
  whatHappened: required(4000),
  intended: text(2000).default(""),
  learned: text(4000).default(""),
});
export const ArtifactFields = z.discriminatedUnion("type", [CaseFields, ChecklistFields, OnePageFields, DecisionLogFields, PlaybookFields, TemplateFields, ReflectionFields]);
export type ArtifactFields = z.infer<typeof ArtifactFields>;

export const Topic = z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters");

/** Where a case came from when it was shared from a Teams message. */
/** A link to a message in Teams: https on a Teams host only, so a card never carries a look-alike. */
export const TeamsMessageLink = z
  .url({ protocol: /^https$/, hostname: /^(teams\.microsoft\.com|teams\.cloud\.microsoft|teams\.microsoft\.us|[a-z0-9-]+\.teams\.microsoft\.com)$/, message: "must be a link to a Teams message (https://teams.microsoft.com/l/message/…)" })
  .max(2000);

export const ArtifactSource = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("teams-message"),
    messageLink: TeamsMessageLink.optional(),
  }),
  /** Promoted from an answer to a prompt (the reflections feed). */
  z.object({ kind: z.literal("prompt-response"), responseId: Id, postingId: Id }),
  /** Promoted from a win someone shared in a session check-in. */
  z.object({ kind: z.literal("check-in-win"), sessionId: Id }),
]);
export type ArtifactSource = z.infer<typeof ArtifactSource>;

/** What an author writes; the same shape for create, edit and a version's snapshot. */
export const ArtifactContent = z.object({
  title: Label(160),
  summary: text(500).default(""),
  /** Markdown; rendered sanitised. */
  body: text(50_000).default(""),
  fields: ArtifactFields,
  priorities: z.array(Slug).max(10, "must have at most 10 priorities").default([]),
  topics: z.array(Topic).max(20, "must have at most 20 topics").default([]),
  sessionId: Id.optional(),
  practiceId: Id.optional(),
  visibility: Visibility.default("community"),
  circleId: Id.optional(),
  anonymous: z.boolean().default(false),
  reviewBy: LocalDate.optional(),
});
export type ArtifactContent = z.infer<typeof ArtifactContent>;

/** The stored artifact: content plus who, when, how often opened, and soft-delete state. */
export const Artifact = ArtifactContent.extend({
  id: Id,
  communityId: Id,
  tenantId: Id,
  type: ArtifactType,
  authorId: Id,
  /** Kept with the item so lists need no member lookups; never shown when anonymous. */
  authorName: z.string(),
  source: ArtifactSource.optional(),
  openCount: z.number().int().min(0),
  version: z.number().int().min(1),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  updatedBy: Id,
  deleted: z.boolean(),
  deletedAt: IsoInstant.optional(),
});
export type Artifact = z.infer<typeof Artifact>;

/** One saved version: who, when, what changed, and the content as it was then. */
export const ArtifactVersion = z.object({
  artifactId: Id,
  communityId: Id,
  tenantId: Id,
  version: z.number().int().min(1),
  editedBy: Id,
  editedAt: IsoInstant,
  changed: z.array(z.string()),
  note: z.string().max(200).optional(),
  content: ArtifactContent,
  /** Set while the item is deleted: the version then expires with it. */
  expiresWithItem: z.boolean().optional(),
});
export type ArtifactVersion = z.infer<typeof ArtifactVersion>;

const Person = z.object({ id: Id, displayName: z.string() });

/** What the API shows of an artifact. `author` is null when the share is anonymous. */
export const ArtifactView = ArtifactContent.extend({
  id: Id,
  communityId: Id,
  type: ArtifactType,
  author: Person.nullable(),
  source: ArtifactSource.optional(),
  openCount: z.number().int(),
  version: z.number().int(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  dueForReview: z.boolean(),
  deleted: z.boolean(),
  deletedAt: IsoInstant.optional(),
  /** What the caller may do, so the tab hides what the server would refuse. */
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
  /** A link that opens the tab at this item (a Teams deep link when the app id is known). */
  link: z.string(),
});
export type ArtifactView = z.infer<typeof ArtifactView>;
