import { isKnownTimeZone, Notice } from "../../contracts";
import { type AdaptiveCard } from "./adaptive";
import { buddyCheckInCard, buddyIntroCard } from "./buddyCards";
import { checkInSummaryCard } from "./checkInCards";
import { digestCard } from "./digestCard";
import { feedbackCard } from "./feedbackCards";
import { followUpNudgeCard } from "./followUpCards";
import { handoverCard } from "./handoverCard";
import { type CardLinks } from "./links";
import { onboardingCard } from "./onboardingCard";
import { pilotCheckBackCard, practiceHabitCard } from "./pilotCards";
import { promptCard } from "./promptCards";
import { reviewNudgeCard } from "./reviewNudgeCard";
import { reminderCard } from "./sessionCards";
import { type TimeDisplay } from "./sessionTime";
import { swapDecidedCard, swapRequestCard } from "./swapCards";

/** The reader's zone when it is one we can format in; otherwise each device shows its own time. */
const displayIn = (zone: string | null | undefined): TimeDisplay => (zone && isKnownTimeZone(zone) ? { zone } : "device");

/**
 * A stored notice (what the scheduler decided to say) as the card to send. Notices are
 * read back from the store, so they are checked first: one that does not read as a
 * Notice gives null and is not sent.
 */
export function renderNotice(stored: Notice | unknown, links: CardLinks = {}): AdaptiveCard | null {
  const parsed = Notice.safeParse(stored);
  if (!parsed.success) return null;
  const notice = parsed.data;
  switch (notice.kind) {
    case "session.reminder":
      return reminderCard({ session: notice.session, minutesBefore: notice.minutesBefore, display: displayIn(notice.readerTimeZone), myRsvp: notice.myRsvp, links });
    case "session.handover":
      return handoverCard({ session: notice.session, display: displayIn(notice.readerTimeZone), queuedCases: notice.queuedCases, openFollowUps: notice.openFollowUps, links });
    case "checkin.summary":
      return checkInSummaryCard({ session: notice.session, count: notice.count, privateCount: notice.privateCount, energyAverage: notice.energyAverage, entries: notice.entries, tab: links.tab });
    case "session.feedback":
      return feedbackCard({ session: notice.session });
    case "followup.nudge":
      return followUpNudgeCard(
        { followUpId: notice.followUpId, communityId: notice.communityId, title: notice.title, dueOn: notice.dueOn, sessionTitle: notice.sessionTitle, overdue: notice.overdue },
        { links },
      );
    case "swap.request":
      return swapRequestCard({ swapId: notice.swapId, session: notice.session, fromName: notice.fromName, display: displayIn(notice.readerTimeZone) });
    case "swap.decided":
      return swapDecidedCard({ session: notice.session, byName: notice.byName, accepted: notice.accepted, display: displayIn(notice.readerTimeZone) });
    case "review.nudge":
      return reviewNudgeCard(notice);
    case "buddy.intro":
      return buddyIntroCard(notice, links);
    case "buddy.checkin":
      return buddyCheckInCard(notice);
    case "prompt.posted":
      return promptCard(notice);
    case "pilot.checkback":
      return pilotCheckBackCard(notice);
    case "practice.habit":
      return practiceHabitCard(notice, links);
    case "insights.digest":
      return digestCard(notice, links);
    case "onboarding.welcome":
      return onboardingCard(notice, links);
  }
}
