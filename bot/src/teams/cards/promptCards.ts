import { type Notice, PROMPT_KIND_LABELS, PROMPT_LIMITS, type PromptKind, type ReflectionView } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  clip,
  execute,
  fieldError,
  heading,
  labelled,
  paragraph,
  plain,
  type RichTextBlock,
  subtle,
  type TextInput,
  type ToggleInput,
  verbatim,
} from "./adaptive";
import { kicker } from "./sessionCards";
import { VERBS } from "./verbs";

export type PromptPostedNotice = Extract<Notice, { kind: "prompt.posted" }>;

/** What the prompt card needs of a posting (the notice has it all; a refused answer rebuilds it from the button's data). */
export type PromptFormRef = Pick<PromptPostedNotice, "communityId" | "postingId" | "communityName" | "promptKind" | "text" | "value">;

/** The answer form's inputs, by the ids Teams submits them under. */
export const PROMPT_FIELDS = ["answer", "happened", "intended", "learned", "anonymous"] as const;
export type PromptField = (typeof PROMPT_FIELDS)[number];

/** What was typed, shown again when an answer is refused. */
export interface PromptValues {
  answer?: string;
  happened?: string;
  intended?: string;
  learned?: string;
  anonymous?: boolean;
}

export interface PromptFormOptions {
  /** Why the last answer was not saved, in a sentence, above the form. */
  problem?: string;
  /** The input the problem is about: when it is one of the form's, the sentence goes under it instead of above the form. */
  problemField?: string;
  values?: PromptValues;
}

/** A heading per kind: a discussion, a reflection, or the week's question. */
const HEADINGS: Record<PromptKind, string> = {
  discussion: "Something to talk about",
  reflective: "Take a moment to reflect",
  "weekly-question": "This week's question",
};

/** What to tell someone who left a required part empty. */
const FILL_IN: Partial<Record<PromptField, string>> = {
  answer: "Write a few words before sending.",
  happened: "Say briefly what happened before sending.",
};

/**
 * The ids the Send button carries, and the posting as the card shows it: if the answer is
 * refused, the handler shows this form again (with the sentence) without reading the posting.
 */
export const promptRef = (ref: PromptFormRef): Record<string, string> => ({
  communityId: ref.communityId,
  postingId: ref.postingId,
  promptKind: ref.promptKind,
  text: ref.text,
  value: ref.value,
  communityName: ref.communityName,
});

const kickerOf = (ref: Pick<PromptFormRef, "promptKind" | "value" | "communityName">) => {
  const value = plain(ref.value);
  return kicker(value ? `${PROMPT_KIND_LABELS[ref.promptKind]} · ${value}` : PROMPT_KIND_LABELS[ref.promptKind], ref.communityName);
};

function textInput(id: Exclude<PromptField, "anonymous">, label: string, placeholder: string, value: string | undefined, required: boolean): TextInput {
  return {
    type: "Input.Text",
    id,
    label,
    placeholder,
    isMultiline: true,
    maxLength: PROMPT_LIMITS[id],
    value: value ?? "",
    ...(required ? { isRequired: true, errorMessage: FILL_IN[id] ?? "Fill this in before sending." } : {}),
  };
}

/**
 * A posted prompt, for each member: the question, tied to one of the community's values,
 * and the form to answer it (three short parts for a reflective prompt, one answer
 * otherwise), with the choice to share it without their name.
 */
export function promptCard(notice: PromptFormRef, options: PromptFormOptions = {}): AdaptiveCard {
  const values = options.values ?? {};
  const body: CardElement[] = [kickerOf(notice), heading(HEADINGS[notice.promptKind]), verbatim(notice.text, { weight: "bolder" }, "medium")];
  const onField = Boolean(options.problemField && PROMPT_FIELDS.some((f) => f === options.problemField));
  if (options.problem && !onField) body.push(paragraph(options.problem, { color: "attention", spacing: "medium" }));
  const inputs: TextInput[] =
    notice.promptKind === "reflective"
      ? [
          textInput("happened", "What happened?", "The situation, in a sentence or two", values.happened, true),
          textInput("intended", "What did you intend?", "What you hoped would happen", values.intended, false),
          textInput("learned", "What did you learn?", "What you'd keep, or do differently next time", values.learned, false),
        ]
      : [textInput("answer", "Your answer", "A few words are enough", values.answer, true)];
  for (const input of inputs) {
    body.push(input);
    if (options.problem && options.problemField === input.id) body.push(fieldError(input.id, options.problem));
  }
  const anonymous: ToggleInput = {
    type: "Input.Toggle",
    id: "anonymous",
    label: "Your name",
    title: "Share without my name",
    value: values.anonymous ? "true" : "false",
    valueOn: "true",
    valueOff: "false",
    spacing: "medium",
  };
  body.push(
    anonymous,
    subtle("Answers appear in the Reflections feed in the Circles tab. Shared without your name, no one sees who wrote it, not even the facilitators."),
  );
  return adaptiveCard(
    body,
    [execute("Send my answer", VERBS.promptRespond, promptRef(notice), { style: "positive" })],
    `${PROMPT_KIND_LABELS[notice.promptKind]}: ${clip(notice.text, 200)}`,
  );
}

export interface PromptAnsweredInput {
  reflection: ReflectionView;
  /** The community the posting belongs to (the form's button needs it when `problem` is set). */
  communityId: string;
  communityName?: string;
  /** Set when the answer was not saved: the form again, with this sentence. */
  problem?: string;
  problemField?: string;
  /** What was typed, kept in the form (else the saved answer). */
  values?: PromptValues;
}

/**
 * The prompt card after answering: thanks, what was recorded (as written), and whether it
 * was shared without their name. With `problem`, the form again so nothing typed is lost.
 */
export function promptAnsweredCard(input: PromptAnsweredInput): AdaptiveCard {
  const { reflection } = input;
  const ref: PromptFormRef = {
    communityId: input.communityId,
    postingId: reflection.postingId,
    communityName: input.communityName ?? "",
    promptKind: reflection.prompt.kind,
    text: reflection.prompt.text,
    value: reflection.prompt.value,
  };
  if (input.problem) {
    const saved: PromptValues = { answer: reflection.answer, happened: reflection.happened, intended: reflection.intended, learned: reflection.learned, anonymous: reflection.anonymous };
    return promptCard(ref, { problem: input.problem, problemField: input.problemField, values: input.values ?? saved });
  }
  const body: CardElement[] = [kickerOf(ref), heading("Thanks for sharing"), verbatim(reflection.prompt.text, { isSubtle: true }, "small")];
  const parts: RichTextBlock[] =
    reflection.prompt.kind === "reflective"
      ? [
          ...(reflection.happened ? [labelled("What happened", reflection.happened)] : []),
          ...(reflection.intended ? [labelled("What you intended", reflection.intended)] : []),
          ...(reflection.learned ? [labelled("What you learned", reflection.learned)] : []),
        ]
      : reflection.answer
        ? [labelled("Your answer", reflection.answer)]
        : [];
  body.push(paragraph("What you shared", { weight: "bolder", spacing: "medium" }), ...parts);
  body.push(
    paragraph(
      reflection.anonymous
        ? "Shared without your name: the feed shows your answer, never who wrote it."
        : "Shared with your name, so others can follow up with you about it.",
      { spacing: "medium" },
    ),
    subtle("You'll find it in the Reflections feed in the Circles tab, next to everyone else's."),
  );
  return adaptiveCard(body, [], reflection.anonymous ? "Thanks for sharing. Your answer was shared without your name." : "Thanks for sharing your answer.");
}
