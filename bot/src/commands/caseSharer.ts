import { ShareCaseRequest, type ArtifactContent, type ArtifactView } from "../contracts";
import { editArtifact } from "./artifactEditor";
import { readArtifact } from "./artifactReader";
import { localDate } from "../domain/artifacts";
import { type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { saveNewArtifact } from "./artifactCreator";
import { toArtifactView } from "./artifactViews";
import { type CommandContext } from "./context";

/**
 * "Share as case": a chat message becomes a case summary for the community's case clinic,
 * keeping a link back to the original message.
 */
export async function shareCase(ctx: CommandContext, identity: Identity, input: ShareCaseRequest): Promise<ArtifactView> {
  const request = ShareCaseRequest.parse(input);
  const { actor, member } = await resolveActor(ctx, identity, request.communityId);
  const artifact = await saveNewArtifact(
    ctx,
    actor,
    {
      title: request.title,
      summary: request.question.slice(0, 500),
      body: "",
      fields: { type: "case-summary", situation: request.situation, question: request.question, tried: "", interventions: "", successLooksLike: "", signal: "" },
      priorities: request.priority ? [request.priority] : [],
      topics: [],
      visibility: request.visibility,
      circleId: request.circleId,
      anonymous: request.anonymous,
    },
    { source: { kind: "teams-message", ...(request.messageLink ? { messageLink: request.messageLink } : {}) } },
  );
  return toArtifactView(ctx, artifact, actor, localDate(ctx.clock.now(), member.timeZone));
}

type ShareCase = ReturnType<typeof ShareCaseRequest.parse>;

/**
 * "Edit" on the Share-as-case preview: the dialog's fields replace the case's own, and what
 * the dialog does not show (body, topics, other priorities, links) is kept.
 */
export async function editSharedCase(ctx: CommandContext, identity: Identity, artifactId: string, baseVersion: number, input: ShareCaseRequest): Promise<ArtifactView> {
  const request = ShareCaseRequest.parse(input);
  const current = await readArtifact(ctx, identity, request.communityId, artifactId, { track: false });
  return editArtifact(ctx, identity, request.communityId, artifactId, { content: mergeIntoCase(current, request), baseVersion });
}

function mergeIntoCase(current: ArtifactView, request: ShareCase): ArtifactContent {
  if (current.fields.type !== "case-summary") throw new TypeError("only a case can be edited through Share as case");
  const fields = current.fields;
  const summaryWasQuestion = current.summary === fields.question.slice(0, 500);
  const otherPriorities = current.priorities.slice(1).filter((p) => p !== request.priority);
  return {
    title: request.title,
    summary: summaryWasQuestion ? request.question.slice(0, 500) : current.summary,
    body: current.body,
    fields: { ...fields, situation: request.situation, question: request.question },
    priorities: request.priority ? [request.priority, ...otherPriorities] : otherPriorities,
    topics: current.topics,
    visibility: request.visibility,
    anonymous: request.anonymous,
    ...(request.visibility === "circle" && request.circleId ? { circleId: request.circleId } : {}),
    ...(current.sessionId ? { sessionId: current.sessionId } : {}),
    ...(current.practiceId ? { practiceId: current.practiceId } : {}),
    ...(current.reviewBy ? { reviewBy: current.reviewBy } : {}),
  };
}
