import { type Notice, type SPRINT_STEPS } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  type ChoiceSetInput,
  execute,
  facts,
  heading,
  openUrl,
  paragraph,
  plain,
  subtle,
  type TextInput,
  verbatim,
} from "./adaptive";
import { humanize } from "./labels";
import { type CardLinks } from "./links";
import { kicker } from "./sessionCards";
import { dueDateText } from "./sessionTime";
import { VERBS } from "./verbs";

export type BuddyIntroNotice = Extract<Notice, { kind: "buddy.intro" }>;
export type BuddyCheckInNotice = Extract<Notice, { kind: "buddy.checkin" }>;
export type ReflectionKind = BuddyCheckInNotice["stage"];

/** The check-in form's inputs, by the ids Teams submits them under. */
export const BUDDY_CHECK_IN_FIELDS = ["stepsDone", "text", "practiceId"] as const;
/** What the reflection text may hold (ReflectionRequest's limit). */
export const REFLECTION_TEXT_LIMIT = 1000;
/** The practice choice that links the reflection to nothing. */
export const NO_PRACTICE = "none";

/** What each known step asks, in a few words. */
const STEP_HINTS: Record<(typeof SPRINT_STEPS)[number], string> = {
  observe: "Sit in on one of your buddy's meetings or one-to-ones, and let them sit in on one of yours.",
  "give feedback": "Share what you noticed, one thing that worked and one thing to try.",
  "try one adjustment": "Pick one small change from the feedback you got, and try it.",
};

const isKnownStep = (step: string): step is (typeof SPRINT_STEPS)[number] => Object.hasOwn(STEP_HINTS, step);

/** "Alex", "Alex and Sam", "Alex, Sam and Kim". */
export function namesLine(names: readonly string[]): string {
  const clean = names.map((n) => plain(n) || "a colleague");
  if (clean.length <= 1) return clean[0] ?? "your buddy";
  return `${clean.slice(0, -1).join(", ")} and ${clean[clean.length - 1]}`;
}

/** "different departments, never paired before" → "Different departments, never paired before." */
function reasonsSentence(reasons: readonly string[]): string | undefined {
  const text = reasons
    .map((r) => plain(r).replace(/[.;,]+$/, ""))
    .filter(Boolean)
    .join(", ");
  return text ? `${humanize(text)}.` : undefined;
}

/** The steps, numbered, each with what it asks when it is one we know. */
function stepFacts(steps: readonly string[]): CardElement {
  return {
    type: "FactSet",
    facts: steps.map((step, i) => ({ title: `${i + 1}.`, value: isKnownStep(step) ? `${humanize(step)}: ${STEP_HINTS[step]}` : humanize(plain(step)) })),
  };
}

const sprintRange = (sprint: BuddyIntroNotice["sprint"]) => `${dueDateText(sprint.startsOn)} to ${dueDateText(sprint.endsOn)}`;

/**
 * The introduction each member gets when a round is published: who their buddy is (or
 * buddies, in a trio), why they were paired, the sprint's steps and dates, and a button
 * that opens a Teams chat with them.
 */
export function buddyIntroCard(notice: BuddyIntroNotice, links: CardLinks = {}): AdaptiveCard {
  const trio = notice.buddies.length > 1;
  const names = namesLine(notice.buddies.map((b) => b.displayName));
  const body: CardElement[] = [
    kicker("Buddies", notice.communityName),
    heading(trio ? "Meet your buddies" : "Meet your buddy"),
    paragraph(
      trio
        ? `For the next sprint you're in a trio with ${names}. You'll learn from each other's way of managing, one small step at a time.`
        : `For the next sprint you're paired with ${names}. You'll learn from each other's way of managing, one small step at a time.`,
    ),
  ];
  for (const buddy of notice.buddies) {
    const about = [buddy.title ? plain(buddy.title) : "", plain(buddy.department)].filter(Boolean).join(" · ");
    body.push({
      type: "Container",
      separator: true,
      spacing: "medium",
      items: [paragraph(plain(buddy.displayName) || "A colleague", { weight: "bolder", spacing: "none" }), ...(about ? [paragraph(about, { isSubtle: true, spacing: "none" })] : [])],
    });
  }
  const why = reasonsSentence(notice.reasons);
  if (why) body.push(paragraph(trio ? "Why you're together" : "Why you're paired", { weight: "bolder", spacing: "medium" }), paragraph(why, { spacing: "small" }));
  body.push(paragraph(`Your sprint: ${sprintRange(notice.sprint)}`, { weight: "bolder", spacing: "medium" }));
  if (notice.steps.length) body.push(stepFacts(notice.steps));
  body.push(
    facts([
      ["Starts", dueDateText(notice.sprint.startsOn)],
      ["Check-in", `${dueDateText(notice.sprint.midOn)} (halfway)`],
      ["Ends", dueDateText(notice.sprint.endsOn)],
    ]),
    subtle("A good start: send a message today and find a time to meet. I'll check in with you halfway and at the end."),
  );
  const actions: CardAction[] = [];
  if (notice.chatLink) actions.push(openUrl(`Message ${notice.buddies.length ? names : "your buddy"}`, notice.chatLink));
  if (links.tab) actions.push(openUrl("Open the Buddies tab", links.tab));
  return adaptiveCard(body, actions, `Meet your ${trio ? "buddies" : "buddy"}: ${names}. Your sprint runs ${sprintRange(notice.sprint)}.`);
}

