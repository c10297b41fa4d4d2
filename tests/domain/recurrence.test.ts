import fc from "fast-check";
import {
  checkRrule,
  instantToLocal,
  localToInstant,
  nextOccurrences,
  occurrencesBetween,
  sessionIdFor,
  type Occurrence,
  type RecurrenceSpec,
} from "../../bot/src/domain/recurrence";

const spec = (over: Partial<RecurrenceSpec>): RecurrenceSpec => ({
  rrule: "FREQ=WEEKLY",
  startsOn: "2026-01-05T09:00",
  durationMinutes: 60,
  timeZone: "UTC",
  exceptions: {},
  ...over,
});
const at = (iso: string) => new Date(iso);
const starts = (list: Occurrence[]) => list.map((o) => o.startsAt.toISOString());
const locals = (list: Occurrence[]) => list.map((o) => o.localStart);

describe("occurrences across daylight saving changes", () => {
  it("keeps a Monday 09:00 New York series at 09:00 local while UTC moves from 14:00Z to 13:00Z (2026-03-08)", () => {
    const mondays = spec({ rrule: "FREQ=WEEKLY;BYDAY=MO", startsOn: "2026-02-23T09:00", timeZone: "America/New_York" });
    const list = occurrencesBetween(mondays, at("2026-02-23T00:00Z"), at("2026-03-17T00:00Z"));
    expect(locals(list)).toEqual(["2026-02-23T09:00", "2026-03-02T09:00", "2026-03-09T09:00", "2026-03-16T09:00"]);
    expect(starts(list)).toEqual(["2026-02-23T14:00:00.000Z", "2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
    expect(list.map((o) => o.endsAt.getTime() - o.startsAt.getTime())).toEqual([3_600_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it("puts a Sunday 09:00 New York session on the change day itself after the change (13:00Z)", () => {
    const sundays = spec({ rrule: "FREQ=WEEKLY;BYDAY=SU", startsOn: "2026-03-01T09:00", timeZone: "America/New_York" });
    expect(starts(occurrencesBetween(sundays, at("2026-03-01T00:00Z"), at("2026-03-09T00:00Z")))).toEqual(["2026-03-01T14:00:00.000Z", "2026-03-08T13:00:00.000Z"]);
  });

  it("keeps a Sunday 10:00 Berlin series at 10:00 local: 08:00Z before 2026-10-25, 09:00Z from then on", () => {
    const sundays = spec({ rrule: "FREQ=WEEKLY;BYDAY=SU", startsOn: "2026-10-04T10:00", timeZone: "Europe/Berlin" });
    const list = occurrencesBetween(sundays, at("2026-10-17T00:00Z"), at("2026-11-02T00:00Z"));
    expect(starts(list)).toEqual(["2026-10-18T08:00:00.000Z", "2026-10-25T09:00:00.000Z", "2026-11-01T09:00:00.000Z"]);
    expect(locals(list)).toEqual(["2026-10-18T10:00", "2026-10-25T10:00", "2026-11-01T10:00"]);
  });

  it("moves a daily 02:30 Berlin session that falls in the 2026-03-29 gap to 03:30 local", () => {
    const daily = spec({ rrule: "FREQ=DAILY", startsOn: "2026-03-27T02:30", timeZone: "Europe/Berlin" });
    const list = occurrencesBetween(daily, at("2026-03-28T00:00Z"), at("2026-03-31T00:00Z"));
    expect(list.map((o) => o.key)).toEqual(["2026-03-28T02:30", "2026-03-29T02:30", "2026-03-30T02:30"]);
    expect(starts(list)).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"]);
    expect(locals(list)).toEqual(["2026-03-28T02:30", "2026-03-29T03:30", "2026-03-30T02:30"]);
    expect(list.every((o) => !o.moved && !o.skipped)).toBe(true);
  });

  it("takes the first of the two 02:30s when Berlin's clocks go back on 2026-10-25", () => {
    const daily = spec({ rrule: "FREQ=DAILY", startsOn: "2026-10-24T02:30", timeZone: "Europe/Berlin" });
    expect(starts(occurrencesBetween(daily, at("2026-10-24T00:00Z"), at("2026-10-27T00:00Z")))).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
  });
});

describe("rules", () => {
  it("reads a monthly first-Thursday (1TH) rule in the series' zone", () => {
    const firstThursdays = spec({ rrule: "FREQ=MONTHLY;BYDAY=1TH", startsOn: "2026-01-01T18:30", timeZone: "Europe/London" });
    const list = nextOccurrences(firstThursdays, at("2026-01-01T00:00Z"), 5);
    expect(locals(list)).toEqual(["2026-01-01T18:30", "2026-02-05T18:30", "2026-03-05T18:30", "2026-04-02T18:30", "2026-05-07T18:30"]);
    // London is on summer time in April and May.
    expect(starts(list).slice(3)).toEqual(["2026-04-02T17:30:00.000Z", "2026-05-07T17:30:00.000Z"]);
  });

  it("reads every other Tuesday, lower case accepted", () => {
    const fortnightly = spec({ rrule: "freq=weekly;interval=2;byday=tu", startsOn: "2026-01-06T12:00" });
    expect(locals(nextOccurrences(fortnightly, at("2026-01-01T00:00Z"), 3))).toEqual(["2026-01-06T12:00", "2026-01-20T12:00", "2026-02-03T12:00"]);
  });

  it("stops after COUNT sessions, skipped ones included in the count", () => {
    const three = spec({ rrule: "RRULE:FREQ=WEEKLY;COUNT=3", exceptions: { "2026-01-12T09:00": { skipped: true } } });
    expect(locals(occurrencesBetween(three, at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z")))).toEqual(["2026-01-05T09:00", "2026-01-12T09:00", "2026-01-19T09:00"]);
    expect(locals(nextOccurrences(three, at("2026-01-01T00:00Z"), 10))).toEqual(["2026-01-05T09:00", "2026-01-19T09:00"]);
  });

  it("includes the whole UNTIL day when UNTIL is a date, and reads a UTC UNTIL in the series' zone", () => {
    const untilDay = spec({ rrule: "FREQ=WEEKLY;UNTIL=20260119", timeZone: "Europe/Berlin" });
    expect(locals(nextOccurrences(untilDay, at("2026-01-01T00:00Z"), 10))).toEqual(["2026-01-05T09:00", "2026-01-12T09:00", "2026-01-19T09:00"]);
    // 08:00Z is 09:00 in Berlin in January: the session on the 19th still counts; 07:59Z would not.
    expect(nextOccurrences(spec({ rrule: "FREQ=WEEKLY;UNTIL=20260119T080000Z", timeZone: "Europe/Berlin" }), at("2026-01-01T00:00Z"), 10)).toHaveLength(3);
    expect(nextOccurrences(spec({ rrule: "FREQ=WEEKLY;UNTIL=20260119T075900Z", timeZone: "Europe/Berlin" }), at("2026-01-01T00:00Z"), 10)).toHaveLength(2);
  });

  it("finds nothing before the first session, and nothing in an empty or reversed window", () => {
    const weekly = spec({});
    expect(occurrencesBetween(weekly, at("2025-01-01T00:00Z"), at("2026-01-05T09:00Z"))).toEqual([]);
    expect(occurrencesBetween(weekly, at("2026-01-05T09:00Z"), at("2026-01-05T09:00Z"))).toEqual([]);
    expect(occurrencesBetween(weekly, at("2026-02-01T00:00Z"), at("2026-01-01T00:00Z"))).toEqual([]);
    expect(nextOccurrences(weekly, at("2026-01-01T00:00Z"), 0)).toEqual([]);
  });

  it("counts a window as [from, to): a start exactly at `to` is left out", () => {
    const weekly = spec({});
    expect(starts(occurrencesBetween(weekly, at("2026-01-05T09:00Z"), at("2026-01-12T09:00Z")))).toEqual(["2026-01-05T09:00:00.000Z"]);
  });

  it("refuses to expand a rule that checkRrule refuses, and an unknown zone", () => {
    expect(() => occurrencesBetween(spec({ rrule: "FREQ=HOURLY" }), at("2026-01-01T00:00Z"), at("2026-02-01T00:00Z"))).toThrow(/FREQ=HOURLY/);
    expect(() => occurrencesBetween(spec({ timeZone: "Mars/Olympus" }), at("2026-01-01T00:00Z"), at("2026-02-01T00:00Z"))).toThrow(/time zone/);
  });
});

describe("exceptions", () => {
  const weekly = spec({
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    startsOn: "2026-03-02T09:00",
    timeZone: "America/New_York",
    exceptions: {
      "2026-03-09T09:00": { skipped: true, reason: "Offsite" },
      "2026-03-16T09:00": { movedTo: "2026-03-18T14:00" },
      "2026-03-23T09:00": { movedTo: "2026-04-08T10:00" },
      // Not a date of the rule (a Tuesday): ignored.
      "2026-03-24T09:00": { movedTo: "2026-03-25T09:00" },
    },
  });

  it("keeps a skipped occurrence at its own time, flagged skipped", () => {
    const [skipped] = occurrencesBetween(weekly, at("2026-03-09T00:00Z"), at("2026-03-10T00:00Z"));
    expect(skipped).toEqual({ key: "2026-03-09T09:00", localStart: "2026-03-09T09:00", startsAt: at("2026-03-09T13:00Z"), endsAt: at("2026-03-09T14:00Z"), skipped: true, moved: false });
  });

  it("shows a moved occurrence at its new time and not at its old one", () => {
    const list = occurrencesBetween(weekly, at("2026-03-15T00:00Z"), at("2026-03-20T00:00Z"));
    expect(list).toEqual([{ key: "2026-03-16T09:00", localStart: "2026-03-18T14:00", startsAt: at("2026-03-18T18:00Z"), endsAt: at("2026-03-18T19:00Z"), skipped: false, moved: true }]);
  });

  it("finds an occurrence moved far away only in the window of its new time", () => {
    expect(occurrencesBetween(weekly, at("2026-03-22T00:00Z"), at("2026-03-29T00:00Z"))).toEqual([]);
    const april = occurrencesBetween(weekly, at("2026-04-07T00:00Z"), at("2026-04-09T00:00Z"));
    expect(april.map((o) => [o.key, o.localStart, o.moved])).toEqual([["2026-03-23T09:00", "2026-04-08T10:00", true]]);
  });

  it("orders moved occurrences among the others by their actual start", () => {
    const list = occurrencesBetween(weekly, at("2026-03-01T00:00Z"), at("2026-04-14T00:00Z"));
    expect(locals(list)).toEqual(["2026-03-02T09:00", "2026-03-09T09:00", "2026-03-18T14:00", "2026-03-30T09:00", "2026-04-06T09:00", "2026-04-08T10:00", "2026-04-13T09:00"]);
    expect(list.some((o) => o.localStart === "2026-03-25T09:00")).toBe(false);
  });

  it("leaves skipped occurrences out of the next ones, and includes moved ones in order", () => {
    expect(locals(nextOccurrences(weekly, at("2026-03-03T00:00Z"), 4))).toEqual(["2026-03-18T14:00", "2026-03-30T09:00", "2026-04-06T09:00", "2026-04-08T10:00"]);
  });

  it("lets a skip win over a move of the same occurrence", () => {
    const both = spec({ exceptions: { "2026-01-12T09:00": { skipped: true, movedTo: "2026-01-14T09:00" } } });
    const list = occurrencesBetween(both, at("2026-01-10T00:00Z"), at("2026-01-17T00:00Z"));
    expect(list.map((o) => [o.localStart, o.skipped, o.moved])).toEqual([["2026-01-12T09:00", true, false]]);
  });
});

describe("local times and instants", () => {
  it("moves a time in a spring-forward gap forward by the gap", () => {
    expect(localToInstant("2026-03-29T02:30", "Europe/Berlin")).toEqual(at("2026-03-29T01:30Z"));
    expect(instantToLocal(localToInstant("2026-03-29T02:30", "Europe/Berlin"), "Europe/Berlin")).toBe("2026-03-29T03:30");
    expect(localToInstant("2026-03-08T02:15", "America/New_York")).toEqual(at("2026-03-08T07:15Z"));
  });

  it("takes the earlier instant of an ambiguous fall-back time", () => {
    expect(localToInstant("2026-10-25T02:30", "Europe/Berlin")).toEqual(at("2026-10-25T00:30Z"));
    expect(localToInstant("2026-11-01T01:30", "America/New_York")).toEqual(at("2026-11-01T05:30Z"));
    // Half-hour shifts too: Lord Howe Island goes back from 02:00 to 01:30.
    expect(localToInstant("2026-04-05T01:45", "Australia/Lord_Howe")).toEqual(at("2026-04-04T14:45Z"));
  });

  it("reads ordinary times plainly, both ways", () => {
    expect(localToInstant("2026-07-01T09:00", "Asia/Kolkata")).toEqual(at("2026-07-01T03:30Z"));
    expect(instantToLocal(at("2026-07-01T03:30Z"), "Asia/Kolkata")).toBe("2026-07-01T09:00");
    expect(instantToLocal(at("2026-12-31T23:59:59Z"), "UTC")).toBe("2026-12-31T23:59");
  });

  it("refuses unknown zones and impossible dates", () => {
    expect(() => localToInstant("2026-07-01T09:00", "Europe/Atlantis")).toThrow(/not a known time zone/);
    expect(() => localToInstant("2026-02-30T09:00", "UTC")).toThrow(/not a real date/);
    expect(() => instantToLocal(at("nonsense"), "UTC")).toThrow(/not a valid date/);
  });

  const zones = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns", "UTC"];
  const minuteInstant = fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));

  it("round-trips every instant through its wall clock, except the second of two ambiguous ones (property)", () => {
    fc.assert(
      fc.property(minuteInstant, fc.constantFrom(...zones), (t, zone) => {
        const local = instantToLocal(t, zone);
        const back = localToInstant(local, zone);
        expect(instantToLocal(back, zone)).toBe(local);
        // Either the same instant, or an earlier one with the same wall clock (fall-back repeat).
        expect(back.getTime()).toBeLessThanOrEqual(t.getTime());
        if (back.getTime() !== t.getTime()) expect(t.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });
});

describe("checkRrule", () => {
  it.each([
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=1TH",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=WEEKLY;BYMONTH=1,2,3,4,5,6,9,10,11,12;BYDAY=TH",
    "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=30",
    "FREQ=WEEKLY;",
  ])("accepts %s", (rule) => {
    expect(checkRrule(rule)).toBeNull();
  });

  it.each([
    ["", /empty/],
    ["BYDAY=MO", /Add FREQ/],
    ["FREQ=HOURLY", /more often than sessions can repeat/],
    ["FREQ=MINUTELY;INTERVAL=30", /more often/],
    ["FREQ=FORTNIGHTLY", /not a frequency/],
    ["FREQ=WEEKLY;FOO=1", /'FOO' is not a rule part/],
    ["FREQ=WEEKLY;BYDAY", /NAME=VALUE/],
    ["DTSTART:20260101T090000Z\nRRULE:FREQ=WEEKLY", /so leave DTSTART out of the rule\.$/],
    ["FREQ=WEEKLY;DTSTART=20260101T090000", /so leave DTSTART out of the rule\.$/],
    ["FREQ=WEEKLY;TZID=Europe/Berlin", /so leave TZID out of the rule\.$/],
    ["FREQ=WEEKLY\nFREQ=DAILY", /single line/],
    ["FREQ=WEEKLY;FREQ=DAILY", /FREQ appears twice/],
    ["FREQ=WEEKLY;COUNT=0", /COUNT must be a whole number from 1/],
    ["FREQ=WEEKLY;COUNT=abc", /COUNT must be a whole number/],
    ["FREQ=WEEKLY;COUNT=5;UNTIL=20261231", /COUNT or UNTIL, not both/],
    ["FREQ=WEEKLY;UNTIL=20260231", /UNTIL must be a real date/],
    ["FREQ=WEEKLY;UNTIL=tomorrow", /UNTIL must be a real date/],
    ["FREQ=WEEKLY;INTERVAL=0", /INTERVAL must be a whole number from 1/],
    ["FREQ=WEEKLY;BYDAY=XX", /BYDAY must be weekdays/],
    ["FREQ=WEEKLY;BYDAY=1MO", /numbered weekday only works/],
    ["FREQ=MONTHLY;BYDAY=6MO", /from 1 to 5/],
    ["FREQ=MONTHLY;BYMONTHDAY=0", /BYMONTHDAY must be whole numbers/],
    ["FREQ=YEARLY;BYMONTH=13", /BYMONTH must be whole numbers from 1 to 12/],
    ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", /never falls in BYMONTH=2/],
    ["FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31", /never falls/],
    ["FREQ=DAILY;BYHOUR=9,17", /one hour only/],
    ["FREQ=WEEKLY;BYSECOND=0", /whole minute/],
    ["FREQ=YEARLY;BYWEEKNO=20", /BYWEEKNO is not supported/],
    ["FREQ=DAILY;INTERVAL=7;BYDAY=TU", /FREQ=WEEKLY with BYDAY/],
    ["FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1", /BYSETPOS only works/],
    ["FREQ=MONTHLY;BYSETPOS=1", /add one of them/],
    ["FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", /at most 5/],
    ["FREQ=WEEKLY;BYMONTHDAY=1", /FREQ=MONTHLY/],
    ["FREQ=WEEKLY;INTERVAL=6;BYMONTH=3", /INTERVAL can be at most 4/],
    ["FREQ=MONTHLY;INTERVAL=2;BYMONTH=3", /FREQ=YEARLY with BYMONTH/],
    ["FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=5MO", /never falls on BYMONTHDAY/],
  ])("refuses %j with a sentence saying what to fix", (rule, message) => {
    const problem = checkRrule(rule);
    expect(problem).toMatch(message);
    expect(problem).toMatch(/[.]$/);
  });

  it("answers quickly even for rules that never happen", () => {
    const started = Date.now();
    for (const rule of ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;INTERVAL=7;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=-1;BYDAY=1MO"]) expect(checkRrule(rule)).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("sessionIdFor", () => {
  it("names a session by its series and original local start", () => {
    expect(sessionIdFor("ser-42", "2026-03-09T09:00")).toBe("ses-ser-42-20260309T0900");
  });

  it("refuses a key that is not a local date and time", () => {
    expect(() => sessionIdFor("ser-42", "2026-03-09 09:00")).toThrow(/local date and time/);
  });
});

describe("occurrences (properties)", () => {
  const rules = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=1TH", "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=DAILY;COUNT=40"];
  const zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
  const startsOn = fc
    .record({ day: fc.integer({ min: 0, max: 700 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 15, 30, 45) })
    .map(({ day, hour, minute }) => new Date(Date.UTC(2025, 0, 1 + day, hour, minute)).toISOString().slice(0, 16));
  const arbSpec = fc.record({
    rrule: fc.constantFrom(...rules),
    startsOn,
    durationMinutes: fc.integer({ min: 5, max: 480 }),
    timeZone: fc.constantFrom(...zones),
    exceptions: fc.constant({}),
  });
  const window = fc.record({ fromDay: fc.integer({ min: 0, max: 800 }), lengthHours: fc.integer({ min: 1, max: 24 * 60 }) }).map(({ fromDay, lengthHours }) => {
    const from = new Date(Date.UTC(2025, 0, 1 + fromDay, 7, 13));
    return { from, to: new Date(from.getTime() + lengthHours * 3_600_000) };
  });

  it("are always in order, inside the window, the right length and each key once", () => {
    fc.assert(
      fc.property(arbSpec, window, (s, { from, to }) => {
        const list = occurrencesBetween(s, from, to);
        for (const [i, o] of list.entries()) {
          expect(o.startsAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(o.startsAt.getTime()).toBeLessThan(to.getTime());
          expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(s.durationMinutes * 60_000);
          expect(instantToLocal(o.startsAt, s.timeZone)).toBe(o.localStart);
          if (i > 0) expect(o.startsAt.getTime()).toBeGreaterThan(list[i - 1]!.startsAt.getTime());
        }
        expect(new Set(list.map((o) => o.key)).size).toBe(list.length);
      }),
      { numRuns: 150 },
    );
  });

  it("agree with each other: the next n are the first n of the window that follows", () => {
    fc.assert(
      fc.property(arbSpec, window, fc.integer({ min: 1, max: 8 }), (s, { from }, n) => {
        const next = nextOccurrences(s, from, n);
        // Up to just after the last one found; or, when the rule ran out, far beyond it.
        const horizon = next.length === n ? new Date(next[n - 1]!.startsAt.getTime() + 1) : new Date(Date.UTC(2031, 0, 1));
        expect(next).toEqual(occurrencesBetween(s, from, horizon));
        if (next.length < n) expect(s.rrule).toContain("COUNT");
      }),
      { numRuns: 100 },
    );
  });

  it("never lose or invent a session when a window is cut in two", () => {
    fc.assert(
      fc.property(arbSpec, window, fc.double({ min: 0, max: 1, noNaN: true }), (s, { from, to }, cut) => {
        const middle = new Date(Math.round(from.getTime() + (to.getTime() - from.getTime()) * cut));
        expect([...occurrencesBetween(s, from, middle), ...occurrencesBetween(s, middle, to)]).toEqual(occurrencesBetween(s, from, to));
      }),
      { numRuns: 100 },
    );
  });
});
