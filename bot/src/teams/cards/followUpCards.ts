import { type FollowUpView } from "../../contracts";
import { actionSet, type AdaptiveCard, adaptiveCard, type CardAction, type CardElement, clip, execute, heading, openUrl, paragraph, plain, subtle, verbatim } from "./adaptive";
import { type CardLinks } from "./links";
import { kicker } from "./sessionCards";
import { dueDateText } from "./sessionTime";
import { type FollowUpDoneView, VERBS } from "./verbs";

/** A follow-up as the nudge and the list show it. */
export interface FollowUpItem {
  followUpId: string;
  communityId: string;
  title: string;
  dueOn: string;
  sessionTitle: string | null;
  overdue: boolean;
}

export const itemOf = (view: Pick<FollowUpView, "id" | "communityId" | "title" | "dueOn" | "sessionTitle" | "overdue">): FollowUpItem => ({
  followUpId: view.id,
  communityId: view.communityId,
  title: view.title,
  dueOn: view.dueOn,
  sessionTitle: view.sessionTitle,
  overdue: view.overdue,
});

const markDone = (item: FollowUpItem, view: FollowUpDoneView) => execute("Mark done", VERBS.followUpDone, { communityId: item.communityId, followUpId: item.followUpId, view }, { style: "positive" });

function dueLine(item: FollowUpItem): string {
  const from = item.sessionTitle ? ` · from ${plain(item.sessionTitle)}` : "";
  return `${item.overdue ? "Was due" : "Due"} ${dueDateText(item.dueOn)}${from}`;
}

/** A nudge before a follow-up is due, or once it is overdue, with "Mark done". */
export function followUpNudgeCard(item: FollowUpItem, options: { communityName?: string; links?: CardLinks } = {}): AdaptiveCard {
  const body: CardElement[] = [
    kicker("Follow-up", options.communityName),
    heading(item.overdue ? "This follow-up is overdue" : "A follow-up is coming due"),
    verbatim(clip(item.title, 300), { weight: "bolder" }),
    paragraph(dueLine(item), { isSubtle: true, spacing: "small", ...(item.overdue ? { color: "attention" as const } : {}) }),
    paragraph(item.overdue ? "No pressure, just a nudge. If it's done, mark it done; if plans changed, update it in the Sessions tab." : "A gentle reminder of what you took on. Done already? Mark it done."),
  ];
  const actions: CardAction[] = [markDone(item, "nudge")];
  if (options.links?.tab) actions.push(openUrl("Open the Circles tab", options.links.tab));
  return adaptiveCard(body, actions, `${item.overdue ? "Overdue" : "Coming due"}: ${plain(item.title)} (due ${dueDateText(item.dueOn)}).`);
}

/** The nudge once marked done. */
export function followUpDoneCard(item: Pick<FollowUpItem, "title">): AdaptiveCard {
  return adaptiveCard([heading("Done. Nice work!"), verbatim(clip(item.title, 300), { weight: "bolder" }), subtle("It's ticked off in the Sessions tab. Your peers will be glad to hear how it went.")], [], `Done: ${plain(item.title)}.`);
}

/** `tasks` lists at most this many; the rest are in the Sessions tab. */
export const TASKS_LIMIT = 10;

/** `tasks`: the reader's open follow-ups, soonest due first, each with "Mark done". */
export function tasksCard(input: { items: FollowUpItem[]; communityName?: string; links?: CardLinks; justDone?: string }): AdaptiveCard {
  const items = [...input.items].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const body: CardElement[] = [kicker("Follow-ups", input.communityName), heading("Your open follow-ups")];
  if (input.justDone) body.push(paragraph(`Marked done: ${plain(clip(input.justDone, 120))}. Nice work!`, { color: "good" }));
  if (!items.length) {
    body.push(paragraph("Nothing open. What you take on in a session will show here, with a nudge before it's due."));
  }
  for (const item of items.slice(0, TASKS_LIMIT)) {
    body.push({
      type: "Container",
      separator: true,
      spacing: "medium",
      items: [
        verbatim(clip(item.title, 200), { weight: "bolder" }),
        paragraph(dueLine(item), { isSubtle: true, spacing: "none", ...(item.overdue ? { color: "attention" as const } : {}) }),
        actionSet([markDone(item, "tasks")], "small"),
      ],
    });
  }
  const more = items.length - TASKS_LIMIT;
  if (more > 0) body.push(subtle(`And ${more} more: see the Sessions tab.`));
  const actions = input.links?.tab ? [openUrl("Open the Circles tab", input.links.tab)] : [];
  const fallback = items.length ? `You have ${items.length} open follow-up${items.length === 1 ? "" : "s"}.` : "You have no open follow-ups.";
  return adaptiveCard(body, actions, fallback);
}
