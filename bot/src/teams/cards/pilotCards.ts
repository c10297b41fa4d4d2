import { type Notice, PILOT_LIMITS, PILOT_OUTCOME_LABELS, PILOT_OUTCOMES, type PilotOutcome, type PilotView, PRACTICE_STAGE_LABELS, type PracticeStage } from "../../contracts";
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  type ChoiceSetInput,
  execute,
  facts,
  fieldError,
  heading,
  labelled,
  openUrl,
  paragraph,
  plain,
  subtle,
  type TextInput,
  type ToggleInput,
  verbatim,
} from "./adaptive";
import { namesLine } from "./buddyCards";
import { type CardLinks } from "./links";
import { countOf, kicker } from "./sessionCards";
import { dueDateText } from "./sessionTime";
import { VERBS } from "./verbs";

export type PilotCheckBackNotice = Extract<Notice, { kind: "pilot.checkback" }>;
export type PracticeHabitNotice = Extract<Notice, { kind: "practice.habit" }>;

/** The check-back form's inputs, by the ids Teams submits them under. */
export const PILOT_REPORT_FIELDS = ["outcome", "whatChanged", "signal", "stillUsing"] as const;

/** What was typed, shown again when a report is refused. */
export interface PilotReportValues {
  outcome?: string;
  whatChanged?: string;
  signal?: string;
  stillUsing?: boolean;
}

export interface PilotFormOptions {
  /** Why the last report was not saved, in a sentence, above the form. */
  problem?: string;
  /** The input the problem is about: when it is one of the form's, the sentence goes under it instead of above the form. */
  problemField?: string;
  values?: PilotReportValues;
}

/** What the check-back card needs of a pilot (the notice has it all; a refused report rebuilds it from the button's data). */
export type PilotFormRef = Omit<PilotCheckBackNotice, "kind">;

/**
 * The ids the Send button carries, and the pilot as the card shows it, so a refused report
 * shows this form again (with the sentence) without a read.
 */
export const pilotRef = (ref: PilotFormRef): Record<string, string> => ({
  communityId: ref.communityId,
  pilotId: ref.pilotId,
  practiceId: ref.practiceId,
  practiceName: ref.practiceName,
  communityName: ref.communityName,
  commitment: ref.commitment,
  startOn: ref.startOn,
  checkBackOn: ref.checkBackOn,
});

const practiceNameOf = (name: string) => plain(name) || "the practice";

/**
 * At the check-back date, to the manager who piloted a practice: how it went, what
 * changed, which signal they saw, and whether they still use it. The report becomes
 * evidence for the practice on the progress map.
 */
export function pilotCheckBackCard(notice: PilotFormRef, options: PilotFormOptions = {}): AdaptiveCard {
  const values = options.values ?? {};
  const name = practiceNameOf(notice.practiceName);
  const body: CardElement[] = [
    kicker("Pilot check-back", notice.communityName),
    heading("How did your pilot go?"),
    paragraph(`On ${dueDateText(notice.startOn)} you started trying **${name}** with your team. A few words on how it went help everyone decide whether it's worth keeping.`),
  ];
  if (notice.commitment.trim()) body.push(paragraph("What you set out to do", { weight: "bolder", spacing: "medium" }), verbatim(notice.commitment.trim(), {}, "small"));
  const onField = Boolean(options.problemField && PILOT_REPORT_FIELDS.some((f) => f === options.problemField));
  if (options.problem && !onField) body.push(paragraph(options.problem, { color: "attention", spacing: "medium" }));
  const outcome: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "outcome",
    label: "How did it go?",
    style: "expanded",
    isRequired: true,
    errorMessage: "Choose how it went: it worked, mixed, or it didn't work.",
    value: values.outcome && (PILOT_OUTCOMES as readonly string[]).includes(values.outcome) ? values.outcome : "",
    choices: PILOT_OUTCOMES.map((value) => ({ title: PILOT_OUTCOME_LABELS[value], value })),
    spacing: "medium",
  };
  const whatChanged: TextInput = {
    type: "Input.Text",
    id: "whatChanged",
    label: "What changed?",
    placeholder: "e.g. Quieter people now speak up before I give my view",
    isMultiline: true,
    maxLength: PILOT_LIMITS.whatChanged,
    value: values.whatChanged ?? "",
  };
  const signal: TextInput = {
    type: "Input.Text",
    id: "signal",
    label: "Which signal did you see?",
    placeholder: "e.g. Three new ideas in our last planning meeting",
    isMultiline: true,
    maxLength: PILOT_LIMITS.signal,
    value: values.signal ?? "",
  };
  const stillUsing: ToggleInput = {
    type: "Input.Toggle",
    id: "stillUsing",
    label: "Today",
    title: "I'm still using it",
    value: values.stillUsing ? "true" : "false",
    valueOn: "true",
    valueOff: "false",
    spacing: "medium",
  };
  for (const input of [outcome, whatChanged, signal, stillUsing]) {
    body.push(input);
    if (options.problem && options.problemField === input.id) body.push(fieldError(input.id, options.problem));
  }
  body.push(subtle("Your report counts as evidence for the practice on the progress map, whatever the outcome. Sending again replaces it."));
  return adaptiveCard(body, [execute("Send my report", VERBS.pilotReport, pilotRef(notice), { style: "positive" })], `How did your pilot of ${name} go?`);
}

