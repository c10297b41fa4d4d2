import { type TurnContext } from "botbuilder";
import { z } from "zod";
import { readArtifact } from "../../commands/artifactReader";
import { editSharedCase, shareCase } from "../../commands/caseSharer";
import { readCommunity } from "../../commands/communityReader";
import { type CommandContext, type Links } from "../../commands/context";
import { type ArtifactView, type CulturalPriority, Id } from "../../contracts";
import { FetchTaskValue, ShareCaseDialogData, SubmitActionValue, TeamsMessagePayload } from "../../contracts/teams";
import { isAppError } from "../../domain/errors";
import { plainMessage } from "../../domain/validation";
import { type Identity } from "../../policies";
import { caseCard, clip, SHARE_CASE_DIALOG_TITLE, SHARE_CASE_LIMITS, shareCaseDialog, type ShareCaseDialogInput, type ShareCaseDialogValues } from "../cards";
import { messageBodyText, titleFrom } from "../messageText";
import {
  checkRequest,
  editingFromData,
  type FormProblems,
  problemsFromAppError,
  requestFromData,
  type ShareCase,
  valuesFromCase,
  valuesFromData,
} from "../shareCaseForm";
import { communityChoiceOf, JOIN_FIRST, WHO_ARE_YOU } from "./communityOf";
import { type BotDeps, type InvokeHandler, type InvokeResult } from "./deps";
import { identityOf, teamIdOf } from "./identity";
import { badInvoke, describeIssue, dialog, done, messagePreview, noticeDialog, readValue } from "./invokeResponses";
import { postCard } from "./reply";

const MessageLink = z.url({ protocol: /^https$/ }).max(2000);

/** The chat message a case starts from, as plain text and a link back to it; empty from the compose box. */
function readMessage(payload: unknown): { text: string; subject: string; link?: string } {
  const parsed = TeamsMessagePayload.safeParse(payload);
  if (!parsed.success || !parsed.data) return { text: "", subject: "" };
  const message = parsed.data;
  const link = MessageLink.safeParse(message.linkToMessage ?? undefined);
  return {
    text: messageBodyText(message.body, message.mentions ?? []),
    subject: message.subject?.trim() ?? "",
    ...(link.success ? { link: link.data } : {}),
  };
}

/** The community's priorities and the person's circles, for the form; empty when the community cannot be read. */
async function formContextOf(ctx: CommandContext, identity: Identity, communityId: string): Promise<{ priorities: CulturalPriority[]; circleIds: string[] }> {
  try {
    const { community, actor } = await readCommunity(ctx, identity, communityId);
    return { priorities: community.culturalPriorities, circleIds: actor.circleIds };
  } catch (error) {
    if (isAppError(error)) return { priorities: [], circleIds: [] };
    throw error;
  }
}

const whoAreYou = (deps: BotDeps) => noticeDialog(SHARE_CASE_DIALOG_TITLE, WHO_ARE_YOU.heading, WHO_ARE_YOU.text, deps.links);
const joinFirst = (deps: BotDeps) => noticeDialog(SHARE_CASE_DIALOG_TITLE, JOIN_FIRST.heading, JOIN_FIRST.text, deps.links);
const gone = (deps: BotDeps) =>
  noticeDialog(SHARE_CASE_DIALOG_TITLE, "This case isn't available", "It may have been deleted, or you can no longer see it. Open the Circles tab to find it, or share the message again.", deps.links);

/**
 * The form, for a person in a community: with a community picker when they belong to
 * several, that community's priorities, and any problems beside their fields.
 */
async function formDialog(
  deps: BotDeps,
  identity: Identity,
  teamId: string | undefined,
  values: ShareCaseDialogValues,
  extra: Pick<ShareCaseDialogInput, "messageLink" | "editing"> & { problems?: FormProblems; appError?: unknown },
): Promise<InvokeResult> {
  const choice = await communityChoiceOf(deps.ctx, identity, teamId);
  if (!choice.current) return joinFirst(deps);
  const communityId = choice.communities.some((c) => c.id === values.communityId) ? values.communityId : choice.current.id;
  const context = await formContextOf(deps.ctx, identity, communityId);
  const problems = extra.appError && isAppError(extra.appError) ? problemsFromAppError(extra.appError, context.circleIds) : extra.problems;
  const card = shareCaseDialog({
    values: { ...values, communityId },
    communities: choice.communities,
    ...context,
    messageLink: extra.messageLink,
    editing: extra.editing,
    errors: problems?.errors,
    problem: problems?.problem,
  });
  return dialog(SHARE_CASE_DIALOG_TITLE, card);
}

/** `composeExtension/fetchTask`: the form, prefilled from the message the command was started on. */
export const onShareCaseOpen: InvokeHandler = async (turn, deps) => {
  const read = readValue(FetchTaskValue, turn.activity.value, "composeExtension/fetchTask");
  if ("problem" in read) return read.problem;
  const identity = identityOf(turn.activity);
  if (!identity) return whoAreYou(deps);
  const message = readMessage(read.value.messagePayload);
  const values: ShareCaseDialogValues = {
    communityId: "",
    title: titleFrom(message.subject || message.text),
    situation: clip(message.text, SHARE_CASE_LIMITS.situation),
    question: "",
    priority: "",
    visibility: "community",
    circleId: "",
    anonymous: false,
  };
  return formDialog(deps, identity, teamIdOf(turn.activity), values, { messageLink: message.link });
};

/** Saves the form as a new case, or as an edit of the case it was reopened from. */
function save(ctx: CommandContext, identity: Identity, request: ShareCase, editing: { artifactId: string; baseVersion: number } | undefined): Promise<ArtifactView> {
  return editing ? editSharedCase(ctx, identity, editing.artifactId, editing.baseVersion, request) : shareCase(ctx, identity, request);
}

