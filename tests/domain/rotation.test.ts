import fc from "fast-check";
import { assignFacilitators, swapFacilitators, type RotationCandidate, type UpcomingSlot } from "../../bot/src/domain/rotation";

const WEEK_MS = 7 * 24 * 3_600_000;
const FIRST = Date.UTC(2026, 0, 5, 9, 0); // a Monday

/** `n` weekly sessions from 5 January 2026, 09:00 UTC. */
const weekly = (n: number): UpcomingSlot[] => Array.from({ length: n }, (_, i) => ({ sessionId: `s${String(i).padStart(2, "0")}`, startsAt: new Date(FIRST + i * WEEK_MS) }));
const member = (userId: string, over: Partial<RotationCandidate> = {}): RotationCandidate => ({ userId, willing: true, timeZone: "UTC", ...over });
const countsOf = (assigned: Map<string, string | null>) => {
  const counts = new Map<string, number>();
  for (const userId of assigned.values()) if (userId) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  return counts;
};
const spread = (counts: Map<string, number>, userIds: string[]) => {
  const values = userIds.map((u) => counts.get(u) ?? 0);
  return Math.max(...values) - Math.min(...values);
};

describe("assignFacilitators", () => {
  const seven = ["ana", "ben", "cai", "dee", "eve", "fin", "gus"];

  it("shares 52 weekly sessions among 7 willing members within one turn of each other", () => {
    const assigned = assignFacilitators(seven.map((u) => member(u)), [], weekly(52));
    expect(assigned.size).toBe(52);
    expect([...assigned.values()].every((u) => u !== null)).toBe(true);
    const counts = countsOf(assigned);
    expect(spread(counts, seven)).toBeLessThanOrEqual(1);
    // 52 = 7·7 + 3: three members facilitate 8 times, four 7 times.
    expect([...counts.values()].sort()).toEqual([7, 7, 7, 7, 8, 8, 8]);
  });

  it("goes round in a stable order when nobody has a history", () => {
    const assigned = assignFacilitators(["cai", "ana", "ben"].map((u) => member(u)), [], weekly(6));
    expect([...assigned.values()]).toEqual(["ana", "ben", "cai", "ana", "ben", "cai"]);
  });

  it("skips a member while she is away and catches her up afterwards", () => {
    // Dee is away until 2 February inclusive, so she misses her turn in the fourth week (26 January) and the next.
    const candidates = seven.map((u) => member(u, u === "dee" ? { awayUntil: "2026-02-02" } : {}));
    const slots = weekly(52);
    const assigned = assignFacilitators(candidates, [], slots);
    const deesWeeks = slots.filter((s) => assigned.get(s.sessionId) === "dee").map((s) => s.startsAt.toISOString().slice(0, 10));
    expect(deesWeeks.every((d) => d > "2026-02-02")).toBe(true);
    // She gets the first session after her return, ahead of Gus, who has not facilitated yet either.
    expect(deesWeeks[0]).toBe("2026-02-09");
    expect(spread(countsOf(assigned), seven)).toBeLessThanOrEqual(1);
  });

  it("reads an away date in the member's own zone", () => {
    // 23:30Z on 20 November is 21 November in Berlin: back from leave there, still away in New York.
    const slot = [{ sessionId: "s", startsAt: new Date("2026-11-20T23:30Z") }];
    expect(assignFacilitators([member("ny", { awayUntil: "2026-11-20", timeZone: "America/New_York" })], [], slot).get("s")).toBeNull();
    expect(assignFacilitators([member("be", { awayUntil: "2026-11-20", timeZone: "Europe/Berlin" })], [], slot).get("s")).toBe("be");
  });

  it("never assigns someone who is not willing", () => {
    const candidates = [member("ana"), member("ben", { willing: false }), member("cai")];
    const assigned = assignFacilitators(candidates, [], weekly(20));
    expect([...assigned.values()]).not.toContain("ben");
    expect(countsOf(assigned).get("ana")).toBe(10);
  });

  it("answers null when nobody is available", () => {
    const candidates = [member("ana", { willing: false }), member("ben", { awayUntil: "2026-12-31" })];
    expect([...assignFacilitators(candidates, [], weekly(3)).values()]).toEqual([null, null, null]);
    expect([...assignFacilitators([], [], weekly(2)).values()]).toEqual([null, null]);
  });

  it("keeps slots that already have a facilitator, and counts those turns", () => {
    const slots = weekly(4);
    slots[0]!.facilitatorId = "ana";
    slots[1]!.facilitatorId = "ana";
    const assigned = assignFacilitators([member("ana"), member("ben")], [], slots);
    expect([...assigned.values()]).toEqual(["ana", "ana", "ben", "ben"]);
  });

  it("starts with those who facilitated least, then those who waited longest", () => {
    const history = [
      { userId: "ana", startsAt: new Date("2025-12-01T09:00Z") },
      { userId: "ana", startsAt: new Date("2025-12-08T09:00Z") },
      { userId: "ben", startsAt: new Date("2025-12-15T09:00Z") },
      { userId: "cai", startsAt: new Date("2025-11-24T09:00Z") },
    ];
    // ben and cai have one turn each, cai's longer ago; ana has two.
    const assigned = assignFacilitators(["ana", "ben", "cai"].map((u) => member(u)), history, weekly(3));
    expect([...assigned.values()]).toEqual(["cai", "ben", "ana"]);
  });

  it("is deterministic: the order of candidates and slots does not matter", () => {
    const candidates = seven.map((u, i) => member(u, i === 2 ? { awayUntil: "2026-03-01" } : {}));
    const slots = weekly(30);
    const once = assignFacilitators(candidates, [], slots);
    const again = assignFacilitators([...candidates].reverse(), [], [...slots].reverse());
    expect([...again.entries()].sort()).toEqual([...once.entries()].sort());
  });

  it("is fair for any group of 2 to 12 willing members over 52 weeks (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.shuffledSubarray(weekly(52), { minLength: 52 }), (n, slots) => {
        const userIds = Array.from({ length: n }, (_, i) => `u${i}`);
        const assigned = assignFacilitators(userIds.map((u) => member(u)), [], slots);
        expect(spread(countsOf(assigned), userIds)).toBeLessThanOrEqual(1);
        expect([...assigned.values()].every((u) => u !== null && userIds.includes(u))).toBe(true);
      }),
    );
  });

  it("stays fair when one member is away for up to the first half of the year (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 26 }), (n, weeksAway) => {
        const userIds = Array.from({ length: n }, (_, i) => `u${i}`);
        const lastAwayDay = new Date(FIRST + (weeksAway - 1) * WEEK_MS).toISOString().slice(0, 10);
        const candidates = userIds.map((u) => member(u, u === "u0" ? { awayUntil: lastAwayDay } : {}));
        const slots = weekly(52);
        const assigned = assignFacilitators(candidates, [], slots);
        expect(spread(countsOf(assigned), userIds)).toBeLessThanOrEqual(1);
        for (const s of slots) if (s.startsAt.toISOString().slice(0, 10) <= lastAwayDay) expect(assigned.get(s.sessionId)).not.toBe("u0");
      }),
    );
  });
});

describe("swapFacilitators", () => {
  const slots: UpcomingSlot[] = [
    { sessionId: "s1", startsAt: new Date("2026-01-05T09:00Z"), facilitatorId: "ana" },
    { sessionId: "s3", startsAt: new Date("2026-01-19T09:00Z"), facilitatorId: "ben" },
    { sessionId: "s2", startsAt: new Date("2026-01-12T09:00Z"), facilitatorId: "ben" },
  ];

  it("gives the session to the other member and their first own session in return", () => {
    expect([...swapFacilitators(slots, "s1", "ana", "ben")]).toEqual([
      ["s1", "ben"],
      ["s2", "ana"],
    ]);
  });

  it("only hands over the session when the other member has none", () => {
    expect([...swapFacilitators(slots, "s1", "ana", "cai")]).toEqual([["s1", "cai"]]);
  });

  it("refuses an out-of-date or pointless swap", () => {
    expect(() => swapFacilitators(slots, "s1", "cai", "ben")).toThrow(/no longer facilitated/);
    expect(() => swapFacilitators(slots, "s9", "ana", "ben")).toThrow(/not among the upcoming/);
    expect(() => swapFacilitators(slots, "s1", "ana", "ana")).toThrow(/someone else/);
  });
});
