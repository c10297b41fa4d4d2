import fc from "fast-check";
import { BUDDY_RULES, type BuddyRule } from "../../bot/src/contracts";
import {
  crossDepartmentShare,
  describeGroup,
  eligibleForRound,
  matchBuddies,
  sameReportingLine,
  sprintDates,
  type BuddyCandidate,
  type MatchResult,
  type PastRounds,
} from "../../bot/src/domain/buddies";

// ---- An independent model of the rules, to judge the matcher by ---------------------------

interface Case {
  candidates: BuddyCandidate[];
  history: PastRounds;
  noRepeatRounds: number;
  managers: Map<string, string | undefined>;
}

const byIdOf = (c: Case) => new Map(c.candidates.map((x) => [x.userId, x]));

/** Walks up from `from` (breadth of one, guarding cycles) looking for `target`. */
function above(from: string, target: string, managerOf: (u: string) => string | undefined): boolean {
  const seen = new Set([from]);
  let m = managerOf(from);
  while (m !== undefined && !seen.has(m)) {
    if (m === target) return true;
    seen.add(m);
    m = managerOf(m);
  }
  return false;
}

function judge(c: Case) {
  const byId = byIdOf(c);
  const managerOf = (u: string) => byId.get(u)?.managerId ?? c.managers.get(u);
  const avoids = (a: string, b: string) => !!byId.get(a)?.avoid.includes(b) || !!byId.get(b)?.avoid.includes(a);
  const inLine = (a: string, b: string) => above(a, b, managerOf) || above(b, a, managerOf);
  const repeat = (a: string, b: string) => c.history.slice(0, c.noRepeatRounds).some((round) => round.some((g) => g.includes(a) && g.includes(b)));
  const pairs = (g: string[]) => g.flatMap((a, i) => g.slice(i + 1).map((b) => [a, b] as const));
  const broken = (g: string[]): BuddyRule[] => {
    const rules = new Set<BuddyRule>();
    if (new Set(g.map((u) => byId.get(u)!.department)).size === 1) rules.add("cross-department");
    if (pairs(g).some(([a, b]) => repeat(a, b))) rules.add("no-repeat");
    if (pairs(g).some(([a, b]) => inLine(a, b))) rules.add("outside-reporting-line");
    return BUDDY_RULES.filter((r) => rules.has(r));
  };
  const hasAvoid = (g: string[]) => pairs(g).some(([a, b]) => avoids(a, b));
  /** [unmatched, groups in one reporting line, groups with a repeat, single-department groups]: lower is better. */
  const score = (groups: string[][], unmatched: number) => [
    unmatched,
    groups.filter((g) => broken(g).includes("outside-reporting-line")).length,
    groups.filter((g) => broken(g).includes("no-repeat")).length,
    groups.filter((g) => broken(g).includes("cross-department")).length,
  ];
  return { broken, hasAvoid, score };
}

/** The best score over every grouping (pairs, at most one trio, anyone may be left out) that keeps the avoid lists. */
function bruteForceBest(c: Case): number[] {
  const { hasAvoid, score } = judge(c);
  const ids = c.candidates.map((x) => x.userId);
  let best: number[] | undefined;
  const lexLess = (a: number[], b: number[]) => {
    const k = a.findIndex((x, i) => x !== b[i]);
    return k >= 0 && a[k]! < b[k]!;
  };
  const walk = (rest: string[], groups: string[][], unmatched: number, trio: boolean) => {
    if (rest.length === 0) {
      const s = score(groups, unmatched);
      if (!best || lexLess(s, best)) best = s;
      return;
    }
    const [first, ...others] = rest;
    walk(others, groups, unmatched + 1, trio);
    for (let j = 0; j < others.length; j++) {
      const pair = [first!, others[j]!];
      if (!hasAvoid(pair)) walk(others.filter((_, k) => k !== j), [...groups, pair], unmatched, trio);
      if (trio) continue;
      for (let k = j + 1; k < others.length; k++) {
        const three = [first!, others[j]!, others[k]!];
        if (!hasAvoid(three)) walk(others.filter((_, m) => m !== j && m !== k), [...groups, three], unmatched, true);
      }
    }
  };
  walk(ids, [], 0, false);
  return best!;
}

