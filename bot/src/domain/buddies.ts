/** Buddy rounds: who is paired with whom, why, and which rules had to give. Pure and deterministic for a seed. */
import { BUDDY_RULES, type BuddyRule } from "../contracts";
import { mulberry32 } from "./random";

export interface BuddyCandidate {
  userId: string;
  department: string;
  managerId?: string;
  /** private "please don't pair me with" */
  avoid: string[];
}

/** Past published rounds, most recent first; each is a list of groups (member ids). */
export type PastRounds = string[][][];

export interface MatchedGroup {
  memberIds: string[];
  reasons: string[];
  relaxed: BuddyRule[];
}

export interface MatchResult {
  groups: MatchedGroup[];
  unmatched: { userId: string; reason: string }[];
  /** Rules given up anywhere, in BUDDY_RULES order. */
  relaxed: BuddyRule[];
}

// ---- Small pure helpers ---------------------------------------------------------------


function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The managers above `userId`, nearest first, stopping at a cycle. */
function chainAbove(userId: string, managerOf: (userId: string) => string | undefined): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([userId]);
  for (let m = managerOf(userId); m !== undefined && !seen.has(m); m = managerOf(m)) {
    seen.add(m);
    chain.push(m);
  }
  return chain;
}

/** True when a is in b's reporting line or b in a's (walking managerId up, guarding cycles). */
export function sameReportingLine(a: string, b: string, managerOf: (userId: string) => string | undefined): boolean {
  if (a === b) return true;
  return chainAbove(a, managerOf).includes(b) || chainAbove(b, managerOf).includes(a);
}

const managerLookup =
  (byId: Map<string, BuddyCandidate>, managers?: Map<string, string | undefined>) =>
  (userId: string): string | undefined =>
    byId.get(userId)?.managerId ?? managers?.get(userId);

const roundsAgoWords = (k: number) => (k === 1 ? "paired last round" : `paired ${k} rounds ago`);

/** The group's reasons and relaxed rules from its facts (shared by the matcher and describeGroup). */
function explain(facts: { allSameDepartment: boolean; lastPairedAgo: number | undefined; inOneLine: boolean }, noRepeatRounds: number): { reasons: string[]; relaxed: BuddyRule[] } {
  const reasons: string[] = [];
  const broken = new Set<BuddyRule>();
  if (facts.allSameDepartment) {
    reasons.push("same department (no other way)");
    broken.add("cross-department");
  } else reasons.push("different departments");
  if (facts.lastPairedAgo === undefined) reasons.push("never paired before");
  else {
    reasons.push(roundsAgoWords(facts.lastPairedAgo));
    if (facts.lastPairedAgo <= noRepeatRounds) broken.add("no-repeat");
  }
  if (facts.inOneLine) {
    reasons.push("in one reporting line (no other way)");
    broken.add("outside-reporting-line");
  } else reasons.push("outside each other's reporting line");
  return { reasons, relaxed: BUDDY_RULES.filter((r) => broken.has(r)) };
}

/** Reasons and relaxed rules for one (possibly hand-edited) group, in words: "different departments" / "same department (no other way)", "never paired before" / "paired 2 rounds ago", "outside each other's reporting line". */
export function describeGroup(
  memberIds: string[],
  byId: Map<string, BuddyCandidate>,
  history: PastRounds,
  options: { noRepeatRounds: number; managers?: Map<string, string | undefined> },
): { reasons: string[]; relaxed: BuddyRule[] } {
  const departments = new Set(memberIds.map((id) => byId.get(id)?.department ?? ""));
  let lastPairedAgo: number | undefined;
  for (let r = 0; r < history.length && lastPairedAgo === undefined; r++) {
    for (const group of history[r]!) {
      if (memberIds.filter((id) => group.includes(id)).length >= 2) {
        lastPairedAgo = r + 1;
        break;
      }
    }
  }
  const managerOf = managerLookup(byId, options.managers);
  let inOneLine = false;
  for (let i = 0; i < memberIds.length && !inOneLine; i++) {
    for (let j = i + 1; j < memberIds.length && !inOneLine; j++) inOneLine = sameReportingLine(memberIds[i]!, memberIds[j]!, managerOf);
  }
  return explain({ allSameDepartment: departments.size <= 1, lastPairedAgo, inOneLine }, options.noRepeatRounds);
}

