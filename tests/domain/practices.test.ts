/**
 * The stage rules of the progress map: every (from, to) pair with no evidence, just too
 * little and just enough; what counts as evidence; pilot dates; the weekly prompt's times
 * across a daylight-saving change; which prompt goes out next.
 */
import { DEFAULT_EVIDENCE_RULES, PRACTICE_STAGES, type EvidenceRules, type Pilot, type PracticeStage } from "../../bot/src/contracts";
import { checkMove, checkPilotDates, evidenceOf, nextPrompt, nextStage, progressTowards, promptTimes, stageRule, weeksBetween } from "../../bot/src/domain/practices";

const RULES: EvidenceRules = { adoptedMinReports: 2, habitMinManagers: 3, habitMinWeeks: 4 };
const NONE = { pilotingManagers: 0, workedManagers: 0, sustainedManagers: 0 };
/** Exactly what each stage asks for under RULES, and one short of it. */
const ENOUGH: Record<PracticeStage, typeof NONE> = {
  concept: NONE,
  piloting: { ...NONE, pilotingManagers: 1 },
  adopted: { ...NONE, pilotingManagers: 2, workedManagers: 2 },
  habit: { pilotingManagers: 3, workedManagers: 3, sustainedManagers: 3 },
};
const SHORT: Record<PracticeStage, typeof NONE | null> = {
  concept: null,
  piloting: NONE,
  adopted: { ...NONE, pilotingManagers: 2, workedManagers: 1 },
  habit: { pilotingManagers: 3, workedManagers: 3, sustainedManagers: 2 },
};

describe("checkMove: every pair of stages", () => {
  const pairs = PRACTICE_STAGES.flatMap((from, a) => PRACTICE_STAGES.map((to, b) => ({ from, to, step: b - a })));

  it.each(pairs.filter((p) => p.step === 0))("refuses $from → $to: it is already there", ({ from, to }) => {
    expect(checkMove(from, to, ENOUGH.habit, RULES)).toEqual({ allowed: false, reason: expect.stringMatching(/already at/) });
  });

  it.each(pairs.filter((p) => Math.abs(p.step) > 1))("refuses $from → $to even with all the evidence: one stage at a time", ({ from, to, step }) => {
    const verdict = checkMove(from, to, ENOUGH.habit, RULES);
    expect(verdict.allowed).toBe(false);
    const via = PRACTICE_STAGES[PRACTICE_STAGES.indexOf(from) + Math.sign(step)]!;
    expect(verdict).toMatchObject({ reason: expect.stringContaining(`can go to ${via[0]!.toUpperCase()}${via.slice(1)} first`) });
  });

  it.each(pairs.filter((p) => p.step === -1))("allows $from → $to (back one stage) with no evidence at all", ({ from, to }) => {
    expect(checkMove(from, to, NONE, RULES)).toEqual({ allowed: true, direction: "back" });
  });

  it.each(pairs.filter((p) => p.step === 1))("allows $from → $to with exactly the evidence its rule asks for", ({ from, to }) => {
    expect(checkMove(from, to, ENOUGH[to], RULES)).toEqual({ allowed: true, direction: "forward" });
  });

  it.each(pairs.filter((p) => p.step === 1))("refuses $from → $to one short, saying the rule and how far it got", ({ from, to }) => {
    const verdict = checkMove(from, to, SHORT[to]!, RULES);
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.reason).toContain(stageRule(to, RULES));
    expect(verdict.reason).toContain(`So far: ${progressTowards(to, SHORT[to]!, RULES).progress}`);
  });

  it("uses the community's own numbers", () => {
    const strict = { ...RULES, habitMinManagers: 5, habitMinWeeks: 8 };
    expect(checkMove("adopted", "habit", ENOUGH.habit, strict)).toMatchObject({ allowed: false, reason: expect.stringContaining("At least 5 managers report still using it after 8 weeks") });
    expect(checkMove("adopted", "habit", { ...ENOUGH.habit, sustainedManagers: 5 }, strict)).toEqual({ allowed: true, direction: "forward" });
    expect(progressTowards("adopted", { ...NONE, workedManagers: 1 }, RULES).progress).toBe("1 of 2 managers reported it worked");
  });

  it("knows the next stage, and that habit has none", () => {
    expect(PRACTICE_STAGES.map(nextStage)).toEqual(["piloting", "adopted", "habit", null]);
  });
});