/** What must hold for any result: a partition into pairs and at most one trio, avoid lists kept, every broken rule reported. */
function expectWellFormed(c: Case, result: MatchResult) {
  const { broken, hasAvoid } = judge(c);
  const placed = [...result.groups.flatMap((g) => g.memberIds), ...result.unmatched.map((u) => u.userId)].sort();
  expect(placed).toEqual([...new Set(c.candidates.map((x) => x.userId))].sort());
  for (const g of result.groups) expect([2, 3]).toContain(g.memberIds.length);
  expect(result.groups.filter((g) => g.memberIds.length === 3).length).toBeLessThanOrEqual(1);
  for (const g of result.groups) {
    expect(hasAvoid(g.memberIds)).toBe(false);
    expect(g.relaxed).toEqual(broken(g.memberIds));
    expect({ reasons: g.reasons, relaxed: g.relaxed }).toEqual(describeGroup(g.memberIds, byIdOf(c), c.history, { noRepeatRounds: c.noRepeatRounds, managers: c.managers }));
  }
  expect(result.relaxed).toEqual(BUDDY_RULES.filter((r) => result.groups.some((g) => g.relaxed.includes(r))));
}

// ---- Generators ----------------------------------------------------------------------------

const DEPARTMENTS = ["Sales", "Finance", "Ops", "HR", "IT"];

/** Up to `max` people with random departments, managers (cycles and outside managers allowed), avoid lists and history. */
const arbCase = (min: number, max: number, density = { avoid: 0.15, manager: 0.4, history: 4 }) =>
  fc
    .record({
      n: fc.integer({ min, max }),
      departments: fc.integer({ min: 1, max: DEPARTMENTS.length }),
      noRepeatRounds: fc.integer({ min: 0, max: 4 }),
      salt: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 400, maxLength: 400 }),
    })
    .map(({ n, departments, noRepeatRounds, salt }): Case => {
      let k = 0;
      const next = () => salt[k++ % salt.length]! / 1_000_000;
      const ids = Array.from({ length: n }, (_, i) => `u${i}`);
      const outsiders = ["boss-1", "boss-2"];
      const pick = (pool: string[]) => pool[Math.floor(next() * pool.length)]!;
      const candidates = ids.map(
        (userId): BuddyCandidate => ({
          userId,
          department: DEPARTMENTS[Math.floor(next() * departments)]!,
          managerId: next() < density.manager ? pick([...ids, ...outsiders]) : undefined,
          avoid: ids.filter((other) => other !== userId && next() < density.avoid),
        }),
      );
      const managers = new Map<string, string | undefined>(outsiders.map((o) => [o, next() < 0.5 ? pick(ids.length ? ids : outsiders) : undefined]));
      const history: PastRounds = Array.from({ length: Math.floor(next() * (density.history + 1)) }, () =>
        Array.from({ length: Math.floor(next() * n) }, () => {
          const size = next() < 0.8 ? 2 : 3;
          return [...new Set(Array.from({ length: size }, () => pick(ids)))];
        }).filter((g) => g.length >= 2),
      );
      return { candidates, history, noRepeatRounds, managers };
    });

const run = (c: Case, seed: number) => matchBuddies(c.candidates, c.history, { noRepeatRounds: c.noRepeatRounds, seed, managers: c.managers });

// ---- Properties ----------------------------------------------------------------------------