/** Opted-in members on `today` (YYYY-MM-DD): not opted out, not snoozed (snoozeUntil >= today means still snoozed), not sponsors. */
export function eligibleForRound<M extends { role: string; preferences: { buddyOptOut: boolean; buddySnoozeUntil?: string } }>(members: M[], today: string): M[] {
  return members.filter((m) => m.role !== "sponsor" && !m.preferences.buddyOptOut && !(m.preferences.buddySnoozeUntil !== undefined && m.preferences.buddySnoozeUntil >= today));
}

/** The most groups that can mix departments: each needs someone outside the largest department. */
function bestMixedCount(groupCount: number, memberCount: number, largestDepartment: number): number {
  return Math.min(groupCount, memberCount - largestDepartment);
}

/** Share of groups whose members are not all from one department, and the best share possible given the department sizes (upper bound: groups that can include 2 departments). */
export function crossDepartmentShare(groups: string[][], departmentOf: (userId: string) => string): { share: number; best: number } {
  if (groups.length === 0) return { share: 0, best: 0 };
  const sizes = new Map<string, number>();
  let members = 0;
  let mixed = 0;
  for (const group of groups) {
    const departments = new Set<string>();
    for (const id of group) {
      const d = departmentOf(id);
      departments.add(d);
      sizes.set(d, (sizes.get(d) ?? 0) + 1);
      members++;
    }
    if (departments.size > 1) mixed++;
  }
  const largest = Math.max(...sizes.values());
  return { share: mixed / groups.length, best: bestMixedCount(groups.length, members, largest) / groups.length };
}

/** Sprint dates: start, midpoint and end (start + sprintDays − 1), as YYYY-MM-DD. */
export function sprintDates(startsOn: string, sprintDays: number): { startsOn: string; midOn: string; endsOn: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startsOn);
  if (!match || !Number.isInteger(sprintDays) || sprintDays < 1) throw new RangeError(`sprintDates needs a YYYY-MM-DD date and a whole number of days, got ${startsOn} and ${sprintDays}`);
  const plus = (days: number) => new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days)).toISOString().slice(0, 10);
  return { startsOn: plus(0), midOn: plus(Math.floor(sprintDays / 2)), endsOn: plus(sprintDays - 1) };
}

// ---- The matcher ----------------------------------------------------------------------

/** Costs of breaking each rule. A move touches at most three groups (≤ 9 pairs), so each weight outranks everything below it. */
const W_AVOID = 1e9;
const W_LINE = 1e6;
const W_REPEAT = 1e3;
const W_DEPT = 1;

/** Groups tried as swap partners for a troubled group; all of them below this many groups. */
const WINDOW = 48;
/** Repair passes over the troubled groups at most. */
const MAX_PASSES = 12;
/** Three-group rotations (cubic) only for small rounds. */
const ROTATE_UP_TO_GROUPS = 24;
/** Rounds this small are solved exactly. */
const EXACT_UP_TO_MEMBERS = 12;
/** Bigger (but still small) rounds are matched a few times from different shuffles, keeping the best. */
const RESTARTS_UP_TO_MEMBERS = 60;
const RESTARTS = 8;

/** The round's members as indices, with everything the cost of a group needs. */
interface Problem {
  ids: string[];
  dept: number[];
  departmentCount: number;
  largestDepartment: number;
  /** Symmetric: j in avoid[i] when either asked not to be paired with the other. */
  avoid: Set<number>[];
  chains: string[][];
  /** min*n+max → how many rounds ago they were last in one group (1 = the latest). */
  lastPaired: Map<number, number>;
  noRepeatRounds: number;
}

