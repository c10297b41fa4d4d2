import { type ArtifactView, type CulturalPriority } from "../../contracts";
import { type AdaptiveCard, adaptiveCard, type CardAction, type CardElement, clip, facts, heading, openUrl, paragraph, plain, subtle, verbatim } from "./adaptive";
import { priorityLine } from "./labels";

/** How much of the situation and question a card shows; the rest is one click away in the tab. */
export const CASE_CARD_LIMITS = { situation: 700, question: 400 } as const;

export interface CaseCardOptions {
  /** The community's priorities, for their labels (slugs are made readable without them). */
  priorities?: readonly CulturalPriority[];
}

/** The author line: a name only when the share is not anonymous, and never an id. */
export function sharedByLine(item: Pick<ArtifactView, "anonymous" | "author">): string {
  return item.anonymous || !item.author ? "Shared anonymously" : `Shared by ${plain(item.author.displayName) || "a member"}`;
}

/** Who may open an item that is not for the whole community, in words. */
export function confidentialityLine(visibility: ArtifactView["visibility"]): string | undefined {
  if (visibility === "circle") return "Only members of its peer circle can open it.";
  if (visibility === "private") return "It is a private draft: only the person who shared it can open it.";
  return undefined;
}

/**
 * A shared case as it is posted in a chat: the situation, the question for the group,
 * its priority and who shared it (or "Shared anonymously", with no name or id anywhere).
 * A case only a circle (or its author) may see is posted without its content, since
 * everyone in the chat sees the card; the button still opens it for those allowed.
 */
export function caseCard(view: ArtifactView, options: CaseCardOptions = {}): AdaptiveCard {
  const actions: CardAction[] = [openUrl("Open in Circles", view.link)];
  if (view.source?.kind === "teams-message" && view.source.messageLink) actions.push(openUrl("View original message", view.source.messageLink));

  const confidential = confidentialityLine(view.visibility);
  if (confidential) {
    return adaptiveCard(
      [paragraph("Case", { isSubtle: true, size: "small", weight: "bolder", spacing: "none" }), heading("A confidential case"), paragraph(confidential)],
      actions,
      "A confidential case was shared in Practice Circles.",
    );
  }

  const fields = view.fields.type === "case-summary" ? view.fields : undefined;
  const situation = (fields?.situation ?? view.summary).trim();
  const question = (fields?.question ?? "").trim();
  const body: CardElement[] = [
    paragraph("Case", { isSubtle: true, size: "small", weight: "bolder", spacing: "none" }),
    heading(plain(view.title) || "A case for the group"),
  ];
  if (situation) body.push(verbatim(clip(situation, CASE_CARD_LIMITS.situation)));
  if (question) body.push(paragraph("Question for the group", { weight: "bolder", spacing: "medium" }), verbatim(clip(question, CASE_CARD_LIMITS.question)));
  const priority = priorityLine(view.priorities, options.priorities);
  if (priority) body.push(facts([["Priority", plain(priority)]]));
  body.push(subtle(sharedByLine(view)));
  return adaptiveCard(body, actions, `Case: ${plain(view.title)}`);
}
