import fc from "fast-check";
import { backoffDelayMs } from "../../bot/src/domain/backoff";
import { localToInstant } from "../../bot/src/domain/recurrence";
import { backFromAway, describeLeadTime, formatSessionTime, isAway, personalDeliveryTime, reminderInstants } from "../../bot/src/domain/reminders";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

describe("reminderInstants", () => {
  it("puts a 24-hour reminder exactly 24 elapsed hours before a Monday 09:00 New York session after the clocks changed", () => {
    const start = localToInstant("2026-03-09T09:00", "America/New_York");
    expect(start).toEqual(at("2026-03-09T13:00Z"));
    const reminders = reminderInstants(start, [1440, 15]);
    expect(reminders).toEqual([
      { offsetMinutes: 1440, at: at("2026-03-08T13:00Z") },
      { offsetMinutes: 15, at: at("2026-03-09T12:45Z") },
    ]);
    expect(start.getTime() - reminders[0]!.at.getTime()).toBe(24 * 3_600_000);
  });

  it("counts elapsed time, not wall clock, when the change falls between reminder and session", () => {
    // Sunday 2026-03-08 09:00 EDT; 24 hours earlier it was 08:00 EST on the Saturday, not 09:00.
    const start = localToInstant("2026-03-08T09:00", "America/New_York");
    const [dayBefore] = reminderInstants(start, [1440]);
    expect(dayBefore!.at).toEqual(at("2026-03-07T13:00Z"));
    expect(formatSessionTime(dayBefore!.at, "America/New_York")).toBe("Sat 7 Mar, 08:00 EST");
  });

  it("sorts earliest first, whatever order the offsets came in, and keeps one per offset", () => {
    const start = at("2026-06-01T09:00Z");
    expect(reminderInstants(start, [15, 2880, 60, 15]).map((r) => r.offsetMinutes)).toEqual([2880, 60, 15]);
    expect(reminderInstants(start, [])).toEqual([]);
  });
});

