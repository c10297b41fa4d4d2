/** The Sessions scene's pure parts: times in the reader's zone, averages over small groups, swaps, the plan editor's update, the address. */
import { type RotaResponse, type SessionView } from "../../bot/src/contracts";
import { planDraftOf, problemsOf, updateOf } from "../../tab/src/scenes/sessions/editor/planModel";
import { averageText, checkInRequestOf, countsLine, defaultSessionId, draftOf, isEmptyDraft, nameOf, namesFor, namesOf, swapActionFor, swapCandidates, swapText } from "../../tab/src/scenes/sessions/model";
import { libraryItemHref } from "../../tab/src/scenes/library/route";
import { placeHref, readPlace } from "../../tab/src/scenes/sessions/route";
import { formatSpan, formatWhen, instantOfLocal, localInZone, todayIn, zoneLabel } from "../../tab/src/scenes/sessions/time";
import { addDays } from "../../tab/src/lib/format";

type Member = RotaResponse["members"][number];
type Swap = RotaResponse["swaps"][number];

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: "ses-1",
  communityId: "com-demo",
  seriesId: "ser-1",
  occurrenceKey: "2026-11-24T09:00",
  kind: "check-in",
  title: "Weekly check-in",
  startsAt: "2026-11-24T09:00:00.000Z",
  endsAt: "2026-11-24T09:30:00.000Z",
  timeZone: "Europe/London",
  status: "scheduled",
  moved: false,
  revision: 0,
  agendaFormat: "standard",
  agenda: [
    { part: "input", title: "Input", minutes: 15, ownerId: "u-jonas" },
    { part: "discussion", title: "Discussion", minutes: 30 },
  ],
  queuedCases: [{ id: "art-1", title: "A case" }],
  hiddenQueuedCases: 1,
  updatedAt: "2026-11-01T00:00:00.000Z",
  facilitator: { userId: "u-jonas", displayName: "Jonas Weber" },
  rsvp: { going: 4, notGoing: 1, mine: null },
  checkIns: { count: 3, energyAverage: null, mine: null, open: true },
  feedback: { count: 0, usefulnessAverage: null, mine: null },
  canManage: true,
  ...over,
});

const member = (userId: string, over: Partial<Member> = {}): Member => ({
  userId,
  displayName: userId.replace("u-", ""),
  role: "member",
  willing: true,
  facilitated: 0,
  lastFacilitatedAt: null,
  nextAt: null,
  ...over,
});

