/** Pure view logic for the Buddies scene: where a sprint is, why there is no buddy, what a draft round says. */
import { type BuddiesOverview, type BuddyGroupView, type BuddyRoundView, type BuddyRule, type MyBuddyPreferences } from "../../../../bot/src/contracts";
import { plural } from "../../lib/format";

export type Current = NonNullable<BuddiesOverview["current"]>;
export type Person = BuddyGroupView["members"][number];
export type Sprint = Current["sprint"];

/** The sprint's milestones in order, each with its day; `here` marks the one the reader is at. */
export function sprintTimeline(sprint: Sprint, steps: readonly string[], today: string): { label: string; on: string; here: boolean }[] {
  const marks = [
    { label: `Start: ${steps[0] ?? "observe"}`, on: sprint.startsOn },
    { label: `Mid-sprint check-in${steps[1] ? `, then ${steps[1]}` : ""}`, on: sprint.midOn },
    { label: `Closing check-in${steps[2] ? ` after you ${steps[2]}` : ""}`, on: sprint.endsOn },
  ];
  // The last milestone reached; before the start, the start itself.
  let here = 0;
  marks.forEach((m, i) => {
    if (m.on <= today) here = i;
  });
  return marks.map((m, i) => ({ ...m, here: i === here }));
}

/** The check-in due now: the closing one from the middle of the sprint once the mid one is in. */
export function dueCheckIn(current: Pick<Current, "sprint" | "reflections">, today: string): "mid" | "closing" {
  const hasMid = current.reflections.some((r) => r.kind === "mid");
  if (today >= current.sprint.endsOn) return "closing";
  return hasMid && today >= current.sprint.midOn ? "closing" : "mid";
}

/** Why I have no buddy right now, in words. */
export function noBuddyReason(prefs: MyBuddyPreferences, history: BuddiesOverview["history"], today: string, formatDay: (day: string) => string): { title: string; body: string } {
  if (prefs.optedOut) return { title: "You've opted out of buddy rounds", body: "You won't be paired until you opt back in under My preferences." };
  if (prefs.snoozeUntil && prefs.snoozeUntil >= today)
    return { title: `Snoozed until ${formatDay(prefs.snoozeUntil)}`, body: "You're left out of rounds until then, and back in the draw the day after by yourself." };
  if (history.length === 0) return { title: "No buddy round yet", body: "When a facilitator publishes the first round, you'll get an introduction card and your buddy shows here." };
  return { title: "No buddy sprint running for you", body: "Your last sprint has ended. You'll hear from your next buddy when a facilitator publishes the next round." };
}

/** "Priya Raman" or "Priya Raman and Sam Whitaker": the buddies other than me. */
export function buddyNames(group: BuddyGroupView, me: string): string {
  const names = group.members.filter((m) => m.userId !== me).map((m) => m.displayName);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "83%" of groups that mix departments. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A round's cross-department share against the best the departments allow. */
export function shareText(round: Pick<BuddyRoundView, "crossDepartmentShare" | "bestCrossDepartmentShare">): string {
  const share = `${percent(round.crossDepartmentShare)} of groups mix departments`;
  return round.crossDepartmentShare >= round.bestCrossDepartmentShare ? `${share}, the best these departments allow.` : `${share}; the best these departments allow is ${percent(round.bestCrossDepartmentShare)}.`;
}

/** What giving up each rule means, for the facilitator who has to publish it. */
export function relaxedText(rule: BuddyRule, noRepeatRounds: number): string {
  switch (rule) {
    case "cross-department":
      return "Some groups share a department: there weren't enough people in other departments to go round.";
    case "no-repeat":
      return `Some people are paired again within ${plural(noRepeatRounds, "round", "rounds")}: no one new was left for them.`;
    case "outside-reporting-line":
      return "Some people are paired within their own reporting line: nothing else was possible. Consider a swap.";
  }
}

/** Short form of a rule a single group breaks. */
export const RELAXED_BADGE: Record<BuddyRule, string> = {
  "cross-department": "Same department",
  "no-repeat": "Paired recently",
  "outside-reporting-line": "Same reporting line",
};

/** "Pair 2" or "Trio 3". */
export function groupLabel(group: Pick<BuddyGroupView, "members">, index: number): string {
  return `${group.members.length === 3 ? "Trio" : "Pair"} ${index + 1}`;
}

export interface SwapOption {
  person: Person;
  groupLabel: string;
}

/** Everyone `userId` can be swapped with: the people in the other groups. */
export function swapOptions(round: Pick<BuddyRoundView, "groups">, userId: string): SwapOption[] {
  const own = round.groups.findIndex((g) => g.members.some((m) => m.userId === userId));
  return round.groups.flatMap((g, i) => (i === own ? [] : g.members.map((person) => ({ person, groupLabel: groupLabel(g, i) }))));
}

/** How many people get an introduction card when the round is published. */
export function peopleIn(round: Pick<BuddyRoundView, "groups">): number {
  return round.groups.reduce((sum, g) => sum + g.members.length, 0);
}

/** People I could put on my don't-pair list: everyone I know of but me and those already on it. */
export function avoidCandidates<P extends { userId: string; displayName: string }>(people: readonly P[], me: string, listed: readonly { userId: string }[]): P[] {
  const taken = new Set([me, ...listed.map((p) => p.userId)]);
  const seen = new Set<string>();
  return people
    .filter((p) => !taken.has(p.userId) && !seen.has(p.userId) && seen.add(p.userId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
