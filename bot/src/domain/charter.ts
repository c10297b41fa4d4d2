/**
 * Pure rules for the charter: keeping priority ids stable across edits and saying a
 * series' rhythm in words. (The acknowledgement count follows the small-group rule,
 * `guard` in insights.)
 */
import { RRule } from "rrule";
import { type CharterPriorityInput, type CulturalPriority, type SessionSeries } from "../contracts";

/**
 * A priority's id from its label (or any name made safe for an id or a file name):
 * lower-case words joined by hyphens, e.g. "Psychological safety" → psychological-safety;
 * `fallback` when nothing is left.
 */
export function slugOf(label: string, fallback = "priority"): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/g, "");
  return slug || fallback;
}

export type PriorityEdit = { ok: true; priorities: CulturalPriority[]; removed: CulturalPriority[] } | { ok: false; field: string; message: string };

/**
 * The priorities after an edit. Listed ones with a known id keep it (practices and library
 * items point to it) and take the new label; ones without an id are new and get an id from
 * their label, made unique. Known priorities not listed are `removed`: the caller decides
 * whether that is allowed.
 */
export function editPriorities(current: readonly CulturalPriority[], input: readonly CharterPriorityInput[]): PriorityEdit {
  const seenIds = new Set<string>();
  const seenLabels = new Set<string>();
  for (const [i, p] of input.entries()) {
    const label = p.label.trim().toLowerCase();
    if (seenLabels.has(label)) return { ok: false, field: `culturalPriorities.${i}.label`, message: `culturalPriorities: "${p.label.trim()}" is listed twice; keep one.` };
    seenLabels.add(label);
    if (p.id !== undefined) {
      if (seenIds.has(p.id)) return { ok: false, field: `culturalPriorities.${i}.id`, message: `culturalPriorities: the priority ${p.id} is listed twice; keep one.` };
      seenIds.add(p.id);
    }
  }
  const taken = new Set([...current.map((p) => p.id), ...seenIds]);
  const priorities = input.map((p): CulturalPriority => {
    if (p.id !== undefined) return { id: p.id, label: p.label.trim() };
    const base = slugOf(p.label);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { id, label: p.label.trim() };
  });
  const kept = new Set(priorities.map((p) => p.id));
  return { ok: true, priorities, removed: current.filter((p) => !kept.has(p.id)) };
}

/**
 * A series' rhythm in words, e.g. "Every week on Tuesday at 09:00 (Europe/London), 30
 * minutes". A rule rrule cannot put into words still gives the time and length.
 */
export function seriesRhythm(series: Pick<SessionSeries, "rrule" | "startsOn" | "durationMinutes" | "timeZone">): string {
  let rule = "";
  try {
    rule = RRule.fromString(series.rrule).toText();
  } catch {
    rule = "";
  }
  const time = series.startsOn.slice(11, 16);
  const head = rule ? `${rule.charAt(0).toUpperCase()}${rule.slice(1)} at ${time}` : `At ${time}`;
  return `${head} (${series.timeZone}), ${series.durationMinutes} minutes`;
}