/** The case card with the community's own priority labels (read alongside, best effort). */
async function priorityLabelsOf(ctx: CommandContext, identity: Identity, communityId: string): Promise<CulturalPriority[]> {
  return (await formContextOf(ctx, identity, communityId).catch(() => ({ priorities: [] }))).priorities;
}

/**
 * `composeExtension/submitAction`: checks the form; a problem sends the same form back
 * with what was typed and a message beside the field. A good form is saved and shown as
 * a preview the person can edit or send.
 */
export const onShareCaseSubmit: InvokeHandler = async (turn, deps) => {
  const read = readValue(SubmitActionValue, turn.activity.value, "composeExtension/submitAction");
  if ("problem" in read) return read.problem;
  const identity = identityOf(turn.activity);
  if (!identity) return whoAreYou(deps);
  const parsed = ShareCaseDialogData.safeParse(read.value.data ?? {}, { error: plainMessage });
  if (!parsed.success) return badInvoke(`The Share as case form could not be read. ${describeIssue(parsed.error, "value.data")}`);
  const data = parsed.data;
  const values = valuesFromData(data);
  const editing = editingFromData(data);
  const teamId = teamIdOf(turn.activity);
  const again = (extra: { problems?: FormProblems; appError?: unknown }) => formDialog(deps, identity, teamId, values, { messageLink: data.messageLink, editing, ...extra });

  // The case being edited is named by the dialog's hidden data: an id that could never be one is not looked up.
  if (editing && !Id.safeParse(editing.artifactId).success) {
    return again({ problems: { errors: {}, problem: "The case you were editing can't be found. Open the Circles tab to find it, or share the message again." } });
  }
  const checked = checkRequest(requestFromData(data));
  if ("problems" in checked) return again({ problems: checked.problems });
  try {
    const [view, priorities] = await Promise.all([save(deps.ctx, identity, checked.request, editing), priorityLabelsOf(deps.ctx, identity, checked.request.communityId)]);
    return messagePreview(caseCard(view, { priorities }));
  } catch (error) {
    if (isAppError(error) && error.status < 500) return again({ appError: error });
    deps.log.error({ event: "share_case_failed", route: "extension.shareCase.submit", err: isAppError(error) ? { code: error.code, status: error.status } : { name: (error as Error)?.name } }, "a case could not be saved");
    return again({ problems: { errors: {}, problem: "Sorry, something went wrong on our side and your case wasn't saved. Your text is still here: please try again in a moment." } });
  }
};

/** The saved case a bot message preview shows, read back from its "Open in Circles" link. */
function previewedCase(value: z.output<typeof SubmitActionValue>, links: Links): { communityId: string; artifactId: string } | null {
  for (const activity of value.botActivityPreview ?? []) {
    for (const attachment of activity.attachments ?? []) {
      const actions = (attachment.content as { actions?: unknown } | null | undefined)?.actions;
      if (!Array.isArray(actions)) continue;
      for (const action of actions as { type?: unknown; url?: unknown }[]) {
        if (action?.type !== "Action.OpenUrl" || typeof action.url !== "string") continue;
        const target = links.parseArtifact(action.url);
        if (target) return target;
      }
    }
  }
  return null;
}

/** Reads the previewed case as this person may see it; null when it is gone or not theirs to see. */
async function readPreviewed(turn: TurnContext, deps: BotDeps): Promise<{ identity: Identity; view: ArtifactView } | InvokeResult> {
  const read = readValue(SubmitActionValue, turn.activity.value, "composeExtension/submitAction");
  if ("problem" in read) return read.problem;
  const identity = identityOf(turn.activity);
  if (!identity) return whoAreYou(deps);
  const target = previewedCase(read.value, deps.ctx.links);
  if (!target) return badInvoke("value.botActivityPreview: carries no case of this app (no Open in Circles link).");
  try {
    return { identity, view: await readArtifact(deps.ctx, identity, target.communityId, target.artifactId, { track: false }) };
  } catch (error) {
    if (isAppError(error) && error.status < 500) return gone(deps);
    throw error;
  }
}

/**
 * "Edit" on the preview: the form again, filled from the saved case, carrying its id and
 * version so saving updates that case (through editSharedCase) instead of sharing a second one.
 */
export const onShareCaseEditPreview: InvokeHandler = async (turn, deps) => {
  const found = await readPreviewed(turn, deps);
  if (!("view" in found)) return found;
  const { identity, view } = found;
  return formDialog(deps, identity, teamIdOf(turn.activity), valuesFromCase(view), {
    messageLink: view.source?.kind === "teams-message" ? view.source.messageLink : undefined,
    editing: { artifactId: view.id, baseVersion: view.version },
  });
};

/**
 * "Send" on the preview: posts the case card into the conversation, rebuilt from the
 * store (not from what the client echoed), then answers with an empty 200. A case shared
 * under a name is marked as posted on that person's behalf; an anonymous one never is.
 */
export const onShareCaseSendPreview: InvokeHandler = async (turn, deps) => {
  const found = await readPreviewed(turn, deps);
  if (!("view" in found)) return found;
  const { identity, view } = found;
  const priorities = await priorityLabelsOf(deps.ctx, identity, view.communityId);
  const from = turn.activity.from;
  const onBehalfOf = !view.anonymous && from?.id ? { id: from.id, name: from.name ?? identity.displayName } : undefined;
  await postCard(turn, caseCard(view, { priorities }), view.anonymous ? { anonymous: true } : { onBehalfOf });
  return done();
};
