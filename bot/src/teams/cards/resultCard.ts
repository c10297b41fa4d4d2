import { ARTIFACT_TYPE_LABELS, type ArtifactSummary, type ArtifactView, type CulturalPriority } from "../../contracts";
import { ADAPTIVE_CARD_VERSION, type AdaptiveCard, adaptiveCard, type CardElement, type CardVersion, clip, openUrl, paragraph, plain, subtle, verbatim } from "./adaptive";
import { confidentialityLine, sharedByLine } from "./caseCard";
import { priorityLine } from "./labels";

/** A library item as search lists it, or in full when it was read (link unfurling). */
export type LibraryItem = ArtifactSummary & Partial<Pick<ArtifactView, "body" | "fields">>;

export const EXCERPT_LENGTH = 200;

export interface ResultCardOptions {
  priorities?: readonly CulturalPriority[];
  /** Link unfurling renders 1.3 cards only; search results use 1.5. */
  version?: CardVersion;
}

/** Markdown reduced to its words, for a one-paragraph excerpt. */
function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)/gm, "")
    .replace(/(\*\*|__|\*|_|~~|`)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The item's summary, or else the start of its situation or body. */
export function excerptOf(item: LibraryItem, max = EXCERPT_LENGTH): string {
  const fields = item.fields;
  const situation = fields?.type === "case-summary" ? fields.situation : fields?.type === "reflection" ? fields.whatHappened : "";
  // Only the start of a long body can show, so only the start is read (the Markdown clean-up is not linear on odd input).
  const text = item.summary.trim() || situation.trim() || markdownToPlain((item.body ?? "").slice(0, 20 * max));
  return clip(text.replace(/\s+/g, " "), max);
}

/**
 * A library item dropped into a chat (search result or unfurled link): type, title,
 * priority, an excerpt, who shared it and an "Open" button. Items not meant for the whole
 * community show no title or excerpt, since everyone in the chat will see the card.
 */
export function resultCard(item: LibraryItem, options: ResultCardOptions = {}): AdaptiveCard {
  const typeLabel = ARTIFACT_TYPE_LABELS[item.type];
  const priority = priorityLine(item.priorities, options.priorities);
  const kicker = [typeLabel, priority].filter(Boolean).map((s) => plain(s!)).join(" · ");
  const title = (text: string): CardElement => ({ type: "TextBlock", text, wrap: true, size: "medium", weight: "bolder", style: "heading", spacing: "small" });
  const confidential = confidentialityLine(item.visibility);
  const body: CardElement[] = [paragraph(kicker, { isSubtle: true, size: "small", spacing: "none" })];
  if (confidential) {
    body.push(title(`A confidential ${typeLabel.toLowerCase()}`), paragraph(confidential));
  } else {
    body.push(title(plain(item.title) || typeLabel));
    const excerpt = excerptOf(item);
    if (excerpt) body.push(verbatim(excerpt, {}, "small"));
    body.push(subtle(sharedByLine(item)));
  }
  const card = adaptiveCard(body, [openUrl("Open", item.link)], confidential ? `A confidential ${typeLabel.toLowerCase()} in Practice Circles.` : `${typeLabel}: ${plain(item.title)}`);
  return { ...card, version: options.version ?? ADAPTIVE_CARD_VERSION };
}

/** The thumbnail Teams lists in the search results: title, type and a short excerpt. */
export interface ResultPreview {
  contentType: "application/vnd.microsoft.card.thumbnail";
  content: { title: string; subtitle: string; text: string };
}

/** Thumbnail text is read as HTML by Teams, so what people wrote is escaped. */
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The row in the search list. Only the person searching sees it, and they may see the
 * item, so it shows the real title; the card they insert follows resultCard's rules.
 */
export function resultPreview(item: LibraryItem): ResultPreview {
  const confidential = item.visibility === "circle" ? " · Peer circle only" : item.visibility === "private" ? " · Private draft" : "";
  return {
    contentType: "application/vnd.microsoft.card.thumbnail",
    content: {
      title: escapeHtml(item.title),
      subtitle: escapeHtml(`${ARTIFACT_TYPE_LABELS[item.type]}${confidential}`),
      text: escapeHtml(excerptOf(item, 120)),
    },
  };
}
