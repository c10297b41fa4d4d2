import { localDate } from "../domain/artifacts";
import { personalDeliveryTime } from "../domain/reminders";
import { type CommandContext } from "./context";
import { type Delivery } from "./rhythmWork";

/**
 * One nudge per item and review-by date to the owner's personal chat, for the items past
 * their review date. The delivery id carries the item and the date, so the scheduler sends
 * each at most once however often this runs; a new review date makes a new nudge. Owners
 * the bot has no personal chat with yet are left out, so they are nudged once they install
 * the app. The nudge waits for the end of the owner's quiet hours.
 */
export async function reviewNudges(ctx: CommandContext, communityId: string): Promise<Delivery[]> {
  const community = await ctx.repos.communities.get(communityId, communityId);
  if (!community) return [];
  const now = ctx.clock.now();
  const due = await ctx.repos.artifacts.listDueForReview(communityId, localDate(now, community.doc.timeZone));
  const deliveries: Delivery[] = [];
  for (const item of due) {
    if (!item.reviewBy) continue;
    const [conversation, owner] = await Promise.all([ctx.repos.directory.getPersonalConversation(item.tenantId, item.authorId), ctx.repos.members.get(communityId, item.authorId)]);
    if (!conversation || conversation.goneAt || !owner) continue;
    const at = personalDeliveryTime(now, owner.doc.timeZone, owner.doc.preferences.quietHours) ?? now;
    deliveries.push({
      id: `review-${item.id}-${item.reviewBy}`,
      target: { kind: "personal", tenantId: item.tenantId, userId: item.authorId },
      dueAt: at.toISOString(),
      notice: { kind: "review.nudge", artifactId: item.id, communityId, communityName: community.doc.name, title: item.title, reviewBy: item.reviewBy, link: ctx.links.artifact(communityId, item.id) },
    });
  }
  return deliveries;
}
