import { FeedbackAnswers, type FeedbackRequest, type SessionView } from "../contracts";
import { conflict } from "../domain/errors";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { parseInput } from "../domain/validation";
import { loadSession, viewOne } from "./sessionReader";

/** After a session: how useful it was and one thing I'll try. Once it has started; changeable. */
export async function recordFeedback(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: FeedbackRequest): Promise<SessionView> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "participate", undefined, "Sponsors follow the sessions but don't give session feedback.");
  const answers = parseInput(FeedbackAnswers, input);
  const { session } = await loadSession(ctx, communityId, sessionId);
  if (session.status === "skipped") throw conflict("This session was skipped, so there's nothing to give feedback on.");
  if (Date.parse(session.startsAt) > ctx.clock.now().getTime()) throw conflict("Feedback opens when the session starts.");
  await ctx.repos.rhythm.feedback.upsert({ ...answers, communityId, tenantId: identity.tenantId, sessionId, userId: identity.userId, submittedAt: ctx.clock.now().toISOString() });
  return viewOne(ctx, actor, session);
}