function problemOf(candidates: BuddyCandidate[], history: PastRounds, options: { noRepeatRounds: number; managers?: Map<string, string | undefined> }): Problem {
  const byId = new Map<string, BuddyCandidate>();
  for (const c of candidates) if (!byId.has(c.userId)) byId.set(c.userId, c);
  const ids = [...byId.keys()].sort();
  const n = ids.length;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const deptIndex = new Map<string, number>();
  const dept = ids.map((id) => {
    const d = byId.get(id)!.department;
    if (!deptIndex.has(d)) deptIndex.set(d, deptIndex.size);
    return deptIndex.get(d)!;
  });
  const sizes = new Array<number>(deptIndex.size).fill(0);
  for (const d of dept) sizes[d]!++;
  const avoid = ids.map(() => new Set<number>());
  ids.forEach((id, i) => {
    for (const other of byId.get(id)!.avoid) {
      const j = indexOf.get(other);
      if (j === undefined || j === i) continue;
      avoid[i]!.add(j);
      avoid[j]!.add(i);
    }
  });
  const managerOf = managerLookup(byId, options.managers);
  const lastPaired = new Map<number, number>();
  history.forEach((round, r) => {
    for (const group of round) {
      const members = group.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const key = pairKey(members[x]!, members[y]!, n);
          if (!lastPaired.has(key)) lastPaired.set(key, r + 1);
        }
      }
    }
  });
  return {
    ids,
    dept,
    departmentCount: sizes.length,
    largestDepartment: Math.max(0, ...sizes),
    avoid,
    chains: ids.map((id) => chainAbove(id, managerOf)),
    lastPaired,
    noRepeatRounds: options.noRepeatRounds,
  };
}

const pairKey = (i: number, j: number, n: number) => (i < j ? i * n + j : j * n + i);

const inOneLine = (p: Problem, i: number, j: number) => p.chains[i]!.includes(p.ids[j]!) || p.chains[j]!.includes(p.ids[i]!);

function pairCost(p: Problem, i: number, j: number): number {
  let cost = 0;
  if (p.avoid[i]!.has(j)) cost += W_AVOID;
  if (inOneLine(p, i, j)) cost += W_LINE;
  const ago = p.lastPaired.get(pairKey(i, j, p.ids.length));
  if (ago !== undefined && ago <= p.noRepeatRounds) cost += W_REPEAT;
  return cost;
}

function groupCost(p: Problem, g: number[]): number {
  let cost = 0;
  let mixed = false;
  for (let x = 0; x < g.length; x++) {
    if (p.dept[g[x]!] !== p.dept[g[0]!]) mixed = true;
    for (let y = x + 1; y < g.length; y++) cost += pairCost(p, g[x]!, g[y]!);
  }
  return mixed ? cost : cost + W_DEPT;
}

const hasAvoidConflict = (p: Problem, g: number[]) => g.some((i, x) => g.some((j, y) => y > x && p.avoid[i]!.has(j)));
const isPure = (p: Problem, g: number[]) => g.every((i) => p.dept[i] === p.dept[g[0]!]);

interface Attempt {
  groups: number[][];
  unmatched: number[];
}

/** Departments shuffled, members shuffled within them, laid end to end; member i pairs with i + n/2. */
function interleave(p: Problem, rng: () => number): { groups: number[][]; extra: number | undefined } {
  const byDept: number[][] = Array.from({ length: p.departmentCount }, () => []);
  for (const i of shuffle(p.ids.map((_, i) => i), rng)) byDept[p.dept[i]!]!.push(i);
  const seq = shuffle(byDept, rng).flat();
  const half = Math.floor(seq.length / 2);
  const groups: number[][] = [];
  for (let i = 0; i < half; i++) groups.push([seq[i]!, seq[i + half]!]);
  return { groups, extra: seq.length % 2 === 1 ? seq[seq.length - 1] : undefined };
}

/** The cheapest way to add `member` to one of the groups (pairs only), or undefined when none can take them. */
function cheapestJoin(p: Problem, groups: number[][], member: number, allowAvoid: boolean): number | undefined {
  let best: number | undefined;
  let bestDelta = Infinity;
  groups.forEach((g, q) => {
    if (g.length !== 2) return;
    const joined = [...g, member];
    if (!allowAvoid && hasAvoidConflict(p, joined)) return;
    const delta = groupCost(p, joined) - groupCost(p, g);
    if (delta < bestDelta) {
      bestDelta = delta;
      best = q;
    }
  });
  return best;
}

