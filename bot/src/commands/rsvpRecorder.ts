import { RsvpAnswer, type SessionView } from "../contracts";
import { conflict } from "../domain/errors";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { parseInput } from "../domain/validation";
import { loadSession, viewOne } from "./sessionReader";

/** Going or can't make it: one answer per person and session, changeable until the session ends. */
export async function recordRsvp(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: RsvpAnswer): Promise<SessionView> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "participate", undefined, "Sponsors follow the sessions but don't RSVP. Ask a lead if you'd like to take part.");
  const answer = parseInput(RsvpAnswer, input, "answer");
  const { session } = await loadSession(ctx, communityId, sessionId);
  if (session.status === "skipped") throw conflict("This session was skipped, so there's nothing to answer. The next one is on the Sessions tab.");
  if (Date.parse(session.endsAt) <= ctx.clock.now().getTime()) throw conflict("This session has already ended.");
  await ctx.repos.rhythm.rsvps.upsert({ communityId, tenantId: identity.tenantId, sessionId, userId: identity.userId, answer, at: ctx.clock.now().toISOString() });
  return viewOne(ctx, actor, session);
}