describe("evidenceOf", () => {
  const pilot = (id: string, userId: string, extra: Partial<Pilot> = {}): Pilot => ({
    id,
    communityId: "c",
    tenantId: "t",
    practiceId: "p",
    userId,
    commitment: "",
    startOn: "2026-09-01",
    checkBackOn: "2026-10-01",
    status: "active",
    createdAt: "2026-09-01T00:00:00Z",
    updatedAt: "2026-09-01T00:00:00Z",
    ...extra,
  });
  const report = (outcome: "worked" | "mixed" | "did-not-work", stillUsing: boolean, weeksUsed: number) => ({ status: "reported" as const, report: { outcome, whatChanged: "", signal: "", stillUsing, weeksUsed, reportedAt: "2026-10-01T00:00:00Z" } });

  it("counts distinct managers, leaves withdrawn pilots out, and needs both 'still using' and the weeks for a habit", () => {
    const evidence = evidenceOf(
      [
        pilot("1", "ann", report("worked", true, 4)),
        pilot("2", "ann", report("worked", true, 6)), // the same manager twice counts once
        pilot("3", "bo", report("worked", true, 3)), // not long enough
        pilot("4", "cy", report("worked", false, 9)), // stopped using it
        pilot("5", "di", report("mixed", true, 5)), // sustained, though it did not plainly work
        pilot("6", "ed", { ...report("worked", true, 9), status: "withdrawn" }),
        pilot("7", "fa"),
      ],
      DEFAULT_EVIDENCE_RULES,
    );
    expect(evidence).toEqual({ pilotingManagers: 5, workedManagers: 3, sustainedManagers: 2, pilotIds: ["1", "2", "3", "4", "5", "7"] });
  });

  it("counts whole weeks in the manager's own calendar", () => {
    expect(weeksBetween("2026-10-01", new Date("2026-10-29T08:00:00Z"), "Europe/London")).toBe(4);
    expect(weeksBetween("2026-10-01", new Date("2026-10-28T22:59:00Z"), "Europe/London")).toBe(3);
    // 28 Oct 23:30 UTC is already the 29th in Tokyo.
    expect(weeksBetween("2026-10-01", new Date("2026-10-28T23:30:00Z"), "Asia/Tokyo")).toBe(4);
    expect(weeksBetween("2026-12-01", new Date("2026-10-01T00:00:00Z"), "UTC")).toBe(0);
  });
});

describe("checkPilotDates", () => {
  it("wants the check-back after the start, not in the past, and within a year of the start", () => {
    expect(checkPilotDates("2026-11-20", "2026-12-18", "2026-11-20")).toBeNull();
    expect(checkPilotDates("2026-11-20", "2026-11-20", "2026-11-20")).toMatchObject({ field: "checkBackOn", message: expect.stringMatching(/after the start/) });
    expect(checkPilotDates("2026-10-01", "2026-11-01", "2026-11-20")).toMatchObject({ field: "checkBackOn", message: expect.stringMatching(/from today/) });
    expect(checkPilotDates("2026-11-20", "2027-12-01", "2026-11-20")).toMatchObject({ field: "checkBackOn", message: expect.stringMatching(/within a year/) });
  });
});

describe("promptTimes", () => {
  it("keeps 10:00 local on Wednesdays across the end of summer time in London", () => {
    const times = promptTimes(new Date("2026-10-19T12:00:00Z"), 3, "10:00", "Europe/London", 3).map((d) => d.toISOString());
    expect(times).toEqual(["2026-10-21T09:00:00.000Z", "2026-10-28T10:00:00.000Z", "2026-11-04T10:00:00.000Z"]);
  });

  it("includes a time exactly now, and skips today's once it has passed", () => {
    expect(promptTimes(new Date("2026-11-18T10:00:00Z"), 3, "10:00", "Europe/London", 1)[0]!.toISOString()).toBe("2026-11-18T10:00:00.000Z");
    expect(promptTimes(new Date("2026-11-18T10:00:01Z"), 3, "10:00", "Europe/London", 1)[0]!.toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });
});

describe("nextPrompt", () => {
  const p = (id: string, timesPosted: number, lastPostedAt?: string, active = true) => ({ id, active, timesPosted, lastPostedAt, createdAt: "2026-01-01T00:00:00Z" });

  it("takes the active prompt posted least often, then the one posted longest ago", () => {
    expect(nextPrompt([p("a", 2, "2026-11-01T00:00:00Z"), p("b", 1, "2026-11-10T00:00:00Z"), p("c", 1, "2026-10-01T00:00:00Z"), p("d", 0, undefined, false)])?.id).toBe("c");
    expect(nextPrompt([p("a", 0, undefined, false)])).toBeNull();
  });
});
