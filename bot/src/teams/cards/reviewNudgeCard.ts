import { type AdaptiveCard, adaptiveCard, heading, openUrl, paragraph, plain, subtle } from "./adaptive";

export interface ReviewNudgeInput {
  title: string;
  communityName: string;
  reviewBy: string;
  link: string;
}

/** A gentle note to an item's owner: it has reached its review-by date. */
export function reviewNudgeCard(input: ReviewNudgeInput): AdaptiveCard {
  return adaptiveCard(
    [
      heading("Time for a quick review"),
      paragraph(`**${plain(input.title)}** in ${plain(input.communityName)} was due for review on ${input.reviewBy}.`),
      paragraph("Is it still how your community works? Update it, or set a new review date, so the next manager who finds it can trust it."),
      subtle("You get this once per review date."),
    ],
    [openUrl("Review it now", input.link)],
    `Time to review "${plain(input.title)}".`,
  );
}
