/**
 * The editor's form state and its two-way mapping to the server's content shape. Pure,
 * so it can be tested without a browser. List rows carry a key so React keeps each
 * input's focus and text when rows are added or removed around it.
 */
import { type ArtifactContent, type ArtifactCreateRequest, type ArtifactFields, type Visibility } from "../../../../bot/src/contracts";

let lastKey = 0;
const key = () => ++lastKey;

export interface TextRow {
  key: number;
  text: string;
}
export interface StepRow {
  key: number;
  title: string;
  detail: string;
}

export type FieldsForm =
  | { type: "case-summary"; situation: string; question: string; tried: string; interventions: string; successLooksLike: string; signal: string }
  | { type: "checklist"; items: TextRow[] }
  | { type: "one-page-summary"; keyPoints: TextRow[] }
  | { type: "decision-log"; decision: string; context: string; options: TextRow[]; rationale: string; owner: string; decidedOn: string }
  | { type: "playbook"; steps: StepRow[] }
  | { type: "template"; whenToUse: string }
  | { type: "reflection"; whatHappened: string; intended: string; learned: string };

export interface EditorForm {
  title: string;
  summary: string;
  body: string;
  fields: FieldsForm;
  priorities: string[];
  /** As typed: topics separated by commas. */
  topics: string;
  visibility: Visibility;
  circleId?: string;
  anonymous: boolean;
  /** YYYY-MM-DD or "". */
  reviewBy: string;
  /** Edits only: what changed, for the history. */
  note: string;
  /** Kept as they were: links to a session or practice the editor does not show. */
  sessionId?: string;
  practiceId?: string;
}

export const textRow = (text = ""): TextRow => ({ key: key(), text });
export const stepRow = (title = "", detail = ""): StepRow => ({ key: key(), title, detail });

function fieldsForm(fields: ArtifactFields): FieldsForm {
  switch (fields.type) {
    case "checklist":
      return { type: "checklist", items: fields.items.map((i) => textRow(i.text)) };
    case "one-page-summary":
      return { type: "one-page-summary", keyPoints: fields.keyPoints.map((p) => textRow(p)) };
    case "decision-log":
      return { ...fields, options: fields.options.map((o) => textRow(o)), decidedOn: fields.decidedOn ?? "" };
    case "playbook":
      return { type: "playbook", steps: fields.steps.map((s) => stepRow(s.title, s.detail)) };
    default:
      return { ...fields };
  }
}

function fieldsContent(form: FieldsForm): ArtifactFields {
  switch (form.type) {
    case "checklist":
      return { type: "checklist", items: form.items.map((i) => ({ text: i.text })) };
    case "one-page-summary":
      return { type: "one-page-summary", keyPoints: form.keyPoints.map((p) => p.text) };
    case "decision-log": {
      const { decidedOn, options, ...rest } = form;
      return { ...rest, options: options.map((o) => o.text), ...(decidedOn ? { decidedOn } : {}) };
    }
    case "playbook":
      return { type: "playbook", steps: form.steps.map((s) => ({ title: s.title, detail: s.detail })) };
    default:
      return { ...form };
  }
}

export function formFromContent(content: ArtifactContent): EditorForm {
  return {
    title: content.title,
    summary: content.summary,
    body: content.body,
    fields: fieldsForm(content.fields),
    priorities: [...content.priorities],
    topics: content.topics.join(", "),
    visibility: content.visibility,
    circleId: content.circleId,
    anonymous: content.anonymous,
    reviewBy: content.reviewBy ?? "",
    note: "",
    sessionId: content.sessionId,
    practiceId: content.practiceId,
  };
}

/** "1:1s, feedback,, Feedback " → ["1:1s", "feedback"]: trimmed, no blanks, no repeats. */
export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const topic = raw.trim();
    if (topic && !seen.has(topic.toLowerCase())) {
      seen.add(topic.toLowerCase());
      out.push(topic);
    }
  }
  return out;
}

/** What is sent to the server. Nothing is trimmed or dropped that the person would miss: the server validates. */
export function contentFromForm(form: EditorForm): ArtifactCreateRequest {
  return {
    title: form.title,
    summary: form.summary,
    body: form.body,
    fields: fieldsContent(form.fields),
    priorities: form.priorities,
    topics: parseTopics(form.topics),
    visibility: form.visibility,
    ...(form.visibility === "circle" && form.circleId ? { circleId: form.circleId } : {}),
    anonymous: form.anonymous,
    ...(form.reviewBy ? { reviewBy: form.reviewBy } : {}),
    ...(form.sessionId ? { sessionId: form.sessionId } : {}),
    ...(form.practiceId ? { practiceId: form.practiceId } : {}),
  };
}

/** True when the two forms would save the same thing (keys and the note aside). */
export function sameContent(a: EditorForm, b: EditorForm): boolean {
  return JSON.stringify(contentFromForm(a)) === JSON.stringify(contentFromForm(b)) && a.topics.trim() === b.topics.trim();
}

/** The person's text as plain words, to keep on screen after a conflict made us reload. */
export function plainTextOf(form: EditorForm, labels: Record<string, string>): string {
  const parts: string[] = [`Title: ${form.title}`];
  if (form.summary.trim()) parts.push(`Summary: ${form.summary}`);
  const f = form.fields;
  const add = (name: string, value: string) => value.trim() && parts.push(`${labels[name] ?? name}:\n${value}`);
  const list = (name: string, rows: string[]) => rows.some((r) => r.trim()) && parts.push(`${labels[name] ?? name}:\n${rows.map((r) => `- ${r}`).join("\n")}`);
  switch (f.type) {
    case "checklist":
      list("items", f.items.map((i) => i.text));
      break;
    case "one-page-summary":
      list("keyPoints", f.keyPoints.map((p) => p.text));
      break;
    case "playbook":
      list("steps", f.steps.map((s, i) => `${i + 1}. ${s.title}${s.detail ? ` — ${s.detail}` : ""}`));
      break;
    case "decision-log":
      add("decision", f.decision);
      add("context", f.context);
      list("options", f.options.map((o) => o.text));
      add("rationale", f.rationale);
      add("owner", f.owner);
      break;
    default:
      for (const [name, value] of Object.entries(f)) if (name !== "type" && typeof value === "string") add(name, value);
  }
  if (form.body.trim()) parts.push(`Notes:\n${form.body}`);
  if (form.topics.trim()) parts.push(`Topics: ${form.topics}`);
  return parts.join("\n\n");
}

/**
 * The server names the field of a 400 (`fields.items.0.text`) and starts its message
 * with it ("fields.items.0.text: must not be empty"). Next to the field, the name is
 * redundant: "Must not be empty".
 */
export function messageForField(message: string, field: string | undefined): string {
  const text = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The DOM id of the input for a server field path, e.g. "fields.items.0.text" → "edit-fields-items-0-text". */
export const inputId = (path: string) => `edit-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;

/** The path itself, then each shorter prefix: where to show an error when no input matches exactly. */
export function candidatePaths(field: string): string[] {
  const parts = field.split(".");
  return parts.map((_, i) => parts.slice(0, parts.length - i).join("."));
}
