import { reportPilot } from "../../commands/practices";
import { answerPosting } from "../../commands/prompts";
import { PilotReportData, PromptRespondData } from "../../contracts/cardActions";
import { isAppError } from "../../domain/errors";
import { pilotCheckBackCard, type PilotFormRef, pilotReportedCard, promptAnsweredCard, promptCard, type PromptFormRef } from "../cards";
import { acted } from "./cardActionHandlers";
import { cardAnswer, messageAnswer, readAction } from "./cardResponses";
import { type InvokeHandler } from "./deps";
import { communityNameOf, refusalOf, refusalSentence } from "./rhythmHelpers";

/**
 * The prompt and pilot cards' buttons: an answer to a posted prompt, and a pilot's
 * check-back report. Each reads the button's data, runs one command and answers with the
 * card that replaces the one acted on. A refusal shows the form again with the command's
 * sentence and what was typed, rebuilt from what the card carried (no extra read).
 */

/** How a form's inputs are named in a sentence. */
const PROMPT_INPUT_NAMES: Record<string, string> = {
  answer: "Your answer",
  happened: "What happened",
  intended: "What you intended",
  learned: "What you learned",
  anonymous: "Share without my name",
};
const PILOT_INPUT_NAMES: Record<string, string> = {
  outcome: "How it went",
  whatChanged: "What changed",
  signal: "The signal you saw",
  stillUsing: "Still using it",
};

/**
 * A command's refusal as a sentence for the form, and the input it is about. Refusals about
 * a field start with its id ("happened: must not be empty", "answer: write your answer…");
 * on a card that reads "What happened must not be empty." or "Write your answer…".
 * Anything that is not a refusal is rethrown (the router answers for it).
 */
export function refusalFor(error: unknown, names: Record<string, string>): { problem: string; problemField?: string } {
  const message = refusalOf(error);
  const field = isAppError(error) ? error.field : undefined;
  // Without a field, the sentence as people read it (something gone says what to do about it).
  if (!field) return { problem: refusalSentence(error) };
  if (!Object.hasOwn(names, field)) return { problem: message };
  const prefix = `${field}: `;
  if (!message.startsWith(prefix)) return { problem: message, problemField: field };
  const rest = message.slice(prefix.length).trim().replace(/\.$/, "");
  const problem = /^(must|is|are|can|cannot|should)\b/.test(rest) ? `${names[field]} ${rest}.` : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}.`;
  return { problem, problemField: field };
}

/** The posting as the card showed it, when the button carried enough of it to show the form again. */
function promptFormOf(data: PromptRespondData): PromptFormRef | undefined {
  if (!data.promptKind || !data.text) return undefined;
  return { communityId: data.communityId, postingId: data.postingId, promptKind: data.promptKind, text: data.text, value: data.value ?? "", communityName: data.communityName ?? "" };
}

/** The pilot as the card showed it, when the button carried enough of it to show the form again. */
function pilotFormOf(data: PilotReportData): PilotFormRef | undefined {
  if (!data.practiceName || !data.startOn) return undefined;
  return {
    communityId: data.communityId,
    communityName: data.communityName ?? "",
    pilotId: data.pilotId,
    practiceId: data.practiceId ?? "",
    practiceName: data.practiceName,
    commitment: data.commitment ?? "",
    startOn: data.startOn,
    checkBackOn: data.checkBackOn ?? "",
  };
}

/**
 * `prompt.respond`: saves the answer (optionally without the name) and answers with thanks
 * and what was recorded. Refused (a reflective answer without what happened, not a member,
 * an unknown posting) → the form again with the sentence and what was typed.
 */
export const onPromptRespond: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, PromptRespondData, "This answer"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  const input = { answer: data.answer, happened: data.happened, intended: data.intended, learned: data.learned, anonymous: data.anonymous };
  let reflection;
  try {
    ({ reflection } = await answerPosting(deps.ctx, identity, data.communityId, data.postingId, input));
  } catch (error) {
    const { problem, problemField } = refusalFor(error, PROMPT_INPUT_NAMES);
    const form = promptFormOf(data);
    return form ? cardAnswer(promptCard(form, { problem, problemField, values: input })) : messageAnswer(problem);
  }
  const name = await communityNameOf(deps.ctx, identity, data.communityId);
  return cardAnswer(promptAnsweredCard({ reflection, communityId: data.communityId, communityName: name }));
};

/**
 * `pilot.report`: records how the pilot went (it becomes evidence for the practice) and
 * answers with thanks and the report. Refused (someone else's pilot, a withdrawn one) →
 * the form again with the sentence and what was typed.
 */
export const onPilotReport: InvokeHandler = async (turn, deps) => {
  const a = acted(turn, readAction(turn, PilotReportData, "This report"));
  if ("answer" in a) return a.answer;
  const { identity, data } = a;
  const input = { outcome: data.outcome, whatChanged: data.whatChanged, signal: data.signal, stillUsing: data.stillUsing };
  let reported;
  try {
    reported = await reportPilot(deps.ctx, identity, data.communityId, data.pilotId, input);
  } catch (error) {
    const { problem, problemField } = refusalFor(error, PILOT_INPUT_NAMES);
    const form = pilotFormOf(data);
    return form ? cardAnswer(pilotCheckBackCard(form, { problem, problemField, values: input })) : messageAnswer(problem);
  }
  const name = await communityNameOf(deps.ctx, identity, data.communityId);
  return cardAnswer(pilotReportedCard({ pilot: reported.pilot, practice: reported.practice, communityId: data.communityId, communityName: name }));
};