describe("matchBuddies", () => {
  it("is as good as the best possible grouping on small rounds: everyone matched whenever the avoid lists allow, then no reporting line, no repeat and mixed departments as far as possible", () => {
    fc.assert(
      fc.property(arbCase(0, 9), fc.integer(), (c, seed) => {
        const result = run(c, seed);
        expectWellFormed(c, result);
        const { score } = judge(c);
        expect(score(result.groups.map((g) => g.memberIds), result.unmatched.length)).toEqual(bruteForceBest(c));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps its invariants on bigger rounds with dense constraints", () => {
    fc.assert(
      fc.property(arbCase(10, 120, { avoid: 0.05, manager: 0.5, history: 6 }), fc.integer(), (c, seed) => {
        const result = run(c, seed);
        expectWellFormed(c, result);
      }),
      { numRuns: 60 },
    );
  });

  it("matches everyone exactly once, with no repeat, when the avoid lists and history leave a way (planted among many past pairs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 13, max: 200 }), fc.integer({ min: 1, max: 6 }), fc.integer(), fc.integer(), (n, rounds, plantSeed, seed) => {
        const rng = lcg(plantSeed);
        const ids = Array.from({ length: n }, (_, i) => `m${i}`);
        // A hidden valid grouping; history and avoid lists hold random pairs, none of them from it.
        const hidden = new Set(groupsOf(shuffled(ids, rng)).flatMap((g) => g.flatMap((a) => g.filter((b) => b !== a).map((b) => `${a}|${b}`))));
        const candidates = ids.map((userId) => ({
          userId,
          department: DEPARTMENTS[Math.floor(rng() * 3)]!,
          avoid: Array.from({ length: Math.floor(rng() * 4) }, () => ids[Math.floor(rng() * n)]!).filter((other) => other !== userId && !hidden.has(`${userId}|${other}`)),
        }));
        const history: PastRounds = Array.from({ length: rounds }, () => groupsOf(shuffled(ids, rng)).filter((g) => g.every((a) => g.every((b) => a === b || !hidden.has(`${a}|${b}`)))));
        const c: Case = { candidates, history, noRepeatRounds: rounds, managers: new Map() };
        const result = run(c, seed);
        expectWellFormed(c, result);
        expect(result.unmatched).toEqual([]);
        expect(result.groups.filter((g) => g.relaxed.includes("no-repeat"))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps every group outside one reporting line when the teams allow it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 40 }), fc.integer({ min: 2, max: 5 }), fc.integer(), (teams, teamSize, seed) => {
        // Small teams of a manager and reports (some reports manage one more person below them), all in one department.
        const candidates: BuddyCandidate[] = [];
        for (let t = 0; t < teams; t++) {
          for (let k = 0; k < teamSize; k++) candidates.push({ userId: `t${t}-${k}`, department: "Ops", managerId: k === 0 ? undefined : k === teamSize - 1 && k > 1 ? `t${t}-1` : `t${t}-0`, avoid: [] });
        }
        const c: Case = { candidates, history: [], noRepeatRounds: 0, managers: new Map() };
        const result = run(c, seed);
        expectWellFormed(c, result);
        expect(result.unmatched).toEqual([]);
        expect(result.relaxed).toEqual(["cross-department"]);
      }),
      { numRuns: 60 },
    );
  });

  it("reaches the best cross-department share the department sizes allow when nothing else constrains it", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }), fc.integer(), (sizes, seed) => {
        const candidates = sizes.flatMap((size, d) => Array.from({ length: size }, (_, i) => ({ userId: `d${d}-${i}`, department: `dept-${d}`, avoid: [] })));
        const result = matchBuddies(candidates, [], { noRepeatRounds: 3, seed });
        expect(result.unmatched.length).toBe(candidates.length === 1 ? 1 : 0);
        const department = new Map(candidates.map((x) => [x.userId, x.department]));
        const { share, best } = crossDepartmentShare(
          result.groups.map((g) => g.memberIds),
          (u) => department.get(u)!,
        );
        expect(share).toBe(best);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic for a seed, whatever the input order, and different seeds can differ", () => {
    fc.assert(
      fc.property(arbCase(0, 40), fc.integer(), (c, seed) => {
        const reversed = { ...c, candidates: [...c.candidates].reverse() };
        expect(run(reversed, seed)).toEqual(run(c, seed));
      }),
      { numRuns: 100 },
    );
    const candidates = Array.from({ length: 30 }, (_, i) => ({ userId: `p${i}`, department: DEPARTMENTS[i % 4]!, avoid: [] }));
    const outcomes = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(matchBuddies(candidates, [], { noRepeatRounds: 3, seed }).groups)));
    expect(outcomes.size).toBeGreaterThan(1);
  });
});