/** The ids the check-in button carries. */
export const buddyRef = (notice: Pick<BuddyCheckInNotice, "communityId" | "roundId" | "groupId" | "stage">) => ({
  communityId: notice.communityId,
  roundId: notice.roundId,
  groupId: notice.groupId,
  kind: notice.stage,
});

/**
 * The mid-sprint or closing check-in, to each member of a pair (or trio): which steps
 * they did, a few words, and for the closing one a practice it can count towards.
 */
export function buddyCheckInCard(notice: BuddyCheckInNotice): AdaptiveCard {
  const closing = notice.stage === "closing";
  const names = namesLine(notice.buddyNames);
  const body: CardElement[] = [
    kicker(closing ? "Buddy sprint · closing check-in" : "Buddy sprint · halfway check-in", notice.communityName),
    heading(closing ? "How did your sprint go?" : "Halfway through your sprint"),
    paragraph(
      closing
        ? `Your sprint with ${names} ends ${dueDateText(notice.sprint.endsOn)}. Take a minute to look back on what you tried and what you'll keep.`
        : `You're halfway through your sprint with ${names} (it ends ${dueDateText(notice.sprint.endsOn)}). A minute to note where you are helps you both keep going.`,
    ),
  ];
  if (notice.steps.length) {
    const steps: ChoiceSetInput = {
      type: "Input.ChoiceSet",
      id: "stepsDone",
      label: closing ? "Which steps did you do?" : "Which steps have you done so far?",
      isMultiSelect: true,
      style: "expanded",
      value: "",
      choices: notice.steps.map((step) => ({ title: humanize(plain(step)), value: step })),
    };
    body.push(steps);
  }
  const text: TextInput = {
    type: "Input.Text",
    id: "text",
    label: closing ? "What did you learn, and what will you keep doing?" : "What has happened so far?",
    placeholder: closing ? "e.g. I now ask one open question before giving my view" : "e.g. We met once, and I sat in on my buddy's team meeting",
    isMultiline: true,
    maxLength: REFLECTION_TEXT_LIMIT,
    value: "",
  };
  body.push(text);
  if (closing && notice.practices.length) {
    const practice: ChoiceSetInput = {
      type: "Input.ChoiceSet",
      id: "practiceId",
      label: "Count this as evidence for a practice (optional)",
      style: "compact",
      value: NO_PRACTICE,
      choices: [{ title: "None", value: NO_PRACTICE }, ...notice.practices.map((p) => ({ title: plain(p.name) || "A practice", value: p.id }))],
    };
    body.push(practice);
  }
  body.push(subtle("Every question is optional. Your answers go to the Buddies tab, where you can look back on your sprint."));
  return adaptiveCard(
    body,
    [execute(closing ? "Send my reflection" : "Send my check-in", VERBS.buddyReflect, buddyRef(notice), { style: "positive" })],
    closing ? `Your buddy sprint with ${names} is ending: how did it go?` : `Halfway through your buddy sprint with ${names}: how is it going?`,
  );
}

export interface BuddyReflectionThanksInput {
  reflection: { kind: ReflectionKind; stepsDone: string[]; text: string; practiceId?: string };
  communityName?: string;
  /** The linked practice's name, when known. */
  practiceName?: string;
}

/** The check-in card after sending: thanks, and what was recorded. */
export function buddyReflectionThanksCard(input: BuddyReflectionThanksInput): AdaptiveCard {
  const { reflection } = input;
  const closing = reflection.kind === "closing";
  const body: CardElement[] = [
    kicker(closing ? "Buddy sprint · closing check-in" : "Buddy sprint · halfway check-in", input.communityName),
    heading(closing ? "Thanks for your reflection" : "Thanks for checking in"),
  ];
  body.push(
    facts([["Steps done", reflection.stepsDone.length ? reflection.stepsDone.map((s) => humanize(plain(s))).join(", ") : "None yet"]]),
  );
  if (reflection.text) body.push(paragraph(closing ? "What you'll keep doing" : "What's happened so far", { weight: "bolder", spacing: "medium" }), verbatim(reflection.text));
  if (reflection.practiceId) body.push(paragraph(input.practiceName ? `Counted as evidence for **${plain(input.practiceName)}**.` : "Counted as evidence for the practice you chose.", { spacing: "medium" }));
  body.push(subtle(closing ? "Well done on finishing the sprint. Keep the conversation going with your buddy." : "Keep going: give feedback, then try one adjustment before the sprint ends."));
  return adaptiveCard(body, [], closing ? "Thanks for your reflection." : "Thanks for checking in.");
}
