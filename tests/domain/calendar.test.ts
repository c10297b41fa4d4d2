import { type Session } from "../../bot/src/contracts";
import { sessionCalendar } from "../../bot/src/domain/calendar";

const session = (over: Partial<Session> = {}): Session => ({
  id: "ses-ser-1-20260309T0900",
  communityId: "com-1",
  tenantId: "ten-1",
  seriesId: "ser-1",
  occurrenceKey: "2026-03-09T09:00",
  kind: "deep-dive",
  title: "Monthly deep dive",
  startsAt: "2026-03-09T13:00:00.000Z",
  endsAt: "2026-03-09T14:00:00.000Z",
  timeZone: "America/New_York",
  status: "scheduled",
  moved: false,
  agendaFormat: "standard",
  agenda: [
    { part: "input", title: "Input: Feedback, done well", minutes: 15 },
    { part: "discussion", title: "Discussion", minutes: 30 },
    { part: "planning", title: "Other needs and planning the next meeting", minutes: 15 },
  ],
  queuedCaseIds: [],
  joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0",
  updatedAt: "2026-03-01T10:00:00.000Z",
  revision: 0,
  ...over,
});

/** The file's content lines, with folded lines joined back (RFC 5545 §3.1). */
const linesOf = (text: string) => text.replace(/\r\n[ \t]/g, "").split("\r\n");
const property = (lines: string[], name: string) => lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`)).map((l) => l.slice(l.indexOf(":") + 1));
const unescape = (value: string) => value.replace(/\\n/g, "\n").replace(/\\([,;\\])/g, "$1");

describe("sessionCalendar", () => {
  it("writes one event with the session's UID, UTC times, title, link and agenda", () => {
    const text = sessionCalendar(session(), { communityName: "People Leaders", facilitatorName: "Ana Ruiz" });
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = linesOf(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines).toContain("END:VEVENT");
    expect(property(lines, "UID")).toEqual(["ses-ser-1-20260309T0900@practice-circles"]);
    expect(property(lines, "DTSTART")).toEqual(["20260309T130000Z"]);
    expect(property(lines, "DTEND")).toEqual(["20260309T140000Z"]);
    expect(property(lines, "DTSTAMP")).toEqual(["20260301T100000Z"]);
    expect(property(lines, "STATUS")).toEqual(["CONFIRMED"]);
    expect(property(lines, "SEQUENCE")).toEqual(["0"]);
    expect(property(lines, "URL")).toEqual(["https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"]);
    expect(property(lines, "SUMMARY").map(unescape)).toEqual(["People Leaders: Monthly deep dive"]);
    const description = unescape(property(lines, "DESCRIPTION")[0]!);
    expect(description).toContain("Facilitator: Ana Ruiz");
    expect(description).toContain("- Input: Feedback, done well (15 min)\n- Discussion (30 min)\n- Other needs and planning the next meeting (15 min)");
    expect(description).toContain("Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0");
  });

  it("marks a skipped session CANCELLED and says so, with a higher sequence so calendars apply it", () => {
    const lines = linesOf(sessionCalendar(session({ status: "skipped", revision: 1 }), { communityName: "People Leaders" }));
    expect(property(lines, "STATUS")).toEqual(["CANCELLED"]);
    expect(property(lines, "SEQUENCE")).toEqual(["1"]);
    expect(unescape(property(lines, "DESCRIPTION")[0]!)).toMatch(/^This People Leaders session is cancelled\./);
    expect(property(lines, "UID")).toEqual(["ses-ser-1-20260309T0900@practice-circles"]);
  });

  it("leaves the link out when there is none, and uses the product id given", () => {
    const lines = linesOf(sessionCalendar(session({ joinUrl: undefined }), { communityName: "People Leaders", productId: "-//Contoso//Circles//EN" }));
    expect(property(lines, "URL")).toEqual([]);
    expect(unescape(property(lines, "DESCRIPTION")[0]!)).not.toContain("Join:");
    expect(property(lines, "PRODID")).toEqual(["-//Contoso//Circles//EN"]);
  });

  it("is the same text each time for the same session", () => {
    expect(sessionCalendar(session(), { communityName: "X" })).toBe(sessionCalendar(session(), { communityName: "X" }));
  });

  it("throws a clear error when the calendar library refuses the event", () => {
    expect(() => sessionCalendar(session({ joinUrl: "not a link" }), { communityName: "X" })).toThrow(/Could not build the calendar file for session ses-ser-1-20260309T0900: url/);
    expect(() => sessionCalendar(session({ startsAt: "soon" }), { communityName: "X" })).toThrow(/startsAt 'soon' is not a valid date/);
  });
});