/** Local repair: exchanges (and trio moves) between a troubled group and a bounded window of others. */
function repair(p: Problem, groups: number[][], rng: () => number): void {
  const costs = groups.map((g) => groupCost(p, g));
  const count = groups.length;
  const minPure = count - bestMixedCount(count, groups.reduce((n, g) => n + g.length, 0), p.largestDepartment);
  let pure = groups.filter((g) => isPure(p, g)).length;
  const apply = (changes: [number, number[]][]) => {
    for (const [q, g] of changes) {
      pure += (isPure(p, g) ? 1 : 0) - (isPure(p, groups[q]!) ? 1 : 0);
      groups[q] = g;
      costs[q] = groupCost(p, g);
    }
  };
  const troubled = (q: number) => costs[q]! > 0 && !(costs[q] === W_DEPT && pure <= minPure);

  /** The best exchange or trio move between groups a and b, when it lowers the cost. */
  const bestMove = (a: number, b: number): [number, number[]][] | undefined => {
    const A = groups[a]!;
    const B = groups[b]!;
    const base = costs[a]! + costs[b]!;
    let best: [number, number[]][] | undefined;
    let bestDelta = 0;
    const consider = (nextA: number[], nextB: number[]) => {
      const delta = groupCost(p, nextA) + groupCost(p, nextB) - base;
      if (delta < bestDelta) {
        bestDelta = delta;
        best = [
          [a, nextA],
          [b, nextB],
        ];
      }
    };
    for (let x = 0; x < A.length; x++) {
      for (let y = 0; y < B.length; y++) {
        const nextA = [...A];
        const nextB = [...B];
        nextA[x] = B[y]!;
        nextB[y] = A[x]!;
        consider(nextA, nextB);
      }
    }
    if (A.length === 3 && B.length === 2) for (let x = 0; x < 3; x++) consider(A.filter((_, k) => k !== x), [...B, A[x]!]);
    if (B.length === 3 && A.length === 2) for (let y = 0; y < 3; y++) consider([...A, B[y]!], B.filter((_, k) => k !== y));
    return best;
  };

  /** A three-group rotation (x: a→b, y: b→c, z: c→a) that lowers the cost. */
  const rotation = (a: number): [number, number[]][] | undefined => {
    for (let b = 0; b < count; b++) {
      for (let c = 0; c < count; c++) {
        if (b === a || c === a || b === c) continue;
        const [A, B, C] = [groups[a]!, groups[b]!, groups[c]!];
        const base = costs[a]! + costs[b]! + costs[c]!;
        for (let x = 0; x < A.length; x++) {
          for (let y = 0; y < B.length; y++) {
            for (let z = 0; z < C.length; z++) {
              const [nextA, nextB, nextC] = [[...A], [...B], [...C]];
              nextA[x] = C[z]!;
              nextB[y] = A[x]!;
              nextC[z] = B[y]!;
              if (groupCost(p, nextA) + groupCost(p, nextB) + groupCost(p, nextC) < base) {
                return [
                  [a, nextA],
                  [b, nextB],
                  [c, nextC],
                ];
              }
            }
          }
        }
      }
    }
    return undefined;
  };

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let a = 0; a < count; a++) {
      if (!troubled(a)) continue;
      const partners = count <= WINDOW + 1 ? [...Array(count).keys()].filter((q) => q !== a) : Array.from({ length: WINDOW }, () => Math.floor(rng() * count)).filter((q) => q !== a);
      for (const b of partners) {
        const move = bestMove(a, b);
        if (move) {
          apply(move);
          improved = true;
          if (!troubled(a)) break;
        }
      }
      if (troubled(a) && count <= ROTATE_UP_TO_GROUPS) {
        const move = rotation(a);
        if (move) {
          apply(move);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
}

/** Splits groups that still pair people who asked not to be; places whom it can, the rest are unmatched. */
function settleAvoids(p: Problem, groups: number[][]): Attempt {
  const kept: number[][] = [];
  const leftovers: number[] = [];
  for (const g of groups) {
    if (!hasAvoidConflict(p, g)) kept.push(g);
    else if (g.length === 3) {
      const x = [0, 1, 2].find((k) => !hasAvoidConflict(p, g.filter((_, m) => m !== k)));
      if (x === undefined) leftovers.push(...g);
      else {
        kept.push(g.filter((_, m) => m !== x));
        leftovers.push(g[x]!);
      }
    } else leftovers.push(...g);
  }
  const unmatched: number[] = [];
  const waiting = [...leftovers];
  while (waiting.length > 0) {
    const w = waiting.shift()!;
    const mate = waiting.findIndex((v) => !p.avoid[w]!.has(v));
    if (mate >= 0) {
      kept.push([w, waiting.splice(mate, 1)[0]!]);
      continue;
    }
    const trio = kept.findIndex((g) => g.length === 3);
    if (trio < 0) {
      const q = cheapestJoin(p, kept, w, false);
      if (q !== undefined) {
        kept[q] = [...kept[q]!, w];
        continue;
      }
    } else {
      const g = kept[trio]!;
      const out = [0, 1, 2].find((k) => !p.avoid[w]!.has(g[k]!));
      if (out !== undefined) {
        kept[trio] = g.filter((_, m) => m !== out);
        kept.push([g[out]!, w]);
        continue;
      }
    }
    unmatched.push(w);
  }
  return { groups: kept, unmatched };
}

/**
 * Small rounds are solved exactly: the best grouping over all of them (dynamic programming over who is
 * left), so a community of a dozen gets the best round there is. Ties go by a seeded order.
 */
function exact(p: Problem, rng: () => number): Attempt {
  const n = p.ids.length;
  const order = shuffle(p.ids.map((_, i) => i), rng);
  // One group's cost: each broken rule once per group, unmatched people far above all of them.
  const W = { unmatched: 1e6, line: 1e4, repeat: 1e2, pure: 1 };
  const flags = (g: number[]) => {
    const cost = isPure(p, g) ? W.pure : 0;
    let line = false;
    let repeat = false;
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        if (p.avoid[g[x]!]!.has(g[y]!)) return Infinity;
        line ||= inOneLine(p, g[x]!, g[y]!);
        const ago = p.lastPaired.get(pairKey(g[x]!, g[y]!, n));
        repeat ||= ago !== undefined && ago <= p.noRepeatRounds;
      }
    }
    return cost + (line ? W.line : 0) + (repeat ? W.repeat : 0);
  };
  const pairCosts = order.map((a) => order.map((b) => (a === b ? Infinity : flags([a, b]))));
  const memo = new Float64Array(2 << n).fill(-1);
  const choice = new Int32Array(2 << n).fill(-1);
  const best = (mask: number, trioUsed: number): number => {
    if (mask === 0) return 0;
    const state = (mask << 1) | trioUsed;
    if (memo[state]! >= 0) return memo[state]!;
    const i = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << i);
    let bestCost = W.unmatched + best(rest, trioUsed);
    let bestChoice = -1;
    for (let j = i + 1; j < n; j++) {
      if (!(rest & (1 << j))) continue;
      const pc = pairCosts[i]![j]!;
      if (pc !== Infinity) {
        const cost = pc + best(rest & ~(1 << j), trioUsed);
        if (cost < bestCost) [bestCost, bestChoice] = [cost, j];
      }
      if (trioUsed) continue;
      for (let k = j + 1; k < n; k++) {
        if (!(rest & (1 << k))) continue;
        const tc = flags([order[i]!, order[j]!, order[k]!]);
        if (tc === Infinity) continue;
        const cost = tc + best(rest & ~(1 << j) & ~(1 << k), 1);
        if (cost < bestCost) [bestCost, bestChoice] = [cost, j * n + k + n * n];
      }
    }
    memo[state] = bestCost;
    choice[state] = bestChoice;
    return bestCost;
  };
  best((1 << n) - 1, 0);
  const groups: number[][] = [];
  const unmatched: number[] = [];
  for (let mask = (1 << n) - 1, trioUsed = 0; mask !== 0; ) {
    const i = 31 - Math.clz32(mask & -mask);
    const c = choice[(mask << 1) | trioUsed]!;
    mask &= ~(1 << i);
    if (c < 0) unmatched.push(order[i]!);
    else if (c < n) {
      groups.push([order[i]!, order[c]!]);
      mask &= ~(1 << c);
    } else {
      const [j, k] = [Math.floor((c - n * n) / n), (c - n * n) % n];
      groups.push([order[i]!, order[j]!, order[k]!]);
      mask &= ~(1 << j) & ~(1 << k);
      trioUsed = 1;
    }
  }
  return { groups, unmatched };
}

