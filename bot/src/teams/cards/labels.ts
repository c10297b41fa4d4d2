import { type CulturalPriority } from "../../contracts";

/** "inclusive-decisions" → "Inclusive decisions": a readable fallback for a slug. */
export function humanize(slug: string): string {
  const words = slug.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "";
}

/** The community's label for a priority slug, or the slug made readable when the label is not at hand. */
export function priorityLabel(slug: string, priorities: readonly CulturalPriority[] = []): string {
  return priorities.find((p) => p.id === slug)?.label ?? humanize(slug);
}

/** All of an item's priorities, as one line. */
export function priorityLine(slugs: readonly string[], priorities: readonly CulturalPriority[] = []): string | undefined {
  return slugs.length ? slugs.map((s) => priorityLabel(s, priorities)).join(", ") : undefined;
}