export interface PilotReportedInput {
  pilot: PilotView;
  practice: { id: string; name: string; stage: PracticeStage };
  /** The community the pilot belongs to (the form's button needs it when `problem` is set). */
  communityId: string;
  communityName?: string;
  /** Set when the report was not saved: the form again, with this sentence. */
  problem?: string;
  problemField?: string;
  values?: PilotReportValues;
}

const outcomeLabel = (outcome: PilotOutcome) => PILOT_OUTCOME_LABELS[outcome] ?? outcome;

/**
 * The check-back card after reporting: thanks, the report as recorded, and that it now
 * counts as evidence for the practice. With `problem`, the form again so nothing is lost.
 */
export function pilotReportedCard(input: PilotReportedInput): AdaptiveCard {
  const { pilot, practice } = input;
  if (input.problem || !pilot.report) {
    const ref: PilotFormRef = {
      communityId: input.communityId,
      communityName: input.communityName ?? "",
      pilotId: pilot.id,
      practiceId: practice.id,
      practiceName: practice.name,
      commitment: pilot.commitment,
      startOn: pilot.startOn,
      checkBackOn: pilot.checkBackOn,
    };
    const saved: PilotReportValues | undefined = pilot.report
      ? { outcome: pilot.report.outcome, whatChanged: pilot.report.whatChanged, signal: pilot.report.signal, stillUsing: pilot.report.stillUsing }
      : undefined;
    return pilotCheckBackCard(ref, { problem: input.problem, problemField: input.problemField, values: input.values ?? saved });
  }
  const report = pilot.report;
  const name = practiceNameOf(practice.name);
  const body: CardElement[] = [
    kicker("Pilot check-back", input.communityName),
    heading("Thanks for your report"),
    facts([
      ["Practice", name],
      ["How it went", outcomeLabel(report.outcome)],
      ["Still using it", report.stillUsing ? "Yes" : "No"],
      ["Tried for", report.weeksUsed > 0 ? countOf(report.weeksUsed, "week") : "Less than a week"],
    ]),
  ];
  if (report.whatChanged) body.push(labelled("What changed", report.whatChanged));
  if (report.signal) body.push(labelled("The signal you saw", report.signal));
  body.push(
    paragraph(`Counted as evidence for **${name}**, now at the ${PRACTICE_STAGE_LABELS[practice.stage] ?? practice.stage} stage.`, { spacing: "medium" }),
    subtle("Thank you for trying something new with your team. Your experience helps others decide what to try next."),
  );
  return adaptiveCard(body, [], `Thanks for your report: counted as evidence for ${name}.`);
}

/**
 * The celebration in the community channel when a practice reaches Habit: what it is, the
 * evidence that got it there, and thanks to the people whose pilots did.
 */
export function practiceHabitCard(notice: PracticeHabitNotice, links: CardLinks = {}): AdaptiveCard {
  const name = practiceNameOf(notice.practiceName);
  const people = notice.thanks.map((n) => plain(n)).filter(Boolean);
  const body: CardElement[] = [kicker("Celebration", notice.communityName), heading(`A new habit: ${name}`)];
  if (notice.description.trim()) body.push(verbatim(notice.description.trim(), {}, "small"));
  body.push(
    facts([
      ["Priority", plain(notice.priorityLabel)],
      ["Evidence", plain(notice.evidenceLine)],
    ]),
    paragraph(
      people.length
        ? `Thank you, ${namesLine(people)}: you tried it with your teams and said how it went. That's how an idea becomes how we lead.`
        : "Thank you to everyone who tried it with their teams and said how it went. That's how an idea becomes how we lead.",
      { spacing: "medium" },
    ),
    subtle("Haven't tried it yet? Find it on the progress map and start a pilot of your own."),
  );
  const link = notice.link ?? links.tab;
  const actions: CardAction[] = link ? [openUrl("Open the progress map", link)] : [];
  return adaptiveCard(body, actions, people.length ? `${name} is now a habit. Thank you, ${namesLine(people)}.` : `${name} is now a habit.`);
}