describe("personalDeliveryTime", () => {
  const night = { start: "20:00", end: "08:00" };

  it("sends at once outside quiet hours", () => {
    expect(iso(personalDeliveryTime(at("2026-06-10T10:00Z"), "Europe/Berlin", night))).toBe("2026-06-10T10:00:00.000Z");
    // 19:59 local is still before the quiet hours start.
    expect(iso(personalDeliveryTime(at("2026-06-10T17:59Z"), "Europe/Berlin", night))).toBe("2026-06-10T17:59:00.000Z");
  });

  it("waits for the end of overnight quiet hours: from the evening to the next morning", () => {
    // 22:00 in Berlin (summer, +2) → 08:00 the next day.
    expect(iso(personalDeliveryTime(at("2026-06-10T20:00Z"), "Europe/Berlin", night))).toBe("2026-06-11T06:00:00.000Z");
    // Exactly 20:00 is already quiet.
    expect(iso(personalDeliveryTime(at("2026-06-10T18:00Z"), "Europe/Berlin", night))).toBe("2026-06-11T06:00:00.000Z");
  });

  it("waits for the end of overnight quiet hours: early morning to the same morning", () => {
    expect(iso(personalDeliveryTime(at("2026-06-11T04:00Z"), "Europe/Berlin", night))).toBe("2026-06-11T06:00:00.000Z");
    // 08:00 exactly is no longer quiet.
    expect(iso(personalDeliveryTime(at("2026-06-11T06:00Z"), "Europe/Berlin", night))).toBe("2026-06-11T06:00:00.000Z");
  });

  it("handles quiet hours within one day", () => {
    const lunch = { start: "12:00", end: "13:30" };
    expect(iso(personalDeliveryTime(at("2026-06-11T12:15Z"), "UTC", lunch))).toBe("2026-06-11T13:30:00.000Z");
    expect(iso(personalDeliveryTime(at("2026-06-11T11:59Z"), "UTC", lunch))).toBe("2026-06-11T11:59:00.000Z");
    expect(iso(personalDeliveryTime(at("2026-06-11T13:30Z"), "UTC", lunch))).toBe("2026-06-11T13:30:00.000Z");
  });

  it("treats equal start and end as no quiet hours", () => {
    expect(iso(personalDeliveryTime(at("2026-06-11T02:00Z"), "UTC", { start: "08:00", end: "08:00" }))).toBe("2026-06-11T02:00:00.000Z");
  });

  it("reads the quiet hours in the member's own zone", () => {
    // 03:00Z is 23:00 the evening before in New York (quiet), 05:00 in Berlin (quiet), 08:30 in Kolkata (not quiet).
    expect(iso(personalDeliveryTime(at("2026-06-11T03:00Z"), "America/New_York", night))).toBe("2026-06-11T12:00:00.000Z");
    expect(iso(personalDeliveryTime(at("2026-06-11T03:00Z"), "Europe/Berlin", night))).toBe("2026-06-11T06:00:00.000Z");
    expect(iso(personalDeliveryTime(at("2026-06-11T03:00Z"), "Asia/Kolkata", night))).toBe("2026-06-11T03:00:00.000Z");
  });

  it("ends quiet hours at 08:00 local on the morning the clocks go forward", () => {
    // 23:00 CET on Saturday 28 March; 08:00 on Sunday is summer time (+2), so 06:00Z.
    expect(iso(personalDeliveryTime(at("2026-03-28T22:00Z"), "Europe/Berlin", night))).toBe("2026-03-29T06:00:00.000Z");
  });

  it("drops the message when quiet hours end at or after the latest useful moment", () => {
    const fifteenBefore = at("2026-06-11T05:15Z"); // 07:15 in Berlin, quiet
    expect(personalDeliveryTime(fifteenBefore, "Europe/Berlin", night, at("2026-06-11T05:30Z"))).toBeNull();
    expect(personalDeliveryTime(fifteenBefore, "Europe/Berlin", night, at("2026-06-11T06:00Z"))).toBeNull();
    expect(iso(personalDeliveryTime(fifteenBefore, "Europe/Berlin", night, at("2026-06-11T06:00:01Z")))).toBe("2026-06-11T06:00:00.000Z");
  });

  it("never drops or delays a message outside quiet hours, even close to the session", () => {
    expect(iso(personalDeliveryTime(at("2026-06-11T09:00Z"), "Europe/Berlin", night, at("2026-06-11T09:00Z")))).toBe("2026-06-11T09:00:00.000Z");
  });

  it("refuses quiet hours that are not times of day", () => {
    expect(() => personalDeliveryTime(at("2026-06-11T09:00Z"), "UTC", { start: "8pm", end: "08:00" })).toThrow(/time of day/);
  });

  it("always answers with a moment outside quiet hours, never before the message was due (property)", () => {
    const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
    const zone = fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC");
    fc.assert(
      fc.property(instant, zone, time, time, (due, z, start, end) => {
        const sent = personalDeliveryTime(due, z, { start, end })!;
        expect(sent.getTime()).toBeGreaterThanOrEqual(due.getTime());
        expect(sent.getTime() - due.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
        // Sending at the answer again needs no further wait.
        expect(personalDeliveryTime(sent, z, { start, end })!.getTime()).toBe(sent.getTime());
      }),
    );
  });
});

describe("isAway", () => {
  it("is inclusive of the last away day, read in the member's zone", () => {
    expect(isAway("2026-11-20", at("2026-11-20T12:00Z"), "UTC")).toBe(true);
    expect(isAway("2026-11-20", at("2026-11-21T00:00Z"), "UTC")).toBe(false);
    // 23:30Z on the 20th is already the 21st in Berlin, still the 20th in New York.
    expect(isAway("2026-11-20", at("2026-11-20T23:30Z"), "Europe/Berlin")).toBe(false);
    expect(isAway("2026-11-20", at("2026-11-20T23:30Z"), "America/New_York")).toBe(true);
  });

  it("is false without an away date", () => {
    expect(isAway(undefined, at("2026-11-20T12:00Z"), "UTC")).toBe(false);
  });
});

describe("backFromAway", () => {
  it("leaves the time alone for someone who is not away then (never set, or back already)", () => {
    expect(backFromAway(undefined, at("2026-12-04T08:00Z"), "Europe/Madrid", "09:00")).toEqual(at("2026-12-04T08:00Z"));
    expect(backFromAway("", at("2026-12-04T08:00Z"), "Europe/Madrid", "09:00")).toEqual(at("2026-12-04T08:00Z"));
    expect(backFromAway("2026-12-03", at("2026-12-04T08:00Z"), "Europe/Madrid", "09:00")).toEqual(at("2026-12-04T08:00Z"));
  });

  it("waits until the given time on the day after awayUntil (inclusive), in their zone", () => {
    // Away until Thursday 10 December in Madrid (UTC+1): back Friday the 11th at 09:00 local.
    expect(backFromAway("2026-12-10", at("2026-12-04T08:00Z"), "Europe/Madrid", "09:00")).toEqual(at("2026-12-11T08:00Z"));
    // The last day away still counts: on 10 December they are back the next morning.
    expect(backFromAway("2026-12-10", at("2026-12-10T20:00Z"), "Europe/Madrid", "09:00")).toEqual(at("2026-12-11T08:00Z"));
    // Their local date decides: 23:30 UTC on the 10th is already the 11th in Tokyo, so they are back.
    expect(backFromAway("2026-12-10", at("2026-12-10T23:30Z"), "Asia/Tokyo", "09:00")).toEqual(at("2026-12-10T23:30Z"));
    expect(backFromAway("2026-12-10", at("2026-12-10T23:30Z"), "America/New_York", "09:00")).toEqual(at("2026-12-11T14:00Z"));
  });

  it("reads the local time across a clock change", () => {
    // Back on Monday 30 March 2026, after London moved to BST on the 29th: 09:00 BST is 08:00 UTC.
    expect(backFromAway("2026-03-29", at("2026-03-27T10:00Z"), "Europe/London", "09:00")).toEqual(at("2026-03-30T08:00Z"));
  });

  it("never moves a card earlier, and lands on the local time whenever it moves it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: -3, max: 20 }), fc.constantFrom("UTC", "Europe/Madrid", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"), (minutes, awayDays, zone) => {
        const now = new Date(Date.parse("2026-01-01T00:00Z") + minutes * 60_000);
        const awayUntil = new Date(now.getTime() + awayDays * 86_400_000).toISOString().slice(0, 10);
        const back = backFromAway(awayUntil, now, zone, "09:00");
        expect(back.getTime()).toBeGreaterThanOrEqual(now.getTime());
        if (back.getTime() !== now.getTime()) {
          expect(isAway(awayUntil, now, zone)).toBe(true);
          expect(isAway(awayUntil, back, zone)).toBe(false);
          expect(formatSessionTime(back, zone)).toContain("09:00");
        }
      }),
    );
  });
});

