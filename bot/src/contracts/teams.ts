import { z } from "zod";

/**
 * The subset of Teams messaging-extension invoke payloads the server reads. Teams adds
 * fields over time and sends `null` for many absent ones, so objects are loose and
 * optional fields are nullish; only what we use is checked, and bounded.
 */

const OptionalText = (max: number) => z.string().max(max).nullish();

/** A person, app or conversation named in a message (`mentions[].mentioned`, `from`). */
const MentionedIdentity = z.looseObject({ id: OptionalText(300), displayName: OptionalText(500) });
const MessageParticipant = z.looseObject({
  user: MentionedIdentity.nullish(),
  application: MentionedIdentity.nullish(),
  conversation: MentionedIdentity.nullish(),
});

/** One `<at id="n">…</at>` in the message body, matched by `id`. */
export const TeamsMessageMention = z.looseObject({
  id: z.union([z.number().int(), z.string().max(20)]).nullish(),
  mentionText: OptionalText(500),
  mentioned: MessageParticipant.nullish(),
});
export type TeamsMessageMention = z.infer<typeof TeamsMessageMention>;

/** The message an action command was started from (`value.messagePayload`). */
export const TeamsMessagePayload = z.looseObject({
  id: OptionalText(300),
  subject: OptionalText(1000),
  /** Teams' own link to the message, e.g. https://teams.microsoft.com/l/message/… */
  linkToMessage: OptionalText(4000),
  body: z
    .looseObject({
      contentType: OptionalText(20),
      /** HTML for most messages; a long message is still well under this. */
      content: OptionalText(500_000),
    })
    .nullish(),
  from: MessageParticipant.nullish(),
  mentions: z.array(TeamsMessageMention).max(1000).nullish(),
});
export type TeamsMessagePayload = z.infer<typeof TeamsMessagePayload>;

const CommandId = z.string().min(1, "must name the command").max(100);
/** Where the command was started: "message", "compose" or "commandbox". */
const CommandContext = OptionalText(40);

/** `composeExtension/fetchTask`: open the action command's dialog. */
export const FetchTaskValue = z.looseObject({
  commandId: CommandId,
  commandContext: CommandContext,
  /** Read separately with TeamsMessagePayload, so an odd message still opens an empty dialog. */
  messagePayload: z.unknown().optional(),
});
export type FetchTaskValue = z.infer<typeof FetchTaskValue>;

/** An attachment as Teams echoes it back in `botActivityPreview`. */
const EchoedAttachment = z.looseObject({ contentType: OptionalText(200), content: z.unknown().optional() });

/** `composeExtension/submitAction`: the dialog was submitted, or a bot message preview was edited or sent. */
export const SubmitActionValue = z.looseObject({
  commandId: CommandId,
  commandContext: CommandContext,
  /** The dialog's inputs merged with the submit button's `data`. */
  data: z.record(z.string(), z.unknown()).nullish(),
  botMessagePreviewAction: z.enum(["edit", "send"]).nullish(),
  botActivityPreview: z
    .array(z.looseObject({ attachments: z.array(EchoedAttachment).max(10).nullish() }))
    .max(10)
    .nullish(),
  messagePayload: z.unknown().optional(),
});
export type SubmitActionValue = z.infer<typeof SubmitActionValue>;

/** `composeExtension/query`: a search command's text and paging. */
export const QueryValue = z.looseObject({
  commandId: CommandId,
  parameters: z
    .array(z.looseObject({ name: z.string().max(100), value: z.unknown().optional() }))
    .max(20)
    .nullish(),
  queryOptions: z
    .looseObject({ skip: z.coerce.number().int().min(0).nullish(), count: z.coerce.number().int().min(0).nullish() })
    .nullish(),
});
export type QueryValue = z.infer<typeof QueryValue>;

/** `composeExtension/queryLink`: a link to our domain was pasted into the compose box. */
export const QueryLinkValue = z.looseObject({ url: z.string().min(1, "must be the pasted link").max(4000) });
export type QueryLinkValue = z.infer<typeof QueryLinkValue>;

/**
 * Adaptive Card inputs arrive as strings (a toggle as "true"/"false"); a value a client
 * sends as a number or boolean is read as its text. Lengths are checked later, per field,
 * by ShareCaseRequest, so a long title is a message beside the field, not a rejected payload.
 */
const Submitted = z
  .union([z.string().max(100_000), z.number(), z.boolean()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

/** What the "Share as case" dialog submits: its inputs plus the hidden data on its button. */
export const ShareCaseDialogData = z.looseObject({
  communityId: Submitted,
  title: Submitted,
  situation: Submitted,
  question: Submitted,
  priority: Submitted,
  visibility: Submitted,
  circleId: Submitted,
  anonymous: Submitted,
  messageLink: Submitted,
  /** Set when the dialog edits a case that was already saved (after "Edit" on the preview). */
  artifactId: Submitted,
  baseVersion: Submitted,
});
export type ShareCaseDialogData = z.output<typeof ShareCaseDialogData>;
