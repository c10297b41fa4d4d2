import { type FeedbackAnswers, type SessionBrief, FEEDBACK_LIMITS } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, type CardElement, type ChoiceSetInput, execute, heading, paragraph, plain, subtle, type TextInput, verbatim } from "./adaptive";
import { kicker, sessionRef } from "./sessionCards";
import { VERBS } from "./verbs";

export const USEFULNESS_LABELS: Record<string, string> = {
  "1": "1 · Not useful",
  "2": "2 · A little",
  "3": "3 · Useful",
  "4": "4 · Very useful",
  "5": "5 · One of the best",
};


/** After a session: how useful it was and one thing to try. Two questions, a minute at most. */
export function feedbackCard(input: { session: SessionBrief; values?: Partial<FeedbackAnswers>; problem?: string }): AdaptiveCard {
  const { session, values = {} } = input;
  const title = plain(session.title);
  const usefulness: ChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "usefulness",
    label: "How useful was it for you?",
    style: "expanded",
    isRequired: true,
    errorMessage: "Choose 1 to 5.",
    value: values.usefulness === undefined ? "" : String(values.usefulness),
    choices: Object.entries(USEFULNESS_LABELS).map(([value, title]) => ({ title, value })),
  };
  const willTry: TextInput = {
    type: "Input.Text",
    id: "willTry",
    label: "One thing I'll try",
    placeholder: "Something you'll do differently before next time",
    maxLength: FEEDBACK_LIMITS.willTry,
    isMultiline: true,
    value: values.willTry ?? "",
  };
  const body: CardElement[] = [kicker("Feedback", session.communityName), heading(`How was ${title}?`), paragraph("Two quick questions to help the next session be even better.")];
  if (input.problem) body.push(paragraph(input.problem, { color: "attention" }));
  body.push(usefulness, willTry, subtle("Facilitators see the average once five people have answered, never who said what."));
  return adaptiveCard(body, [execute("Send feedback", VERBS.feedbackSubmit, sessionRef(session), { style: "positive" })], `How was ${title}? Tell us how useful it was and one thing you'll try.`);
}

/** The feedback card after sending: thanks, and what they said. */
export function feedbackThanksCard(input: { session: SessionBrief; answers: FeedbackAnswers }): AdaptiveCard {
  const { session, answers } = input;
  const body: CardElement[] = [kicker("Feedback", session.communityName), heading("Thanks for your feedback"), paragraph(`You rated ${plain(session.title)} ${answers.usefulness} of 5.`)];
  if (answers.willTry) body.push(paragraph("One thing you'll try", { weight: "bolder", spacing: "medium" }), verbatim(answers.willTry));
  body.push(subtle("We'll ask how it went at the next session."));
  return adaptiveCard(body, [], "Thanks for your feedback.");
}