describe("formatSessionTime", () => {
  it("writes the day, date, time and short zone name in that zone", () => {
    expect(formatSessionTime(at("2026-11-24T09:00Z"), "Europe/London")).toBe("Tue 24 Nov, 09:00 GMT");
    expect(formatSessionTime(at("2026-11-24T09:00Z"), "Europe/Berlin")).toBe("Tue 24 Nov, 10:00 CET");
    expect(formatSessionTime(at("2026-11-24T09:00Z"), "America/New_York")).toBe("Tue 24 Nov, 04:00 EST");
    expect(formatSessionTime(at("2026-09-15T08:00Z"), "Europe/London")).toBe("Tue 15 Sep, 09:00 BST");
  });

  it("falls back to the offset where no short name exists, and crosses the date line in the zone", () => {
    expect(formatSessionTime(at("2026-11-24T23:30Z"), "Asia/Kolkata")).toBe("Wed 25 Nov, 05:00 GMT+5:30");
  });
});

describe("describeLeadTime", () => {
  it.each([
    [15, "in 15 minutes"],
    [1, "in 1 minute"],
    [60, "in 1 hour"],
    [90, "in 1 hour and 30 minutes"],
    [180, "in 3 hours"],
    [1440, "tomorrow"],
    [2880, "in 2 days"],
    [4320, "in 3 days"],
    [1500, "in 1 day and 1 hour"],
    [2941, "in 2 days, 1 hour and 1 minute"],
    [0, "now"],
  ])("%i minutes → %s", (minutes, words) => {
    expect(describeLeadTime(minutes)).toBe(words);
  });
});

// backoff.ts has no test file of its own in this change; its retries serve reminder delivery.
describe("backoffDelayMs", () => {
  it("spans zero to base·2^attempt, using the injected random number", () => {
    expect(backoffDelayMs(0, { baseMs: 100, random: () => 0 })).toBe(0);
    expect(backoffDelayMs(0, { baseMs: 100, random: () => 0.999999 })).toBe(100);
    expect(backoffDelayMs(3, { baseMs: 100, random: () => 0.5 })).toBe(400);
  });

  it("never exceeds the cap, however many attempts", () => {
    expect(backoffDelayMs(30, { baseMs: 100, capMs: 5_000, random: () => 0.999999 })).toBe(5_000);
    expect(backoffDelayMs(5000, { baseMs: 100, capMs: 5_000, random: () => 1 })).toBe(5_000);
  });

  it("stays within [0, min(cap, base·2^attempt)] (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 600_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, baseMs, capMs, r) => {
        const delay = backoffDelayMs(attempt, { baseMs, capMs, random: () => r });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(capMs, baseMs * 2 ** attempt));
      }),
    );
  });

  it("uses Math.random by default and stays within the default cap", () => {
    for (let i = 0; i < 50; i++) expect(backoffDelayMs(20)).toBeLessThanOrEqual(60_000);
  });
});
