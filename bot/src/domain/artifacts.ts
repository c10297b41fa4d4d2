import { DateTime } from "luxon";
import { type ArtifactContent, type ArtifactFields, type ArtifactSource, type ArtifactType, type Community } from "../contracts";
import { badRequest } from "./errors";

const CONTENT_KEYS = ["title", "summary", "body", "fields", "priorities", "topics", "sessionId", "practiceId", "visibility", "circleId", "anonymous", "reviewBy"] as const;

/** A circle item without a named circle goes to the author's circle when they have exactly one. */
export function withDefaultCircle(content: ArtifactContent, authorCircleIds: string[]): ArtifactContent {
  return content.visibility === "circle" && !content.circleId && authorCircleIds.length === 1 ? { ...content, circleId: authorCircleIds[0] } : content;
}

/** The author's choices must fit the community: a known priority, a circle they are in, fields of the item's type. */
export function checkContent(content: ArtifactContent, type: ArtifactType, community: Pick<Community, "culturalPriorities">, authorCircleIds: string[]): void {
  if (content.fields.type !== type) throw badRequest(`fields.type: must be ${type}, the item's type`, "fields.type");
  const known = new Set(community.culturalPriorities.map((p) => p.id));
  const unknown = content.priorities.find((p) => !known.has(p));
  if (unknown) throw badRequest(`priorities: '${unknown}' is not one of this community's priorities (${[...known].join(", ")})`, "priorities");
  if (content.visibility === "circle") {
    if (!content.circleId) throw badRequest("circleId: choose the peer circle that may see this item", "circleId");
    if (!authorCircleIds.includes(content.circleId)) throw badRequest("circleId: you can share only with a peer circle you belong to", "circleId");
  } else if (content.circleId) {
    throw badRequest("circleId: only items visible to a circle name one; remove it or set visibility to circle", "circleId");
  }
  if (content.anonymous && type !== "case-summary" && type !== "reflection")
    throw badRequest("anonymous: only cases and reflections can be shared anonymously", "anonymous");
  // Anonymous shares are confidential: they stay inside the author's peer circle.
  if (content.anonymous && content.visibility !== "circle")
    throw badRequest("visibility: an anonymous share stays inside your peer circle; choose your circle, or share under your name", "visibility");
}

/**
 * Where an item came from, as it may be kept and shown: a link to the original Teams
 * message names its sender, so an anonymous item keeps only the kind of source.
 */
export function sourceFor(anonymous: boolean, source: ArtifactSource | undefined): ArtifactSource | undefined {
  return source?.kind === "teams-message" && anonymous ? { kind: "teams-message" } : source;
}

/** Which content fields differ between two versions, for the history's "what changed". */
export function changedFields(before: ArtifactContent, after: ArtifactContent): string[] {
  return CONTENT_KEYS.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

export function pickContent(a: ArtifactContent): ArtifactContent {
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_KEYS) if (a[k] !== undefined) out[k] = a[k];
  return out as ArtifactContent;
}

/** Lower-cased words of everything a search should find: title, summary, body, fields and tags. */
export function searchTextOf(content: ArtifactContent): string {
  const fieldText = Object.entries(content.fields)
    .filter(([k]) => k !== "type")
    .map(([, v]) => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : Object.values(x).join(" "))).join(" ") : String(v ?? "")))
    .join(" ");
  return [content.title, content.summary, content.body, fieldText, content.topics.join(" "), content.priorities.join(" ").replace(/-/g, " ")]
    .join(" ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .slice(0, 60_000);
}

/** The words of a search box: up to five, lower-cased, each at least two characters. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/\s+/).filter((w) => w.length >= 2))].slice(0, 5);
}

/** Past its review-by date (in the community's time zone, as a calendar date). */
export function isDueForReview(reviewBy: string | undefined, today: string): boolean {
  return reviewBy !== undefined && reviewBy <= today;
}

/** The instant a calendar day starts in a time zone, as UTC ISO (for "updated on or after"). */
export function startOfDay(date: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).startOf("day").toUTC().toISO()!;
}

/** The instant the next calendar day starts in a time zone (for "updated on or before"). */
export function startOfNextDay(date: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).plus({ days: 1 }).startOf("day").toUTC().toISO()!;
}

/** Today's calendar date in a time zone, e.g. "2026-11-20". */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const blank = (fields: ArtifactFields, title: string, body: string, summary = ""): ArtifactContent => ({
  title,
  summary,
  body,
  fields,
  priorities: [],
  topics: [],
  visibility: "community",
  anonymous: false,
});

/** Starter templates: the shape a good item of each type has, for a new author to fill in. */
export const ARTIFACT_TEMPLATES: { type: ArtifactType; description: string; content: ArtifactContent }[] = [
  {
    type: "case-summary",
    description: "A real situation brought to peers: what happened, what you want to ask, and what the group suggested.",
    content: blank(
      { type: "case-summary", situation: "What happened, in three or four sentences. Leave out names.", question: "What would you like the group to help you think through?", tried: "", interventions: "", successLooksLike: "", signal: "" },
      "A situation I would like help with",
      "",
    ),
  },
  {
    type: "checklist",
    description: "Steps to run through before or during a recurring moment, so nothing important is missed.",
    content: blank({ type: "checklist", items: [{ text: "First thing to check" }, { text: "Second thing to check" }, { text: "Who to tell when it is done" }] }, "Checklist: …", ""),
  },
  {
    type: "one-page-summary",
    description: "What a session or a topic taught the group, short enough to read in two minutes.",
    content: blank({ type: "one-page-summary", keyPoints: ["The main idea in one sentence", "What to try first", "Where to learn more"] }, "What we learned about …", "## Why it matters\n\n## What we tried\n\n## What to do next\n"),
  },
  {
    type: "decision-log",
    description: "A decision with its context, the options weighed and why this one, so the team can revisit it fairly.",
    content: blank({ type: "decision-log", decision: "What we decided", context: "", options: ["Option we chose", "Option we did not choose"], rationale: "", owner: "" }, "Decision: …", ""),
  },
  {
    type: "playbook",
    description: "A routine anyone can follow: the steps in order, each with a short note on how.",
    content: blank({ type: "playbook", steps: [{ title: "Prepare", detail: "" }, { title: "Run it", detail: "" }, { title: "Follow up", detail: "" }] }, "How we …", ""),
  },
  {
    type: "template",
    description: "A reusable outline, such as a 1:1 agenda or a case write-up, for others to copy.",
    content: blank({ type: "template", whenToUse: "When to reach for this template" }, "Template: …", "## Section one\n- \n\n## Section two\n- \n"),
  },
  {
    type: "reflection",
    description: "What happened, what you intended and what you learned: a short piece of reflective practice.",
    content: blank({ type: "reflection", whatHappened: "What happened", intended: "", learned: "" }, "What I learned when …", ""),
  },
];
