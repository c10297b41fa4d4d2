import { DateTime } from "luxon";
import { type Guarded, type Notice } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, type CardAction, type CardElement, clip, facts, heading, openUrl, paragraph, plain, subtle, verbatim } from "./adaptive";
import { type CardLinks } from "./links";
import { kicker } from "./sessionCards";

export type InsightsDigestNotice = Extract<Notice, { kind: "insights.digest" }>;

/** How long a story may be on the card; the tab has the rest. */
const STORY_CHARS = 280;

const monthName = (month: string) => DateTime.fromFormat(month, "yyyy-MM", { zone: "utc" }).setLocale("en-GB").toFormat("LLLL yyyy");

/**
 * On the 1st, to each sponsor: how the community did last month in a few numbers and up to
 * two stories its members shared with everyone. A number fewer than `minimumGroup` people
 * stand behind says so instead of showing, exactly as the tab and the exports do.
 */
export function digestCard(notice: InsightsDigestNotice, links: CardLinks = {}): AdaptiveCard {
  const hidden = `fewer than ${notice.minimumGroup} people`;
  const show = (g: Guarded, format: (v: number) => string = String) => (g.suppressed || g.value === null ? hidden : format(g.value));
  const n = notice.numbers;
  const month = monthName(notice.month);
  const body: CardElement[] = [
    kicker("Monthly digest", notice.communityName),
    heading(`${month} at a glance`),
    facts([
      ["Active members", show(n.activeMembers)],
      ["Sessions held", String(n.sessionsHeld)],
      ["Check-in rate", show(n.checkInRate, (v) => `${Math.round(v * 100)}%`)],
      ["Library items added", show(n.artifactsAdded)],
      ["Managers who reported on a pilot", show(n.pilotReporters)],
    ]),
  ];
  if (notice.stories.length) {
    body.push(paragraph(notice.stories.length === 1 ? "A story from the community" : "Stories from the community", { weight: "bolder", spacing: "medium" }));
    for (const story of notice.stories) {
      body.push(paragraph(`**${plain(story.title) || (story.kind === "case" ? "A case" : "A reflection")}**`, { spacing: "small" }));
      body.push(verbatim(clip(story.text.trim(), STORY_CHARS), { italic: true }));
      body.push(subtle(`${plain(story.authorName)}, ${story.kind === "case" ? "shared as a case" : "in answer to a prompt"}`));
    }
  }
  body.push(subtle(`Numbers that fewer than ${notice.minimumGroup} people stand behind are not shown, to protect individuals. Stories are only ever ones their authors shared by name with the whole community.`));
  const link = notice.link ?? links.tab;
  const actions: CardAction[] = link ? [openUrl("Open Insights", link)] : [];
  return adaptiveCard(body, actions, `${plain(notice.communityName)}: ${month} at a glance. Active members: ${show(n.activeMembers)}.`);
}