describe("sessions: times", () => {
  it("shows a moment and a span in the reader's zone, naming the zone", () => {
    // ICU versions differ in commas and dashes; the parts that matter are checked.
    expect(formatWhen("2026-11-24T09:00:00Z", "en-GB", "Europe/Berlin")).toMatch(/^Tue,? 24 Nov 2026,? 10:00 CET$/);
    expect(formatWhen("2026-11-24T09:00:00Z", "en-GB", "Asia/Kolkata")).toMatch(/14:30 (IST|GMT\+5:30)$/);
    expect(formatSpan("2026-11-24T09:00:00Z", "2026-11-24T09:30:00Z", "en-GB", "Europe/London")).toMatch(/^Tue,? 24 Nov 2026,? 09:00\s?[–-]\s?09:30 GMT$/);
    expect(formatWhen("not a date", "en-GB", "Europe/London")).toBe("");
    expect(zoneLabel("Europe/London", "en-GB", new Date("2026-07-01T00:00:00Z"))).toBe("Europe/London (BST)");
  });

  it("converts between instants and wall-clock times in a zone, across daylight saving", () => {
    expect(localInZone("2026-11-24T09:00:00Z", "Europe/London")).toBe("2026-11-24T09:00");
    expect(localInZone("2026-07-07T08:00:00Z", "Europe/London")).toBe("2026-07-07T09:00");
    expect(instantOfLocal("2026-07-07T09:00", "Europe/London")?.toISOString()).toBe("2026-07-07T08:00:00.000Z");
    expect(instantOfLocal("2026-03-08T09:00", "America/New_York")?.toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(instantOfLocal("2026-03-07T09:00", "America/New_York")?.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(instantOfLocal("nonsense", "Europe/London")).toBeUndefined();
    expect(todayIn("Pacific/Auckland", new Date("2026-11-21T12:00:00Z"))).toBe("2026-11-22");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });
});

describe("sessions: what we say", () => {
  it("never shows a missing average as a number, and says why", () => {
    expect(averageText(3.46, 6, 5, { one: "check-in", many: "check-ins" })).toEqual({ value: "3.5 of 5", note: "from 6 check-ins" });
    const hidden = averageText(null, 3, 5, { one: "check-in", many: "check-ins" });
    expect(hidden.value).toBe("—");
    expect(hidden.note).toBe("Shown from 5 check-ins; 3 so far, so no one's answer can be worked out.");
    expect(averageText(null, 0, 5, { one: "rating", many: "ratings" }).note).toMatch(/^Shown from 5 ratings, so/);
  });

  it("counts RSVPs and check-ins, and names people from the rota", () => {
    expect(countsLine(session())).toBe("4 going · 1 can't make it · 3 checked in");
    expect(countsLine(session({ rsvp: { going: 0, notGoing: 0, mine: null } }))).toBe("0 going · 3 checked in");
    const names = namesOf([member("u-jonas", { displayName: "Jonas Weber" })]);
    expect(nameOf(names, "u-jonas")).toBe("Jonas Weber");
    expect(nameOf(names, "u-jonas", "u-jonas")).toBe("You");
    expect(nameOf(names, "u-gone")).toBe("A member");
    expect(nameOf(names, undefined)).toBeUndefined();
    // Before the rota loads no one is "A member": the facilitator is still named from the session.
    expect(nameOf(new Map(), "u-jonas")).toBeUndefined();
    expect(nameOf(namesFor(new Map(), session()), "u-jonas")).toBe("Jonas Weber");
  });

  it("opens the next session that is still on", () => {
    expect(defaultSessionId([session({ id: "a", status: "skipped" }), session({ id: "b" })])).toBe("b");
    expect(defaultSessionId([session({ id: "a", status: "skipped" })])).toBe("a");
    expect(defaultSessionId([])).toBeUndefined();
  });

  it("turns a check-in draft into a request: trimmed, energy only when chosen", () => {
    const draft = draftOf({ win: " shipped ", challenge: "", ask: "", energy: 4, practice: "1:1s", private: true });
    expect(checkInRequestOf(draft)).toEqual({ win: "shipped", challenge: "", ask: "", energy: 4, practice: "1:1s", private: true });
    expect(checkInRequestOf({ ...draft, energy: "" })).not.toHaveProperty("energy");
    expect(isEmptyDraft(draftOf(null))).toBe(true);
    expect(isEmptyDraft({ ...draftOf(null), energy: "2" })).toBe(false);
  });
});

describe("sessions: swaps", () => {
  const swap = (over: Partial<Swap>): Swap => ({
    id: "sw-1",
    communityId: "com-demo",
    sessionId: "ses-1",
    fromUserId: "u-a",
    toUserId: "u-b",
    status: "pending",
    createdAt: "2026-11-01T00:00:00Z",
    from: { userId: "u-a", displayName: "Ana" },
    to: { userId: "u-b", displayName: "Ben" },
    sessionTitle: "Weekly check-in",
    sessionStartsAt: "2026-11-24T09:00:00Z",
    ...over,
  });

  it("lets the person asked answer and the asker withdraw, and only while pending", () => {
    expect(swapActionFor(swap({}), "u-b")).toBe("answer");
    expect(swapActionFor(swap({}), "u-a")).toBe("withdraw");
    expect(swapActionFor(swap({}), "u-c")).toBeNull();
    expect(swapActionFor(swap({ status: "accepted" }), "u-b")).toBeNull();
    expect(swapText(swap({}), "u-b")).toBe("Ana asked you to take over. Waiting for an answer.");
    expect(swapText(swap({ status: "declined" }), "u-a")).toBe("You asked Ben to take over. Declined.");
  });

  it("offers willing members who are not away that day, least used first", () => {
    const members = [
      member("u-me"),
      member("u-busy", { facilitated: 4 }),
      member("u-fresh", { facilitated: 1 }),
      member("u-away", { awayUntil: "2026-11-30" }),
      member("u-back", { awayUntil: "2026-11-01" }),
      member("u-out", { willing: false }),
      member("u-sponsor", { role: "sponsor" }),
    ];
    expect(swapCandidates(members, "u-me", "2026-11-24").map((m) => m.userId)).toEqual(["u-back", "u-fresh", "u-busy"]);
  });
});

describe("sessions: the plan editor", () => {
  it("sends only what changed, or nothing", () => {
    const s = session({ theme: { title: "Feedback", ownerId: "u-mei" } });
    expect(updateOf(s, planDraftOf(s))).toBeUndefined();
    const draft = { ...planDraftOf(s), themeTitle: "", joinUrl: "https://teams.microsoft.com/l/meetup-join/x" };
    expect(updateOf(s, draft)).toEqual({ theme: null, joinUrl: "https://teams.microsoft.com/l/meetup-join/x" });
  });

  it("keeps queued cases the editor cannot see when the queue changes", () => {
    const s = session();
    const draft = { ...planDraftOf(s), cases: [{ id: "art-2", title: "Another" }] };
    expect(updateOf(s, draft)).toEqual({ queuedCaseIds: ["art-2"] });
  });

  it("sends the whole agenda when a part changes, and checks it first", () => {
    const s = session();
    const draft = planDraftOf(s);
    draft.parts[1] = { ...draft.parts[1]!, minutes: "45" };
    expect(updateOf(s, draft)).toEqual({ agenda: [{ part: "input", title: "Input", minutes: 15, ownerId: "u-jonas" }, { part: "discussion", title: "Discussion", minutes: 45 }] });
    const bad = { ...draft, parts: [{ ...draft.parts[0]!, title: " ", minutes: "0" }], joinUrl: "http://example.com" };
    const problems = problemsOf(bad)!;
    expect(problems.parts.get(0)).toMatch(/title/);
    expect(problems.minutes.get(0)).toMatch(/480/);
    expect(problems.joinUrl).toMatch(/https/);
    expect(problemsOf(draft)).toBeUndefined();
  });
});

describe("sessions: the address", () => {
  const here = "https://tab.test/?devUser=aad-user-amara&theme=dark&q=old&show=rota&session=ses-9#/sessions";

  it("reads the view and the open session, ignoring anything malformed", () => {
    expect(readPlace("?show=history&session=ses-1")).toEqual({ view: "history", session: "ses-1" });
    expect(readPlace("?show=elsewhere&session=%3Cb%3E")).toEqual({ view: "next" });
  });

  it("writes its own keys and keeps the shell's", () => {
    expect(placeHref({ view: "next", session: "ses-2" }, here)).toBe("/?devUser=aad-user-amara&theme=dark&q=old&session=ses-2#/sessions");
    expect(placeHref({ view: "followups" }, here)).toBe("/?devUser=aad-user-amara&theme=dark&q=old&show=followups#/sessions");
  });

  it("links a queued case to its library item the way the library does", () => {
    expect(libraryItemHref("art-1", here)).toBe("/?devUser=aad-user-amara&theme=dark&item=art-1#/library");
  });
});
