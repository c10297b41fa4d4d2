import { CheckInAnswers, type CheckIn, type CheckInRequest, type CheckInResponse } from "../contracts";
import { checkInOpen } from "../domain/checkins";
import { conflict } from "../domain/errors";
import { authorize, type Identity } from "../policies";
import { resolveActor } from "./actorResolver";
import { type CommandContext } from "./context";
import { parseInput } from "../domain/validation";
import { loadSession } from "./sessionReader";
import { answersOf } from "./sessionViews";

/**
 * Records (or changes) the member's check-in for a session, until it starts. One document
 * per member and session, so two people checking in at once never collide; a second
 * submit from the same person replaces their answers and keeps when they first checked in.
 */
export async function recordCheckIn(ctx: CommandContext, identity: Identity, communityId: string, sessionId: string, input: CheckInRequest): Promise<CheckInResponse> {
  const { actor } = await resolveActor(ctx, identity, communityId);
  authorize(actor, "session", "participate", undefined, "Sponsors follow the sessions but don't check in. Ask a lead if you'd like to take part.");
  const answers = parseInput(CheckInAnswers, input);
  const { session } = await loadSession(ctx, communityId, sessionId);
  const now = ctx.clock.now();
  if (session.status === "skipped") throw conflict("This session was skipped, so there's nothing to check in to. Check in to the next one instead.");
  if (!checkInOpen(new Date(session.startsAt), now)) throw conflict("Check-ins for this session closed when it started. You can still add a follow-up or feedback.");
  const existing = await ctx.repos.rhythm.getCheckIn(communityId, sessionId, identity.userId);
  const checkIn: CheckIn = {
    ...answers,
    communityId,
    tenantId: identity.tenantId,
    sessionId,
    userId: identity.userId,
    submittedAt: existing?.doc.submittedAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await ctx.repos.rhythm.checkIns.upsert(checkIn);
  const all = await ctx.repos.rhythm.answersFor(communityId, "checkIn", [sessionId]);
  ctx.log.info({ event: "checkin_recorded", communityId, sessionId, updated: Boolean(existing) }, "check-in recorded");
  return { checkIn: answersOf(checkIn), count: all.length };
}