function attempt(p: Problem, rng: () => number): Attempt {
  if (p.ids.length < 2) return { groups: [], unmatched: p.ids.map((_, i) => i) };
  const { groups, extra } = interleave(p, rng);
  if (extra !== undefined) {
    const q = cheapestJoin(p, groups, extra, true)!;
    groups[q] = [...groups[q]!, extra];
  }
  repair(p, groups, rng);
  return settleAvoids(p, groups);
}

/** Lower is better: unmatched, then groups in one reporting line, with a repeat, from one department. */
function score(p: Problem, a: Attempt): number[] {
  const total = [a.unmatched.length, 0, 0, 0];
  for (const g of a.groups) {
    const cost = groupCost(p, g);
    if (cost % W_AVOID >= W_LINE) total[1]!++;
    if (cost % W_LINE >= W_REPEAT) total[2]!++;
    if (cost % W_REPEAT > 0) total[3]!++;
  }
  return total;
}

const better = (a: number[], b: number[]) => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
};

/** Pairs (one trio when the count is odd) across departments; never two people in one reporting line (one manages the other, directly or up the chain via managerId among candidates+others known in `managers` map); no pair from the last `noRepeatRounds` rounds; never someone on the other's avoid list (this one is NEVER relaxed: if a person cannot be placed without breaking it, they are unmatched with a reason). Deterministic for a given seed (use a small seeded PRNG, e.g. mulberry32 — no Math.random). When the hard rules cannot all hold, relax them in BUDDY_RULES order, only as far as needed, and record per group which were relaxed. Must handle 10,000 candidates in well under 1 s on this machine (2 cores): no O(n²) over all pairs — e.g. sort/bucket by department, interleave across departments, then repair violations with local swaps within a bounded window. */
export function matchBuddies(candidates: BuddyCandidate[], history: PastRounds, options: { noRepeatRounds: number; seed: number; managers?: Map<string, string | undefined> }): MatchResult {
  const p = problemOf(candidates, history, options);
  const rng = mulberry32(options.seed);
  let best = p.ids.length <= EXACT_UP_TO_MEMBERS ? exact(p, rng) : attempt(p, rng);
  if (p.ids.length > EXACT_UP_TO_MEMBERS && p.ids.length <= RESTARTS_UP_TO_MEMBERS) {
    let bestScore = score(p, best);
    for (let k = 1; k < RESTARTS && bestScore.some((x) => x > 0); k++) {
      const next = attempt(p, rng);
      const nextScore = score(p, next);
      if (better(nextScore, bestScore)) [best, bestScore] = [next, nextScore];
    }
  }
  const groups = best.groups.map((g): MatchedGroup => {
    let lastPairedAgo: number | undefined;
    let line = false;
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        const ago = p.lastPaired.get(pairKey(g[x]!, g[y]!, p.ids.length));
        if (ago !== undefined && (lastPairedAgo === undefined || ago < lastPairedAgo)) lastPairedAgo = ago;
        line ||= inOneLine(p, g[x]!, g[y]!);
      }
    }
    const memberIds = g.map((i) => p.ids[i]!);
    return { memberIds, ...explain({ allSameDepartment: isPure(p, g), lastPairedAgo, inOneLine: line }, p.noRepeatRounds) };
  });
  const alone = p.ids.length === 1;
  const unmatched = best.unmatched.map((i) => ({
    userId: p.ids[i]!,
    reason: alone ? "Nobody else is in this round." : "No one could be paired with them without going against a pairing preference.",
  }));
  const relaxed = BUDDY_RULES.filter((r) => groups.some((g) => g.relaxed.includes(r)));
  return { groups, unmatched, relaxed };
}
