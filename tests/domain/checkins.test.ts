import fc from "fast-check";
import { type CheckIn } from "../../bot/src/contracts";
import { checkInOpen, privateAverage, SMALL_GROUP_THRESHOLD, summarizeCheckIns } from "../../bot/src/domain/checkins";

let minute = 0;
const checkIn = (userId: string, over: Partial<CheckIn> = {}): CheckIn => {
  const submittedAt = new Date(Date.UTC(2026, 10, 20, 8, minute++)).toISOString();
  return {
    communityId: "com-1",
    tenantId: "ten-1",
    sessionId: "ses-1",
    userId,
    win: `${userId} win`,
    challenge: `${userId} challenge`,
    ask: "",
    practice: "",
    private: false,
    submittedAt,
    updatedAt: submittedAt,
    ...over,
  };
};

describe("summarizeCheckIns", () => {
  it("never shows a private answer, only counts it", () => {
    const summary = summarizeCheckIns([checkIn("ana", { ask: "help" }), checkIn("ben", { private: true, win: "secret win", ask: "secret ask", energy: 1 }), checkIn("cai")]);
    expect(summary.count).toBe(3);
    expect(summary.privateCount).toBe(1);
    expect(summary.entries.map((e) => e.userId)).toEqual(["ana", "cai"]);
    expect(JSON.stringify(summary)).not.toMatch(/secret|ben/);
    expect(summary.asks).toBe(1);
  });

  it("hides the energy average at 4 answers and shows it at 5", () => {
    const four = ["a", "b", "c", "d"].map((u, i) => checkIn(u, { energy: [3, 4, 4, 5][i] }));
    expect(summarizeCheckIns(four)).toMatchObject({ energyAverage: null, energyAnswers: 4 });
    const five = [...four, checkIn("e", { energy: 2 })];
    expect(summarizeCheckIns(five)).toMatchObject({ energyAverage: 3.6, energyAnswers: 5 });
  });

  it("keeps private energy out of the average, so five answers with one private stay hidden", () => {
    const answers = ["a", "b", "c", "d"].map((u) => checkIn(u, { energy: 4 }));
    const summary = summarizeCheckIns([...answers, checkIn("e", { energy: 1, private: true })]);
    expect(summary.energyAverage).toBeNull();
    expect(summary.energyAnswers).toBe(4);
  });

  it("lists shared answers by submission time with only the fields a facilitator needs", () => {
    const later = checkIn("zed", { submittedAt: "2026-11-20T09:30:00.000Z", energy: 4, practice: "Weekly 1:1s", ask: "  " });
    const earlier = checkIn("amy", { submittedAt: "2026-11-20T07:00:00.000Z" });
    const { entries, asks } = summarizeCheckIns([later, earlier]);
    expect(entries).toEqual([
      { userId: "amy", win: "amy win", challenge: "amy challenge", ask: "", practice: "" },
      { userId: "zed", win: "zed win", challenge: "zed challenge", ask: "  ", energy: 4, practice: "Weekly 1:1s" },
    ]);
    // A blank ask is not an ask.
    expect(asks).toBe(0);
  });

  it("counts each person once, using their latest check-in", () => {
    const first = checkIn("ana", { win: "old", updatedAt: "2026-11-20T08:00:00.000Z" });
    const second = checkIn("ana", { win: "new", updatedAt: "2026-11-20T08:30:00.000Z" });
    const summary = summarizeCheckIns([second, first]);
    expect(summary.count).toBe(1);
    expect(summary.entries.map((e) => e.win)).toEqual(["new"]);
  });

  it("summarises nobody as zeros", () => {
    expect(summarizeCheckIns([])).toEqual({ count: 0, energyAverage: null, energyAnswers: 0, privateCount: 0, entries: [], asks: 0 });
  });

  it("never leaks a private answer and keeps its counts consistent (property)", () => {
    const arbCheckIn = fc.record({ user: fc.integer({ min: 0, max: 15 }), private: fc.boolean(), energy: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(arbCheckIn, { maxLength: 30 }), (rows) => {
        const list = rows.map((r, i) => checkIn(`u${r.user}`, { private: r.private, energy: r.energy, win: r.private ? "PRIVATE" : "shared", updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
        const summary = summarizeCheckIns(list);
        expect(summary.entries.every((e) => e.win === "shared")).toBe(true);
        expect(summary.count).toBe(summary.entries.length + summary.privateCount);
        expect(summary.count).toBe(new Set(rows.map((r) => r.user)).size);
        if (summary.energyAnswers < SMALL_GROUP_THRESHOLD) expect(summary.energyAverage).toBeNull();
        else expect(summary.energyAverage).not.toBeNull();
      }),
    );
  });
});

describe("privateAverage", () => {
  it("averages to one decimal from the threshold on", () => {
    expect(privateAverage([1, 2, 2, 2, 2])).toBe(1.8);
    expect(privateAverage([4, 4, 5, 5, 5, 5])).toBe(4.7);
    expect(privateAverage([1, 2, 3, 4])).toBeNull();
    expect(privateAverage([])).toBeNull();
  });

  it("takes another threshold when given", () => {
    expect(privateAverage([5, 4, 4], 3)).toBe(4.3);
    expect(privateAverage([5, 4], 3)).toBeNull();
  });
});

describe("checkInOpen", () => {
  const start = new Date("2026-11-24T09:00:00Z");

  it("is open until the session starts, and closed from then on", () => {
    expect(checkInOpen(start, new Date("2026-11-24T08:59:59.999Z"))).toBe(true);
    expect(checkInOpen(start, start)).toBe(false);
    expect(checkInOpen(start, new Date("2026-11-24T10:00:00Z"))).toBe(false);
  });
});
