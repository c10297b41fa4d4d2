import { z } from "zod";
import { SPRINT_STEPS } from "./buddies";
import { Id } from "./common";
import { PILOT_LIMITS, PILOT_OUTCOMES, PROMPT_KINDS, PROMPT_LIMITS } from "./practices";
import { CHECK_IN_LIMITS, FEEDBACK_LIMITS, IsoDate, RSVP_ANSWERS } from "./rhythm";

/**
 * What our `Action.Execute` buttons send back: the ids the card carried (`data`) merged
 * with its inputs. Everything arrives as text (a toggle as "true"/"false"); a client that
 * sends a number or boolean is read as its text. Each schema checks the ids and limits
 * the commands need, so a tampered or stale card gets a sentence about what is wrong
 * instead of reaching a command.
 */

/** `value` of an `adaptiveCard/action` invoke: the action, and how it was triggered. */
export const CardActionValue = z.looseObject({
  action: z.looseObject({
    type: z.string().max(40).optional(),
    verb: z.string().min(1, "must name what to do").max(100),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
  /** "automatic" when Teams refreshes a card by itself, "manual" when someone pressed a button. */
  trigger: z.enum(["manual", "automatic"]).nullish(),
});
export type CardActionValue = z.infer<typeof CardActionValue>;

const asText = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v === null ? undefined : v);

/** Free text from an input: trimmed, at most `max` characters, empty when left out. */
const Answer = (max: number) =>
  z.preprocess(asText, z.string({ message: "must be text" }).max(max * 4, `must be at most ${max} characters`).optional()).transform((v, c) => {
    const text = (v ?? "").trim();
    if (text.length > max) c.addIssue({ code: "custom", message: `must be at most ${max} characters` });
    return text;
  });

/** A 1–5 choice; empty means "not answered" when optional. */
const Scale = (required: boolean) =>
  z.preprocess(
    asText,
    z
      .string({ message: "must be a number from 1 to 5" })
      .trim()
      .regex(required ? /^[1-5]$/ : /^[1-5]?$/, "must be a number from 1 to 5")
      .optional()
      .refine((v) => !required || Boolean(v), "must be a number from 1 to 5"),
  ).transform((v) => (v ? Number(v) : undefined));

/** An Input.Toggle: "true" or "false". */
const Toggle = z.preprocess(asText, z.enum(["true", "false"], { message: "must be true or false" }).optional()).transform((v) => v === "true");

/** Text a card carries only to show it again: dropped (never refused) when it is not text or too long. */
const Shown = (max: number) => z.string().max(max).optional().catch(undefined);

const SessionRef = z.looseObject({ communityId: Id, sessionId: Id });

export const RsvpData = SessionRef.extend({
  answer: z.enum(RSVP_ANSWERS, { message: "must be going or not-going" }),
  /** Set by the reminder card, so the answer is that card again. */
  from: z.enum(["reminder", "next"]).optional().catch(undefined),
  minutesBefore: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
});

export const CheckInRefData = SessionRef;

export const CheckInSubmitData = SessionRef.extend({
  win: Answer(CHECK_IN_LIMITS.win),
  challenge: Answer(CHECK_IN_LIMITS.challenge),
  ask: Answer(CHECK_IN_LIMITS.ask),
  energy: Scale(false),
  practice: Answer(CHECK_IN_LIMITS.practice),
  private: Toggle,
});
export type CheckInSubmitData = z.output<typeof CheckInSubmitData>;

export const FeedbackSubmitData = SessionRef.extend({
  usefulness: Scale(true),
  willTry: Answer(FEEDBACK_LIMITS.willTry),
});

export const FollowUpDoneData = z.looseObject({
  communityId: Id,
  followUpId: Id,
  view: z.enum(["nudge", "tasks"]).optional().catch(undefined),
});

export const SwapRequestData = SessionRef.extend({ toUserId: z.preprocess(asText, Id) });

export const SwapDecideData = z.looseObject({
  communityId: Id,
  swapId: Id,
  decision: z.enum(["accept", "decline", "withdraw"], { message: "must be accept, decline or withdraw" }),
});

export const SessionSkipData = SessionRef;

/**
 * A multiselect Input.ChoiceSet's value: the chosen values joined by commas ("" when none).
 * Read as the distinct chosen steps, in the sprint's order.
 */
const StepsChosen = z
  .preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" ? v.split(",") : asText(v)), z.array(z.unknown(), { message: "must be a list of steps" }).max(10, "must be at most 3 steps").optional())
  .transform((chosen, c) => {
    const names = (chosen ?? []).map((s) => (typeof s === "string" ? s.trim().toLowerCase() : s)).filter((s) => s !== "");
    if (names.some((s) => !(SPRINT_STEPS as readonly unknown[]).includes(s))) {
      c.addIssue({ code: "custom", message: `must be chosen from: ${SPRINT_STEPS.join(", ")}` });
      return z.NEVER;
    }
    return SPRINT_STEPS.filter((step) => names.includes(step));
  });

/** A ChoiceSet with a "None" choice: "", "none" or nothing → no practice. */
const OptionalPractice = z.preprocess((v) => {
  const text = asText(v);
  return typeof text === "string" && ["", "none"].includes(text.trim().toLowerCase()) ? undefined : typeof text === "string" ? text.trim() : text;
}, Id.optional());

/** A buddy's mid-sprint or closing check-in (`buddy.reflect`). */
export const BuddyReflectData = z.looseObject({
  communityId: Id,
  roundId: Id,
  groupId: Id,
  kind: z.enum(["mid", "closing"], { message: "must be mid or closing" }),
  stepsDone: StepsChosen,
  text: Answer(1000),
  practiceId: OptionalPractice,
});
export type BuddyReflectData = z.output<typeof BuddyReflectData>;

/** An answer to a posted prompt (`prompt.respond`): `answer`, or the three reflective parts. */
export const PromptRespondData = z.looseObject({
  communityId: Id,
  postingId: Id,
  answer: Answer(PROMPT_LIMITS.answer),
  happened: Answer(PROMPT_LIMITS.happened),
  intended: Answer(PROMPT_LIMITS.intended),
  learned: Answer(PROMPT_LIMITS.learned),
  anonymous: Toggle,
  /** The posting as the card showed it, so a refused answer shows the form again without a read; never trusted for anything else. */
  promptKind: z.enum(PROMPT_KINDS).optional().catch(undefined),
  text: Shown(PROMPT_LIMITS.text),
  value: Shown(40),
  communityName: Shown(200),
});
export type PromptRespondData = z.output<typeof PromptRespondData>;

/** How a pilot went, from the check-back card (`pilot.report`). */
export const PilotReportData = z.looseObject({
  communityId: Id,
  pilotId: Id,
  outcome: z.preprocess(asText, z.enum(PILOT_OUTCOMES, { message: "must be chosen: it worked, mixed, or it didn't work" })),
  whatChanged: Answer(PILOT_LIMITS.whatChanged),
  signal: Answer(PILOT_LIMITS.signal),
  stillUsing: Toggle,
  /** The pilot as the card showed it, so a refused report shows the form again without a read; never trusted for anything else. */
  practiceId: Id.optional().catch(undefined),
  practiceName: Shown(120),
  communityName: Shown(200),
  commitment: Shown(PILOT_LIMITS.commitment),
  startOn: IsoDate.optional().catch(undefined),
  checkBackOn: IsoDate.optional().catch(undefined),
});
export type PilotReportData = z.output<typeof PilotReportData>;

/** How a field is named in an error sentence. */
export const FIELD_NAMES: Record<string, string> = {
  communityId: "The community",
  sessionId: "The session",
  followUpId: "The follow-up",
  swapId: "The swap request",
  toUserId: "The person to ask",
  answer: "The answer",
  decision: "The decision",
  win: "Your win",
  challenge: "Your challenge",
  ask: "Your ask",
  energy: "Energy",
  practice: "The practice",
  private: "Private",
  usefulness: "How useful it was",
  willTry: "The thing you'll try",
  roundId: "The buddy round",
  groupId: "The buddy group",
  kind: "The check-in",
  stepsDone: "The steps done",
  text: "Your reflection",
  practiceId: "The practice",
  postingId: "The prompt",
  happened: "What happened",
  intended: "What you intended",
  learned: "What you learned",
  anonymous: "Anonymous",
  pilotId: "The pilot",
  outcome: "How it went",
  whatChanged: "What changed",
  signal: "The signal you saw",
  stillUsing: "Still using it",
};

/** The first problem as a sentence, e.g. "Energy must be a number from 1 to 5." */
export function describeDataProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The card's data is not valid.";
  const field = issue.path.map(String).join(".");
  const name = FIELD_NAMES[field] ?? (field ? `The field ${field}` : "The card's data");
  const message = issue.code === "invalid_type" && issue.input === undefined ? "is missing" : issue.message;
  return `${name} ${message.replace(/\.$/, "")}.`;
}