describe("matchBuddies: relaxing the rules, in order", () => {
  const person = (userId: string, department: string, over: Partial<BuddyCandidate> = {}): BuddyCandidate => ({ userId, department, avoid: [], ...over });

  it("gives up cross-department first when everyone is in one department", () => {
    const result = matchBuddies(["a", "b", "c", "d", "e"].map((u) => person(u, "Sales")), [], { noRepeatRounds: 3, seed: 7 });
    expect(result.relaxed).toEqual(["cross-department"]);
    expect(result.groups.map((g) => g.memberIds.length).sort()).toEqual([2, 3]);
    for (const g of result.groups) {
      expect(g.reasons).toEqual(["same department (no other way)", "never paired before", "outside each other's reporting line"]);
      expect(g.relaxed).toEqual(["cross-department"]);
    }
  });

  it("gives up no-repeat before the reporting line, and reports them in BUDDY_RULES order", () => {
    // Two people, same department, paired last round: both rules go, listed in order.
    const twice = matchBuddies([person("b", "Ops"), person("a", "Ops")], [[["a", "b"]]], { noRepeatRounds: 2, seed: 1 });
    expect(twice.groups).toEqual([{ memberIds: expect.arrayContaining(["a", "b"]), reasons: ["same department (no other way)", "paired last round", "outside each other's reporting line"], relaxed: ["cross-department", "no-repeat"] }]);
    expect(twice.relaxed).toEqual(["cross-department", "no-repeat"]);

    // Four people: boss manages x (via an outside manager for y); the only way to keep reporting lines apart repeats a pair.
    const four = [person("boss", "A"), person("x", "B", { managerId: "boss" }), person("y", "A", { managerId: "mid" }), person("z", "B", { managerId: "boss" })];
    const managers = new Map([["mid", "boss"]]);
    const history: PastRounds = [[["boss", "w"]], [], [["x", "y"]]];
    const result = matchBuddies(four, history, { noRepeatRounds: 3, seed: 3, managers });
    // boss is above x, y (through mid) and z: no way to keep boss outside a reporting line.
    expect(result.relaxed).toEqual(["outside-reporting-line"]);
    const withBoss = result.groups.find((g) => g.memberIds.includes("boss"))!;
    expect(withBoss.reasons).toContain("in one reporting line (no other way)");
    const other = result.groups.find((g) => !g.memberIds.includes("boss"))!;
    expect(other.relaxed).toEqual([]);
    expect(other.reasons).toEqual(["different departments", "never paired before", "outside each other's reporting line"]);
  });

  it("outside the window a past pair is only mentioned, not a broken rule", () => {
    const history: PastRounds = [[], [], [], [["a", "b"]]];
    const result = matchBuddies([person("a", "X"), person("b", "Y")], history, { noRepeatRounds: 3, seed: 1 });
    expect(result.groups[0]!.reasons).toContain("paired 4 rounds ago");
    expect(result.relaxed).toEqual([]);
    expect(matchBuddies([person("a", "X"), person("b", "Y")], history, { noRepeatRounds: 4, seed: 1 }).relaxed).toEqual(["no-repeat"]);
  });

  it("never breaks an avoid list: whoever cannot be placed is unmatched, with a reason that does not give the list away", () => {
    const two = matchBuddies([person("amy", "X", { avoid: ["bob"] }), person("bob", "Y")], [], { noRepeatRounds: 3, seed: 1 });
    expect(two.groups).toEqual([]);
    expect(two.unmatched.map((u) => u.userId).sort()).toEqual(["amy", "bob"]);
    for (const u of two.unmatched) expect(u.reason).not.toMatch(/amy|bob|avoid/i);

    const three = matchBuddies([person("a", "X", { avoid: ["b"] }), person("b", "Y"), person("c", "Z")], [], { noRepeatRounds: 3, seed: 1 });
    expect(three.groups).toHaveLength(1);
    expect(three.unmatched).toHaveLength(1);

    expect(matchBuddies([person("solo", "X")], [], { noRepeatRounds: 3, seed: 1 }).unmatched).toEqual([{ userId: "solo", reason: "Nobody else is in this round." }]);
    expect(matchBuddies([], [], { noRepeatRounds: 3, seed: 1 })).toEqual({ groups: [], unmatched: [], relaxed: [] });
  });
});

