import { VISIBILITIES, VISIBILITY_LABELS, type CulturalPriority, type Visibility } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type ChoiceSetInput,
  fieldError,
  heading,
  paragraph,
  plain,
  subtle,
  type TextInput,
} from "./adaptive";
import { humanize } from "./labels";

/** The dialog's inputs, by the ids Teams submits them under. */
export const SHARE_CASE_FIELDS = ["communityId", "title", "situation", "question", "priority", "visibility", "circleId", "anonymous"] as const;
export type ShareCaseField = (typeof SHARE_CASE_FIELDS)[number];

/** The limits ShareCaseRequest enforces, so the inputs stop people before the server does. */
export const SHARE_CASE_LIMITS = { title: 160, situation: 4000, question: 1000 } as const;

export interface ShareCaseDialogValues {
  communityId: string;
  title: string;
  situation: string;
  question: string;
  priority: string;
  visibility: Visibility;
  circleId: string;
  anonymous: boolean;
}

export interface ShareCaseDialogInput {
  values: ShareCaseDialogValues;
  /** The communities the person belongs to; with more than one they choose. */
  communities: { id: string; name: string }[];
  /** The chosen community's cultural priorities. */
  priorities: CulturalPriority[];
  /** The person's peer circles: one is used as is, several get a picker. */
  circleIds: string[];
  /** The original chat message, kept with the case. */
  messageLink?: string;
  /** Set when the dialog edits a case already saved (from "Edit" on the preview). */
  editing?: { artifactId: string; baseVersion: number };
  /** What to fix, beside each field. */
  errors?: Partial<Record<ShareCaseField, string>>;
  /** A problem that belongs to no one field (shown at the top). */
  problem?: string;
}

/** The dialog's title bar text. */
export const SHARE_CASE_DIALOG_TITLE = "Share as case";

const withError = (input: CardElement, id: ShareCaseField, errors: ShareCaseDialogInput["errors"]): CardElement[] =>
  errors?.[id] ? [input, fieldError(id, errors[id]!)] : [input];

/**
 * The "Share as case" form: prefilled from the chat message, sent back unchanged with a
 * red line beside any field to fix, so nothing typed is ever lost. Hidden values (the
 * message link, the case being edited) ride on the submit button's data.
 */
export function shareCaseDialog(input: ShareCaseDialogInput): AdaptiveCard {
  const { values, errors } = input;
  const body: CardElement[] = [
    heading(input.editing ? "Edit your case" : "Bring a case to your peers"),
    subtle("Only what is in this form is shared. You'll see a preview before anything is posted."),
  ];
  if (input.problem) body.push(paragraph(input.problem, { color: "attention", spacing: "medium" }));

  const choosingCommunity = input.communities.length > 1 && !input.editing;
  if (choosingCommunity) {
    const picker: ChoiceSetInput = {
      type: "Input.ChoiceSet",
      id: "communityId",
      label: "Community",
      style: "compact",
      isRequired: true,
      errorMessage: "Choose the community to share with.",
      value: values.communityId,
      choices: input.communities.map((c) => ({ title: plain(c.name) || c.id, value: c.id })),
    };
    body.push(...withError(picker, "communityId", errors));
  } else if (input.communities[0]) {
    body.push(subtle(`For **${plain(input.communities.find((c) => c.id === values.communityId)?.name ?? input.communities[0].name)}**`));
  }

  const title: TextInput = {
    type: "Input.Text",
    id: "title",
    label: "Title",
    value: values.title,
    placeholder: "A few words your peers will recognise",
    maxLength: SHARE_CASE_LIMITS.title,
    isRequired: true,
    errorMessage: "Give your case a short title.",
  };
  const situation: TextInput = {
    type: "Input.Text",
    id: "situation",
    label: "What happened",
    value: values.situation,
    placeholder: "The situation in a few sentences. Leave out names where you can.",
    isMultiline: true,
    maxLength: SHARE_CASE_LIMITS.situation,
    isRequired: true,
    errorMessage: "Describe the situation in a sentence or two.",
  };
  const question: TextInput = {
    type: "Input.Text",
    id: "question",
    label: "Your question for the group",
    value: values.question,
    placeholder: "What would you like your peers to help you think through?",
    isMultiline: true,
    maxLength: SHARE_CASE_LIMITS.question,
    isRequired: true,
    errorMessage: "Ask the group one question.",
  };
  body.push(...withError(title, "title", errors), ...withError(situation, "situation", errors));
  if (input.messageLink) body.push(subtle("A link back to the original message is kept with the case."));
  body.push(...withError(question, "question", errors));

  if (input.priorities.length > 0 || errors?.priority) {
    const priority: ChoiceSetInput = {
      type: "Input.ChoiceSet",
      id: "priority",
      label: "Cultural priority",
      style: "compact",
      placeholder: "None in particular",
      value: values.priority,
      choices: input.priorities.map((p) => ({ title: plain(p.label) || p.id, value: p.id })),
    };
    body.push(...withError(priority, "priority", errors));
  }

  const visibility: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "visibility",
    label: "Who can see it",
    style: "expanded",
    isRequired: true,
    errorMessage: "Choose who can see your case.",
    value: values.visibility,
    choices: VISIBILITIES.map((v) => ({ title: VISIBILITY_LABELS[v], value: v })),
  };
  body.push(...withError(visibility, "visibility", errors));
  if (input.circleIds.length > 1) {
    const circle: ChoiceSetInput = {
      type: "Input.ChoiceSet",
      id: "circleId",
      label: "Which peer circle (if only your circle should see it)",
      style: "compact",
      value: values.circleId || input.circleIds[0],
      choices: input.circleIds.map((id) => ({ title: humanize(id.replace(/^circle-/, "")), value: id })),
    };
    body.push(...withError(circle, "circleId", errors));
  } else if (errors?.circleId) {
    body.push(fieldError("circleId", errors.circleId));
  }

  body.push(
    ...withError(
      { type: "Input.Toggle", id: "anonymous", label: "Anonymity", title: "Share anonymously", value: values.anonymous ? "true" : "false", valueOn: "true", valueOff: "false", spacing: "medium" },
      "anonymous",
      errors,
    ),
    subtle("Shared anonymously, your name never appears: not in the card, not in the library."),
  );

  const hidden: Record<string, string> = {};
  if (!choosingCommunity) hidden.communityId = values.communityId;
  if (input.circleIds.length === 1) hidden.circleId = input.circleIds[0]!;
  if (input.messageLink) hidden.messageLink = input.messageLink;
  if (input.editing) {
    hidden.artifactId = input.editing.artifactId;
    hidden.baseVersion = String(input.editing.baseVersion);
  }
  return adaptiveCard(
    body,
    [{ type: "Action.Submit", title: input.editing ? "Save and preview" : "Preview", style: "positive", data: hidden }],
    "Share a chat message with your community as a case: add a title and a question for the group.",
  );
}

/** A dialog that only explains (no community to share with yet, or Teams sent too little to know who you are). */
export function noticeCard(title: string, text: string, links: { tab?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [heading(title), paragraph(text)],
    links.tab ? [{ type: "Action.OpenUrl", title: "Open the Circles tab", url: links.tab }] : [],
    `${title}. ${text}`,
  );
}
