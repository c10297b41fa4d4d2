import { type z } from "zod";
import { type ArtifactView, ShareCaseRequest, Visibility } from "../contracts";
import { type ShareCaseDialogData } from "../contracts/teams";
import { type AppError } from "../domain/errors";
import { SHARE_CASE_FIELDS, type ShareCaseDialogValues, type ShareCaseField } from "./cards";

/**
 * The "Share as case" form's translations, kept pure: dialog data (all strings) →
 * ShareCaseRequest, validation problems → a message beside the field, and a saved case →
 * the form again (for "Edit") or the content of an edit.
 */

export type ShareCaseInput = z.input<typeof ShareCaseRequest>;
export type ShareCase = z.output<typeof ShareCaseRequest>;

export interface FormProblems {
  errors: Partial<Record<ShareCaseField, string>>;
  problem?: string;
}

const text = (value: string | undefined) => value ?? "";

/** The form as it was submitted, to show it again exactly so. */
export function valuesFromData(data: ShareCaseDialogData): ShareCaseDialogValues {
  const visibility = Visibility.safeParse(data.visibility);
  return {
    communityId: text(data.communityId),
    title: text(data.title),
    situation: text(data.situation),
    question: text(data.question),
    priority: text(data.priority),
    visibility: visibility.success ? visibility.data : "community",
    circleId: text(data.circleId),
    anonymous: data.anonymous === "true",
  };
}

/**
 * Dialog data → the request the command validates. Empty choices mean "none"; a toggle is
 * "true" or "false"; the circle only counts when the case is for a circle.
 */
export function requestFromData(data: ShareCaseDialogData): ShareCaseInput {
  const visibility = data.visibility?.trim() || "community";
  return {
    communityId: text(data.communityId),
    title: text(data.title),
    situation: text(data.situation),
    question: text(data.question),
    ...(data.priority?.trim() ? { priority: data.priority.trim() } : {}),
    visibility: visibility as ShareCaseInput["visibility"],
    ...(visibility === "circle" && data.circleId?.trim() ? { circleId: data.circleId.trim() } : {}),
    anonymous: data.anonymous === "true",
    ...(data.messageLink?.trim() ? { messageLink: data.messageLink.trim() } : {}),
  };
}

/** The saved case being edited, from the hidden data on the dialog's button. */
export function editingFromData(data: ShareCaseDialogData): { artifactId: string; baseVersion: number } | undefined {
  const baseVersion = Number(data.baseVersion);
  if (!data.artifactId || !Number.isInteger(baseVersion) || baseVersion < 1) return undefined;
  return { artifactId: data.artifactId, baseVersion };
}

/** What to type when a field is empty: one clear instruction each. */
const WHEN_EMPTY: Partial<Record<ShareCaseField, string>> = {
  communityId: "Choose the community to share with.",
  title: "Give your case a short title.",
  situation: "Describe the situation in a sentence or two.",
  question: "Ask the group one question: what would you like help thinking through?",
};

const NAMES: Record<ShareCaseField, string> = {
  communityId: "The community",
  title: "The title",
  situation: "The situation",
  question: "The question",
  priority: "The priority",
  visibility: "Who can see it",
  circleId: "The peer circle",
  anonymous: "Anonymity",
};

const WHEN_INVALID: Partial<Record<ShareCaseField, string>> = {
  communityId: "Choose one of your communities.",
  priority: "Choose one of your community's priorities, or leave it empty.",
  visibility: "Choose who can see your case.",
  circleId: "Choose one of your peer circles.",
};

const isField = (key: unknown): key is ShareCaseField => typeof key === "string" && (SHARE_CASE_FIELDS as readonly string[]).includes(key);

/** Every field's first problem, in words for the person filling in the form. */
export function problemsFromIssues(error: z.ZodError): FormProblems {
  const out: FormProblems = { errors: {} };
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (!isField(key)) {
      out.problem ??= key === "messageLink" ? "The link to the original message could not be kept. Start again from the message." : issue.message;
      continue;
    }
    if (out.errors[key]) continue;
    if (issue.code === "too_small" && WHEN_EMPTY[key]) out.errors[key] = WHEN_EMPTY[key];
    else if (issue.code === "too_big") out.errors[key] = `${NAMES[key]} ${issue.message}. Shorten it a little.`;
    else out.errors[key] = WHEN_INVALID[key] ?? `${NAMES[key]} ${issue.message}.`;
  }
  return out;
}

/** Command errors name fields in storage terms; the form has its own. */
const FIELD_OF_ERROR: Record<string, ShareCaseField> = {
  communityId: "communityId",
  title: "title",
  situation: "situation",
  question: "question",
  "fields.situation": "situation",
  "fields.question": "question",
  priority: "priority",
  priorities: "priority",
  visibility: "visibility",
  circleId: "circleId",
  anonymous: "anonymous",
};

/** "priorities: 'x' is not one…" → "'x' is not one…": the field is shown by position instead. */
const withoutFieldPrefix = (message: string) => {
  const rest = message.replace(/^[\w.]+:\s*/, "");
  return rest ? rest[0]!.toUpperCase() + rest.slice(1) : message;
};

/**
 * A refusal from the command (AppError) as form problems: beside its field when it names
 * one, otherwise at the top. `circleIds` lets the circle message say what is really wrong.
 */
export function problemsFromAppError(error: AppError, circleIds: readonly string[]): FormProblems {
  const field = error.field ? FIELD_OF_ERROR[error.field] : undefined;
  if (!field) return { errors: {}, problem: error.message };
  if (field === "priority") return { errors: { priority: WHEN_INVALID.priority! } };
  if (field === "circleId") {
    const message = circleIds.length === 0 ? "You're not in a peer circle yet, so this case can't be kept to one. Choose another option." : withoutFieldPrefix(error.message);
    // With one circle (or none) there is no circle picker: the message goes beside "Who can see it".
    return { errors: circleIds.length > 1 ? { circleId: message } : { visibility: message } };
  }
  return { errors: { [field]: withoutFieldPrefix(error.message) } };
}

/** A saved case, back in the form (after "Edit" on the preview). */
export function valuesFromCase(view: ArtifactView): ShareCaseDialogValues {
  const fields = view.fields.type === "case-summary" ? view.fields : undefined;
  return {
    communityId: view.communityId,
    title: view.title,
    situation: fields?.situation ?? "",
    question: fields?.question ?? "",
    priority: view.priorities[0] ?? "",
    visibility: view.visibility,
    circleId: view.circleId ?? "",
    anonymous: view.anonymous,
  };
}


/** ShareCaseRequest checks, with problems phrased for the form. */
export function checkRequest(input: ShareCaseInput): { request: ShareCase } | { problems: FormProblems } {
  const parsed = ShareCaseRequest.safeParse(input);
  return parsed.success ? { request: parsed.data } : { problems: problemsFromIssues(parsed.error) };
}
