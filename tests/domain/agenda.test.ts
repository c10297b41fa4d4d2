import fc from "fast-check";
import { AgendaItem } from "../../bot/src/contracts";
import { checkAgenda, defaultAgenda, themeFor } from "../../bot/src/domain/agenda";

const shape = (items: AgendaItem[]) => items.map((i) => [i.part, i.minutes]);

describe("defaultAgenda", () => {
  it("splits an hour 15/30/15: input, discussion, other needs and planning", () => {
    const items = defaultAgenda("standard", 60, { facilitatorId: "u-fac" });
    expect(shape(items)).toEqual([
      ["input", 15],
      ["discussion", 30],
      ["planning", 15],
    ]);
    expect(items.map((i) => i.title)).toEqual(["Input from the facilitator", "Discussion", "Other needs and planning the next meeting"]);
    expect(items.every((i) => i.ownerId === "u-fac")).toBe(true);
  });

  it.each([
    [45, [10, 25, 10]],
    [90, [25, 45, 20]],
    [120, [30, 60, 30]],
    [30, [10, 15, 5]],
    [20, [5, 10, 5]],
  ])("splits %i minutes into %j", (duration, minutes) => {
    expect(defaultAgenda("standard", duration).map((i) => i.minutes)).toEqual(minutes);
  });

  it("gives the input to the month's theme owner and names the theme", () => {
    const [input] = defaultAgenda("standard", 60, { facilitatorId: "u-fac", theme: { title: "Feedback that lands", ownerId: "u-expert" } });
    expect(input).toMatchObject({ part: "input", title: "Input: Feedback that lands", ownerId: "u-expert" });
  });

  it("leaves the input with the facilitator when the theme has no owner, and with nobody when neither is known", () => {
    expect(defaultAgenda("standard", 60, { facilitatorId: "u-fac", theme: { title: "Hiring" } })[0]!.ownerId).toBe("u-fac");
    expect(defaultAgenda("standard", 60)[0]).not.toHaveProperty("ownerId");
  });

  it("turns the discussion into a case clinic when cases are queued", () => {
    expect(defaultAgenda("standard", 60, { queuedCaseCount: 2 })[1]).toMatchObject({ part: "case-clinic", title: "Case clinic: 2 cases", minutes: 30 });
    expect(defaultAgenda("standard", 60, { queuedCaseCount: 1 })[1]!.title).toBe("Case clinic: 1 case");
    expect(defaultAgenda("standard", 60, { queuedCaseCount: 0 })[1]!.part).toBe("discussion");
  });

  it("gives the open format a short round, an open floor and a wrap-up", () => {
    expect(shape(defaultAgenda("open", 60))).toEqual([
      ["round", 10],
      ["open-floor", 40],
      ["wrap-up", 10],
    ]);
    expect(shape(defaultAgenda("open", 30))).toEqual([
      ["round", 5],
      ["open-floor", 20],
      ["wrap-up", 5],
    ]);
  });

  it("cuts a very long theme title to fit", () => {
    const [input] = defaultAgenda("standard", 60, { theme: { title: "x".repeat(120) } });
    expect(input!.title).toHaveLength(120);
    expect(input!.title.endsWith("…")).toBe(true);
  });

  it("always fills the session exactly with valid items, in 5-minute steps from 20 minutes (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("standard" as const, "open" as const), fc.integer({ min: 5, max: 480 }), fc.integer({ min: 0, max: 3 }), (format, duration, cases) => {
        const items = defaultAgenda(format, duration, { facilitatorId: "u-1", queuedCaseCount: cases });
        expect(items).toHaveLength(3);
        expect(items.reduce((sum, i) => sum + i.minutes, 0)).toBe(duration);
        for (const i of items) expect(AgendaItem.safeParse(i).success).toBe(true);
        if (duration >= 20 && duration % 5 === 0) expect(items.every((i) => i.minutes % 5 === 0)).toBe(true);
        expect(checkAgenda(items, duration)).toBeNull();
      }),
    );
  });

  it("keeps each standard part within 5 minutes of its share (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 480 }), (duration) => {
        const [input, discussion, planning] = defaultAgenda("standard", duration).map((i) => i.minutes) as [number, number, number];
        expect(Math.abs(input - duration / 4)).toBeLessThanOrEqual(2.5);
        expect(Math.abs(discussion - duration / 2)).toBeLessThanOrEqual(5);
        expect(Math.abs(planning - duration / 4)).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe("themeFor", () => {
  const themes = { "2026-11": { title: "Difficult conversations" }, "2026-12": { title: "Year-end reviews", ownerId: "u-2" } };

  it("picks the month the session starts in, in the series' zone", () => {
    // 23:30Z on 30 November is already 1 December in Berlin.
    expect(themeFor(themes, new Date("2026-11-30T23:30Z"), "Europe/Berlin")?.title).toBe("Year-end reviews");
    expect(themeFor(themes, new Date("2026-11-30T23:30Z"), "America/New_York")?.title).toBe("Difficult conversations");
  });

  it("is undefined for a month without a theme", () => {
    expect(themeFor(themes, new Date("2027-01-10T09:00Z"), "UTC")).toBeUndefined();
  });
});

describe("checkAgenda", () => {
  const item = (minutes: number): AgendaItem => ({ part: "discussion", title: "Talk", minutes });

  it("accepts items that fit, including ones that leave time spare", () => {
    expect(checkAgenda([item(30), item(30)], 60)).toBeNull();
    expect(checkAgenda([item(20)], 60)).toBeNull();
  });

  it("asks for at least one item", () => {
    expect(checkAgenda([], 60)).toBe("Add at least one agenda item.");
  });

  it("says how much to cut when the agenda runs over", () => {
    expect(checkAgenda([item(40), item(30)], 60)).toBe("The agenda takes 70 minutes but the session lasts 60; shorten or remove items to save 10 minutes.");
    expect(checkAgenda([item(61)], 60)).toMatch(/save 1 minute\.$/);
  });

  it("refuses more than 12 items and items without whole minutes", () => {
    expect(checkAgenda(Array.from({ length: 13 }, () => item(1)), 60)).toMatch(/at most 12 items/);
    expect(checkAgenda([item(0)], 60)).toMatch(/whole number of minutes/);
    expect(checkAgenda([item(2.5)], 60)).toMatch(/whole number of minutes/);
  });
});
