/** Words the library shows for the server's field names: one place, so detail, editor and history agree. */
import { type ArtifactType } from "../../../../bot/src/contracts";

export const FIELD_LABELS = {
  situation: "The situation",
  question: "The question for the group",
  tried: "What was tried",
  interventions: "What the group suggested",
  successLooksLike: "What success looks like",
  signal: "A signal to watch for",
  items: "Checklist",
  keyPoints: "Key points",
  decision: "The decision",
  context: "Context",
  options: "Options we weighed",
  rationale: "Why this option",
  owner: "Owner",
  decidedOn: "Decided on",
  steps: "Steps",
  whenToUse: "When to use it",
  whatHappened: "What happened",
  intended: "What I intended",
  learned: "What I learned",
} as const;

/** "What changed" in a version, from the server's content keys. */
const CHANGE_LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  body: "Notes",
  fields: "Details",
  priorities: "Priorities",
  topics: "Topics",
  visibility: "Who can see it",
  circleId: "Circle",
  anonymous: "Anonymity",
  reviewBy: "Review date",
  sessionId: "Session",
  practiceId: "Practice",
};

export const changeLabel = (key: string): string => CHANGE_LABELS[key] ?? key;

/** Only these types may be shared without a name. */
export const canBeAnonymous = (type: ArtifactType): boolean => type === "case-summary" || type === "reflection";
