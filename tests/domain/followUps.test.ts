import { followUpNudges, isOverdue } from "../../bot/src/domain/followUps";

describe("followUpNudges", () => {
  it("nudges the day before and the day after at 09:00 in the owner's zone", () => {
    expect(followUpNudges("2026-11-20", "Europe/Berlin")).toEqual([
      { kind: "before", at: new Date("2026-11-19T08:00:00Z") },
      { kind: "overdue", at: new Date("2026-11-21T08:00:00Z") },
    ]);
  });

  it("keeps 09:00 local on both sides of a clock change", () => {
    // Due on the day New York changes to summer time: 09:00 EST before, 09:00 EDT after.
    expect(followUpNudges("2026-03-08", "America/New_York")).toEqual([
      { kind: "before", at: new Date("2026-03-07T14:00:00Z") },
      { kind: "overdue", at: new Date("2026-03-09T13:00:00Z") },
    ]);
  });

  it("crosses month and year ends", () => {
    expect(followUpNudges("2027-01-01", "UTC").map((n) => n.at.toISOString())).toEqual(["2026-12-31T09:00:00.000Z", "2027-01-02T09:00:00.000Z"]);
    expect(followUpNudges("2028-03-01", "UTC")[0]!.at.toISOString()).toBe("2028-02-29T09:00:00.000Z");
  });

  it("refuses a date that does not exist", () => {
    expect(() => followUpNudges("2026-02-30", "UTC")).toThrow(/not a date/);
    expect(() => followUpNudges("20 Nov", "UTC")).toThrow(/not a date/);
  });
});

describe("isOverdue", () => {
  it("is overdue only once the due date has fully passed where the owner is", () => {
    expect(isOverdue("2026-11-20", new Date("2026-11-20T22:59:59Z"), "Europe/Berlin")).toBe(false);
    expect(isOverdue("2026-11-20", new Date("2026-11-20T23:00:00Z"), "Europe/Berlin")).toBe(true);
    // The same moment is still the 20th in New York.
    expect(isOverdue("2026-11-20", new Date("2026-11-20T23:00:00Z"), "America/New_York")).toBe(false);
  });

  it("is not overdue before or on the due day", () => {
    expect(isOverdue("2026-11-20", new Date("2026-11-19T12:00:00Z"), "UTC")).toBe(false);
    expect(isOverdue("2026-11-20", new Date("2026-11-20T00:00:00Z"), "UTC")).toBe(false);
  });
});
