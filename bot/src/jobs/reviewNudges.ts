import { type CommandContext } from "../commands/context";
import { claimReviewNudges, type ReviewNudge } from "../commands/reviewNudger";
import { listCommunityIdsForAdmin } from "../store/repositories";

/**
 * One sweep: every community's due items, each owner nudged once per review-by date.
 * Delivery is at most once (the claim is recorded before sending); a failed send is
 * logged rather than repeated, so nobody is nudged twice.
 */
export async function runReviewNudges(ctx: CommandContext, deliver: (nudge: ReviewNudge) => Promise<void>): Promise<number> {
  let sent = 0;
  for (const communityId of await listCommunityIdsForAdmin(ctx.repos.store)) {
    let nudges: ReviewNudge[];
    try {
      nudges = await claimReviewNudges(ctx, communityId);
    } catch (err) {
      ctx.log.warn({ err, communityId }, "review nudges skipped for this community this time");
      continue;
    }
    for (const nudge of nudges) {
      try {
        await deliver(nudge);
        sent++;
      } catch (err) {
        ctx.log.warn({ err, communityId, artifactId: nudge.artifactId }, "review nudge not delivered");
      }
    }
  }
  return sent;
}

/** Runs the sweep now and then every `everyMs`, one sweep at a time; returns a stop function. */
export function scheduleReviewNudges(ctx: CommandContext, deliver: (nudge: ReviewNudge) => Promise<void>, everyMs = 60 * 60 * 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => runReviewNudges(ctx, deliver)).catch((err) => ctx.log.error({ err }, "review nudge sweep failed"));
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
