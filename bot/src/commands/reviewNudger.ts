import { localDate } from "../domain/artifacts";
import { isAppError } from "../domain/errors";
import { type ConversationRecord } from "../store/repositories";
import { type CommandContext } from "./context";

export interface ReviewNudge {
  artifactId: string;
  communityId: string;
  communityName: string;
  title: string;
  reviewBy: string;
  link: string;
  /** The owner's personal chat with the bot. */
  conversation: ConversationRecord;
}

/**
 * Finds the community's items past their review-by date and claims one nudge per item and
 * date (recorded on the item, conditional on its etag, so two instances never both claim
 * it). Owners the bot has no personal chat with yet are left unclaimed, to be nudged once
 * they install the app.
 */
export async function claimReviewNudges(ctx: CommandContext, communityId: string): Promise<ReviewNudge[]> {
  const community = await ctx.repos.communities.get(communityId, communityId);
  if (!community) return [];
  const today = localDate(ctx.clock.now(), community.doc.timeZone);
  const due = await ctx.repos.artifacts.listDueForReview(communityId, today);
  const claimed: ReviewNudge[] = [];
  for (const { doc, etag } of due) {
    if (!doc.reviewBy || doc.reviewNudgedFor === doc.reviewBy) continue;
    const conversation = await ctx.repos.directory.getPersonalConversation(doc.tenantId, doc.authorId);
    if (!conversation || conversation.goneAt) continue;
    try {
      await ctx.repos.artifacts.replace({ ...doc, reviewNudgedFor: doc.reviewBy }, etag);
    } catch (e) {
      if (isAppError(e) && e.code === "edit_conflict") continue; // changed or claimed meanwhile: the next sweep decides
      throw e;
    }
    claimed.push({ artifactId: doc.id, communityId, communityName: community.doc.name, title: doc.title, reviewBy: doc.reviewBy, link: ctx.links.artifact(communityId, doc.id), conversation });
  }
  return claimed;
}
