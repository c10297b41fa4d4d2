import { ShareCaseRequest, type ArtifactView } from "../contracts";
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
    // A link to the original message would name its sender: an anonymous case keeps none.
    { source: { kind: "teams-message", ...(request.messageLink && !request.anonymous ? { messageLink: request.messageLink } : {}) } },
  );
  return toArtifactView(ctx, artifact, actor, localDate(ctx.clock.now(), member.timeZone));
}
