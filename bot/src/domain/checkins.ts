/** What a facilitator may see of the check-ins before a session, with privacy kept. */
import { type CheckIn } from "../contracts";

/** Averages are shown only over at least this many people, so no single answer can be read back. */
export const SMALL_GROUP_THRESHOLD = 5;

export interface CheckInEntry {
  userId: string;
  win: string;
  challenge: string;
  ask: string;
  energy?: number;
  practice: string;
}

export interface CheckInSummary {
  /** Everyone who checked in, private answers included. */
  count: number;
  /** Average energy of the shared answers; null when fewer than SMALL_GROUP_THRESHOLD answered energy. */
  energyAverage: number | null;
  /** How many shared answers gave an energy level. */
  energyAnswers: number;
  privateCount: number;
  /** Shared (non-private) answers only, for facilitators; sorted by submittedAt. */
  entries: CheckInEntry[];
  /** How many shared answers ask the group for something. */
  asks: number;
}

/** Average over ≥ threshold values (one decimal), else null. Reusable for feedback usefulness. */
export function privateAverage(values: number[], threshold: number = SMALL_GROUP_THRESHOLD): number | null {
  const usable = values.filter((v) => Number.isFinite(v));
  if (usable.length === 0 || usable.length < threshold) return null;
  const mean = usable.reduce((sum, v) => sum + v, 0) / usable.length;
  return Math.round(mean * 10) / 10;
}

/** One check-in per person: the most recently updated one wins. */
function latestPerUser(checkIns: CheckIn[]): CheckIn[] {
  const byUser = new Map<string, CheckIn>();
  for (const c of checkIns) {
    const held = byUser.get(c.userId);
    if (!held || Date.parse(c.updatedAt) > Date.parse(held.updatedAt)) byUser.set(c.userId, c);
  }
  return [...byUser.values()];
}

/** The fields a facilitator may read from a shared check-in (never the private flag's siblings). */
function entryOf(c: CheckIn): CheckInEntry {
  return { userId: c.userId, win: c.win, challenge: c.challenge, ask: c.ask, ...(c.energy !== undefined ? { energy: c.energy } : {}), practice: c.practice };
}

/** Earliest submitted first; userId breaks ties so the order is stable. */
function bySubmitted(a: CheckIn, b: CheckIn): number {
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/**
 * What a facilitator sees at the start: private answers never appear, only counted; averages only over ≥ 5 people (rounded to one decimal).
 * A private answer reaches nobody but its author, so its energy level is left out of the average too.
 */
export function summarizeCheckIns(checkIns: CheckIn[]): CheckInSummary {
  const all = latestPerUser(checkIns);
  const shared = all.filter((c) => !c.private).sort(bySubmitted);
  const energies = shared.map((c) => c.energy).filter((e): e is number => e !== undefined);
  return {
    count: all.length,
    energyAverage: privateAverage(energies),
    energyAnswers: energies.length,
    privateCount: all.length - shared.length,
    entries: shared.map(entryOf),
    asks: shared.filter((c) => c.ask.trim() !== "").length,
  };
}

/** True while check-ins can still be changed: before the session starts. */
export function checkInOpen(startsAt: Date, now: Date): boolean {
  return now.getTime() < startsAt.getTime();
}
