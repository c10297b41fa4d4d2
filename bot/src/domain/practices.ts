/**
 * How a practice moves from an idea to a habit, and the evidence each stage asks for.
 * Pure: pilots and the community's numbers come in, counts and verdicts go out.
 *
 * - concept: an idea someone brought; no evidence.
 * - piloting: at least one manager has committed to try it.
 * - adopted: at least `adoptedMinReports` managers reported that it worked.
 * - habit: at least `habitMinManagers` managers still use it after `habitMinWeeks` weeks.
 *
 * A practice moves one stage at a time. Forward needs the next stage's evidence; back
 * (a practice that faded) needs only a reason. Skipping a stage is refused either way.
 */
import { DateTime } from "luxon";
import { PRACTICE_STAGE_LABELS, PRACTICE_STAGES, type EvidenceRules, type Pilot, type PracticeEvidence, type PracticeStage } from "../contracts";

const indexOf = (stage: PracticeStage) => PRACTICE_STAGES.indexOf(stage);
const managers = (n: number) => `${n} ${n === 1 ? "manager" : "managers"}`;
const weeks = (n: number) => `${n} ${n === 1 ? "week" : "weeks"}`;

/** The written rule for entering a stage, in the community's numbers. */
export function stageRule(stage: PracticeStage, rules: EvidenceRules): string {
  switch (stage) {
    case "concept":
      return "An idea someone has brought to the community. No evidence needed.";
    case "piloting":
      return "At least one manager has committed to try it, with a start date and a check-back date.";
    case "adopted":
      return `At least ${managers(rules.adoptedMinReports)} reported at check-back that it worked.`;
    case "habit":
      return `At least ${managers(rules.habitMinManagers)} report still using it after ${weeks(rules.habitMinWeeks)} or more.`;
  }
}

/** Whole weeks from a pilot's start date to a moment, in the manager's zone (never negative). */
export function weeksBetween(startOn: string, at: Date, zone: string): number {
  const start = DateTime.fromISO(startOn, { zone });
  const end = DateTime.fromJSDate(at, { zone }).startOf("day");
  if (!start.isValid || !end.isValid) return 0;
  return Math.max(0, Math.floor(end.diff(start, "days").days / 7));
}

/** Counts distinct managers per kind of evidence; the pilots that count are listed. */
export function evidenceOf(pilots: readonly Pick<Pilot, "id" | "userId" | "status" | "report">[], rules: EvidenceRules): PracticeEvidence {
  const live = pilots.filter((p) => p.status !== "withdrawn");
  const piloting = new Set(live.map((p) => p.userId));
  const worked = new Set(live.filter((p) => p.report?.outcome === "worked").map((p) => p.userId));
  const sustained = new Set(live.filter((p) => p.report?.stillUsing && p.report.weeksUsed >= rules.habitMinWeeks).map((p) => p.userId));
  return {
    pilotingManagers: piloting.size,
    workedManagers: worked.size,
    sustainedManagers: sustained.size,
    pilotIds: live.map((p) => p.id),
  };
}

/** How far the evidence goes towards a stage: met or not, and "2 of 3 managers". */
export function progressTowards(stage: PracticeStage, evidence: Omit<PracticeEvidence, "pilotIds">, rules: EvidenceRules): { met: boolean; progress: string } {
  const of = (have: number, need: number, what: string) => ({ met: have >= need, progress: `${Math.min(have, need)} of ${managers(need)} ${what}` });
  switch (stage) {
    case "concept":
      return { met: true, progress: "No evidence needed" };
    case "piloting":
      return of(evidence.pilotingManagers, 1, "committed to a pilot");
    case "adopted":
      return of(evidence.workedManagers, rules.adoptedMinReports, "reported it worked");
    case "habit":
      return of(evidence.sustainedManagers, rules.habitMinManagers, `still using it after ${weeks(rules.habitMinWeeks)}`);
  }
}

export type MoveVerdict = { allowed: true; direction: "forward" | "back" } | { allowed: false; reason: string };

/** Whether a practice at `from` may move to `to` with this evidence; a refusal says why and what is missing. */
export function checkMove(from: PracticeStage, to: PracticeStage, evidence: Omit<PracticeEvidence, "pilotIds">, rules: EvidenceRules): MoveVerdict {
  const a = indexOf(from);
  const b = indexOf(to);
  if (a === b) return { allowed: false, reason: `It is already at ${PRACTICE_STAGE_LABELS[to]}.` };
  if (Math.abs(b - a) > 1) {
    const step = PRACTICE_STAGES[a + Math.sign(b - a)]!;
    return {
      allowed: false,
      reason: `A practice moves one stage at a time: from ${PRACTICE_STAGE_LABELS[from]} it can go to ${PRACTICE_STAGE_LABELS[step]} first, not straight to ${PRACTICE_STAGE_LABELS[to]}.`,
    };
  }
  if (b < a) return { allowed: true, direction: "back" };
  const { met, progress } = progressTowards(to, evidence, rules);
  if (!met) return { allowed: false, reason: `Not enough evidence for ${PRACTICE_STAGE_LABELS[to]} yet. The rule: ${stageRule(to, rules)} So far: ${progress}.` };
  return { allowed: true, direction: "forward" };
}

/** The next stage up, or null at habit. */
export const nextStage = (stage: PracticeStage): PracticeStage | null => PRACTICE_STAGES[indexOf(stage) + 1] ?? null;

/** A pilot's dates: the check-back after the start, within a year of it, and not before today. */
export function checkPilotDates(startOn: string, checkBackOn: string, today: string): { field: "checkBackOn"; message: string } | null {
  if (checkBackOn <= startOn) return { field: "checkBackOn", message: "checkBackOn: choose a date after the start date." };
  if (checkBackOn < today) return { field: "checkBackOn", message: "checkBackOn: choose a date from today on." };
  const start = DateTime.fromISO(startOn, { zone: "UTC" });
  if (start.plus({ days: 366 }).toISODate()! < checkBackOn) return { field: "checkBackOn", message: "checkBackOn: choose a date within a year of the start." };
  return null;
}

/**
 * The next weekly prompt times at or after `from`: ISO `weekday` at `time` in `zone`,
 * as instants (daylight saving is handled by luxon: a 10:00 stays 10:00 local).
 */
export function promptTimes(from: Date, weekday: number, time: string, zone: string, count: number): Date[] {
  const [h, m] = time.split(":").map(Number) as [number, number];
  const start = DateTime.fromJSDate(from, { zone });
  let day = start.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  day = day.plus({ days: (weekday - day.weekday + 7) % 7 });
  if (day < start) day = day.plus({ weeks: 1 });
  const out: Date[] = [];
  for (let i = 0; i < count; i++) out.push(day.plus({ weeks: i }).set({ hour: h, minute: m }).toJSDate());
  return out;
}

/** Which prompt goes out next: active ones, least often posted first, then the longest ago, then the oldest. */
export function nextPrompt<P extends { id: string; active: boolean; timesPosted: number; lastPostedAt?: string; createdAt: string }>(prompts: readonly P[]): P | null {
  const candidates = prompts.filter((p) => p.active);
  candidates.sort((x, y) => x.timesPosted - y.timesPosted || (x.lastPostedAt ?? "").localeCompare(y.lastPostedAt ?? "") || x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
  return candidates[0] ?? null;
}