describe("buddy helpers", () => {
  it("sameReportingLine walks the chain up, both ways, and survives cycles", () => {
    const managers: Record<string, string> = { a: "b", b: "c", c: "d", x: "y", y: "x" };
    const managerOf = (u: string) => managers[u];
    expect(sameReportingLine("a", "d", managerOf)).toBe(true);
    expect(sameReportingLine("d", "a", managerOf)).toBe(true);
    expect(sameReportingLine("a", "x", managerOf)).toBe(false);
    expect(sameReportingLine("x", "y", managerOf)).toBe(true);
    expect(sameReportingLine("x", "q", managerOf)).toBe(false);
  });

  it("eligibleForRound leaves out opted-out, snoozed (through the snooze date) and sponsors", () => {
    const m = (userId: string, role: string, buddyOptOut = false, buddySnoozeUntil?: string) => ({ userId, role, preferences: { buddyOptOut, buddySnoozeUntil } });
    const members = [m("in", "member"), m("lead", "lead"), m("out", "member", true), m("snoozed", "facilitator", false, "2026-03-10"), m("back", "member", false, "2026-03-09"), m("sponsor", "sponsor")];
    expect(eligibleForRound(members, "2026-03-10").map((x) => x.userId)).toEqual(["in", "lead", "back"]);
    expect(eligibleForRound(members, "2026-03-11").map((x) => x.userId)).toEqual(["in", "lead", "snoozed", "back"]);
  });

  it("crossDepartmentShare counts mixed groups against what the department sizes allow", () => {
    const dept = (u: string) => u[0]!;
    expect(crossDepartmentShare([["a1", "b1"], ["a2", "a3"]], dept)).toEqual({ share: 0.5, best: 0.5 });
    expect(crossDepartmentShare([["a1", "a2"], ["b1", "b2"]], dept)).toEqual({ share: 0, best: 1 });
    expect(crossDepartmentShare([["a1", "a2"], ["a3", "b1"], ["a4", "a5", "a6"]], dept)).toEqual({ share: 1 / 3, best: 1 / 3 });
    expect(crossDepartmentShare([], dept)).toEqual({ share: 0, best: 0 });
  });

  it("sprintDates gives the start, the midpoint and the last day, across month ends", () => {
    expect(sprintDates("2026-03-02", 14)).toEqual({ startsOn: "2026-03-02", midOn: "2026-03-09", endsOn: "2026-03-15" });
    expect(sprintDates("2026-12-28", 7)).toEqual({ startsOn: "2026-12-28", midOn: "2026-12-31", endsOn: "2027-01-03" });
    expect(() => sprintDates("next monday", 14)).toThrow(RangeError);
  });
});

// ---- Small helpers for planted cases -------------------------------------------------------

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function shuffled<T>(items: T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Consecutive pairs, the last three together when the count is odd. */
function groupsOf(ids: string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i + 1 < ids.length; i += 2) groups.push([ids[i]!, ids[i + 1]!]);
  if (ids.length % 2 === 1 && groups.length > 0) groups[groups.length - 1]!.push(ids[ids.length - 1]!);
  return groups;
}
