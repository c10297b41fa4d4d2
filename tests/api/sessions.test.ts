/**
 * The rhythm through real HTTP: sessions planned from the demo's series, RSVPs, check-ins
 * with their privacy rules, skip/undo and move, follow-ups, preferences, and the local
 * clock that runs the scheduler — delivering through a recording Bot Connector.
 */
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import {
  CheckInResponse,
  CheckInSummaryResponse,
  DevAdvanceResponse,
  ErrorBody,
  FollowUpListResponse,
  FollowUpResponse,
  PreferencesResponse,
  RotaResponse,
  SeriesListResponse,
  SeriesResponse,
  SessionListResponse,
  SessionResponse,
  type SessionView,
} from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { personalConversation, startRecordingConnector, type RecordingConnector } from "../support/connector";
import { asUser, startServer, type TestServer } from "../support/server";

// A Friday afternoon: the next weekly check-in is Tuesday 24 November, 09:00 London.
const clock = new ManualClock("2026-11-20T15:00:00Z");
let server: TestServer;
let connector: RecordingConnector;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const as = (user: string) => asUser(server.baseUrl, `aad-user-${user}`);
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

async function upcoming(user = "priya"): Promise<SessionView[]> {
  const res = await as(user)(`${C}/sessions?limit=6`);
  expect(res.status).toBe(200);
  return SessionListResponse.parse(await res.json()).items;
}

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

describe("sessions planned from the series", () => {
  it("lists the next sessions in order, each with a facilitator and the default agenda", async () => {
    const items = await upcoming();
    expect(items[0]).toMatchObject({ id: "ses-ser-demo-checkin-20261124T0900", startsAt: "2026-11-24T09:00:00.000Z", status: "scheduled", agendaFormat: "open" });
    expect(items.map((s) => s.startsAt)).toEqual([...items.map((s) => s.startsAt)].sort());
    for (const s of items) {
      expect(s.facilitator).not.toBeNull();
      expect(s.agenda.reduce((n, a) => n + a.minutes, 0)).toBe((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);
    }
    const deepDive = items.find((s) => s.kind === "deep-dive")!;
    expect(deepDive.startsAt).toBe("2026-12-03T15:00:00.000Z");
    expect(deepDive.agenda.map((a) => a.minutes)).toEqual([15, 30, 15]);
  });

  it("shows past sessions with counts, and averages only over five people or more", async () => {
    const res = await as("priya")(`${C}/sessions?when=past&limit=3`);
    const { items } = SessionListResponse.parse(await res.json());
    expect(items.length).toBe(3);
    expect(Date.parse(items[0]!.startsAt)).toBeGreaterThan(Date.parse(items[1]!.startsAt));
    for (const s of items) {
      expect(s.checkIns.count).toBeGreaterThan(0);
      expect(s.feedback.count >= 5 ? s.feedback.usefulnessAverage : null).toBe(s.feedback.usefulnessAverage);
    }
  });

  it("serves an .ics file for a session", async () => {
    const [next] = await upcoming();
    const res = await as("priya")(`${C}/sessions/${next!.id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toContain(`UID:${next!.id}@practice-circles`);
  });

  it("answers a session that doesn't exist with 404 and a bad id with 400", async () => {
    expect((await error(await as("priya")(`${C}/sessions/ses-nope`), 404)).message).toMatch(/session/i);
    expect((await error(await as("priya")(`${C}/sessions/${encodeURIComponent("bad id!")}`), 400)).field).toBe("sessionId");
    expect((await error(await as("priya")(`${C}/sessions?limit=500`), 400)).field).toBe("limit");
  });
});

describe("check-ins", () => {
  it("records a check-in, lets its author change it, and counts people, not submissions", async () => {
    const [next] = await upcoming();
    const put = (user: string, body: unknown) => as(user)(`${C}/sessions/${next!.id}/checkin`, json("PUT", body));
    let res = await put("priya", { win: "Ran my first retro", energy: 4 });
    expect(CheckInResponse.parse(await res.json())).toMatchObject({ count: 1, checkIn: { win: "Ran my first retro", energy: 4, private: false } });
    res = await put("priya", { win: "Ran my first retro", challenge: "Quiet people stay quiet", energy: 3 });
    expect(CheckInResponse.parse(await res.json())).toMatchObject({ count: 1, checkIn: { challenge: "Quiet people stay quiet", energy: 3 } });
    const view = SessionResponse.parse(await (await as("priya")(`${C}/sessions/${next!.id}`)).json()).session;
    expect(view.checkIns).toMatchObject({ count: 1, open: true, mine: { energy: 3 } });
  });

  it("refuses a bad answer with what to fix, and stores nothing", async () => {
    const [next] = await upcoming();
    expect(await error(await as("diego")(`${C}/sessions/${next!.id}/checkin`, json("PUT", { energy: 9 })), 400)).toMatchObject({ field: "energy", message: "energy: must be 1 to 5" });
    expect(await error(await as("diego")(`${C}/sessions/${next!.id}/checkin`, json("PUT", { win: "x".repeat(501) })), 400)).toMatchObject({ field: "win" });
    const view = SessionResponse.parse(await (await as("diego")(`${C}/sessions/${next!.id}`)).json()).session;
    expect(view.checkIns.mine).toBeNull();
  });

  it("keeps private answers out of the facilitator's summary and hides the average under five", async () => {
    const [next] = await upcoming();
    await as("sam")(`${C}/sessions/${next!.id}/checkin`, json("PUT", { win: "SECRET-WIN", energy: 1, private: true }));
    const facilitator = next!.facilitator!.userId.replace("aad-user-", "");
    const summary = CheckInSummaryResponse.parse(await (await as(facilitator)(`${C}/sessions/${next!.id}/checkins`)).json());
    expect(summary.count).toBe(2);
    expect(summary.privateCount).toBe(1);
    expect(JSON.stringify(summary)).not.toContain("SECRET-WIN");
    expect(summary.energyAverage).toBeNull();
    for (const user of ["diego", "mei", "fatima", "lucas", "olivia"]) await as(user)(`${C}/sessions/${next!.id}/checkin`, json("PUT", { energy: 4 }));
    const after = CheckInSummaryResponse.parse(await (await as(facilitator)(`${C}/sessions/${next!.id}/checkins`)).json());
    expect(after.energyAverage).not.toBeNull();
  });

  it("lets only the facilitator, facilitators and leads read everyone's check-ins, and sponsors don't check in", async () => {
    const [next] = await upcoming();
    const plainMember = ["diego", "sam", "olivia"].find((u) => `aad-user-${u}` !== next!.facilitator!.userId)!;
    expect((await error(await as(plainMember)(`${C}/sessions/${next!.id}/checkins`), 403)).message).toMatch(/facilitator/);
    expect((await as("amara")(`${C}/sessions/${next!.id}/checkins`)).status).toBe(200);
    expect((await error(await as("grace")(`${C}/sessions/${next!.id}/checkin`, json("PUT", { win: "hi" })), 403)).message).toMatch(/Sponsors/);
    expect((await error(await as("grace")(`${C}/sessions/${next!.id}/rsvp`, json("PUT", { answer: "going" })), 403)).message).toMatch(/Sponsors/);
  });
});

describe("skip, undo and move", () => {
  it("lets a facilitator skip a session and undo it; a plain member may not", async () => {
    const items = await upcoming();
    const target = items[1]!;
    const plain = ["diego", "sam", "olivia"].find((u) => `aad-user-${u}` !== target.facilitator!.userId)!;
    expect((await as(plain)(`${C}/sessions/${target.id}/skip`, json("POST", {}))).status).toBe(403);
    let res = await as("jonas")(`${C}/sessions/${target.id}/skip`, json("POST", { reason: "Company offsite" }));
    expect(SessionResponse.parse(await res.json()).session.status).toBe("skipped");
    expect((await error(await as("priya")(`${C}/sessions/${target.id}/checkin`, json("PUT", { win: "x" })), 409)).message).toMatch(/skipped/);
    res = await as("jonas")(`${C}/sessions/${target.id}/restore`, json("POST", {}));
    expect(SessionResponse.parse(await res.json()).session).toMatchObject({ status: "scheduled" });
  });

  it("moves a session to a new local time and refuses the past", async () => {
    const target = (await upcoming())[2]!;
    const res = await as("amara")(`${C}/sessions/${target.id}/move`, json("POST", { to: "2026-12-04T10:30" }));
    const moved = SessionResponse.parse(await res.json()).session;
    expect(moved).toMatchObject({ moved: true, startsAt: "2026-12-04T10:30:00.000Z" });
    expect(await error(await as("amara")(`${C}/sessions/${target.id}/move`, json("POST", { to: "2026-01-01T10:00" })), 400)).toMatchObject({ field: "to" });
    expect(await error(await as("amara")(`${C}/sessions/${target.id}/move`, json("POST", { to: "tomorrow" })), 400)).toMatchObject({ field: "to" });
  });

  it("checks an edited agenda against the session's length", async () => {
    const [next] = await upcoming();
    const tooLong = [{ part: "discussion", title: "Everything", minutes: 90 }];
    expect((await error(await as("amara")(`${C}/sessions/${next!.id}`, json("PATCH", { agenda: tooLong })), 400)).field).toBe("agenda");
    expect((await error(await as("amara")(`${C}/sessions/${next!.id}`, json("PATCH", {})), 400)).message).toMatch(/Nothing to change/);
    const res = await as("amara")(`${C}/sessions/${next!.id}`, json("PATCH", { agenda: [{ part: "discussion", title: "Open floor", minutes: 25 }], theme: { title: "Saying no" } }));
    expect(SessionResponse.parse(await res.json()).session).toMatchObject({ theme: { title: "Saying no" }, agenda: [{ title: "Open floor", minutes: 25 }] });
  });
});

describe("the case clinic queue", () => {
  it("never shows another circle's queued case, and keeps it when someone who can't see it edits the queue", async () => {
    const list = async (user: string, q: string) => ((await (await as(user)(`${C}/artifacts?type=case-summary&q=${encodeURIComponent(q)}`)).json()) as { items: { id: string }[] }).items;
    const [lighthouseCase] = await list("fatima", "restructuring rumours");
    const [harbourCase] = await list("jonas", "shift leads");
    const target = (await upcoming())[3]!;
    // Fatima (Lighthouse circle) facilitates this one.
    const stored = (await server.ctx.repos.rhythm.getSession(DEMO_COMMUNITY_ID, target.id))!;
    await server.ctx.repos.rhythm.sessions.replace({ ...stored.doc, facilitatorId: "aad-user-fatima" }, stored.etag);
    expect((await as("fatima")(`${C}/sessions/${target.id}`, json("PATCH", { queuedCaseIds: [lighthouseCase!.id] }))).status).toBe(200);

    const seenByJonas = await (await as("jonas")(`${C}/sessions/${target.id}`)).text();
    expect(seenByJonas).not.toContain(lighthouseCase!.id);
    expect(SessionResponse.parse(JSON.parse(seenByJonas)).session).toMatchObject({ queuedCases: [], hiddenQueuedCases: 1 });

    const res = await as("jonas")(`${C}/sessions/${target.id}`, json("PATCH", { queuedCaseIds: [harbourCase!.id] }));
    expect(SessionResponse.parse(await res.json()).session).toMatchObject({ queuedCases: [{ id: harbourCase!.id }], hiddenQueuedCases: 1 });
    const seenByFatima = SessionResponse.parse(await (await as("fatima")(`${C}/sessions/${target.id}`)).json()).session;
    expect(seenByFatima).toMatchObject({ queuedCases: [{ id: lighthouseCase!.id }], hiddenQueuedCases: 1 });
    expect((await error(await as("jonas")(`${C}/sessions/${target.id}`, json("PATCH", { queuedCaseIds: [lighthouseCase!.id] })), 400)).field).toBe("queuedCaseIds");
  });
});

describe("series settings", () => {
  it("lets facilitators change reminder times and themes, which upcoming sessions follow", async () => {
    const list = SeriesListResponse.parse(await (await as("priya")(`${C}/series`)).json());
    const deepDive = list.items.find((s) => s.kind === "deep-dive")!;
    expect((await error(await as("priya")(`${C}/series/${deepDive.id}`, json("PATCH", { reminderOffsetsMinutes: [60] })), 403)).message).toMatch(/facilitators and leads/);
    expect((await error(await as("mei")(`${C}/series/${deepDive.id}`, json("PATCH", { reminderOffsetsMinutes: [1] })), 400)).field).toBe("reminderOffsetsMinutes.0");
    expect((await error(await as("mei")(`${C}/series/${deepDive.id}`, json("PATCH", { themes: { december: { title: "x" } } })), 400)).field).toMatch(/^themes/);
    const before = (await upcoming()).find((s) => s.seriesId === deepDive.id)!;
    const res = await as("mei")(`${C}/series/${deepDive.id}`, json("PATCH", { reminderOffsetsMinutes: [2880, 60], themes: { "2026-12": { title: "Hard conversations, kindly", ownerId: "aad-user-mei" } } }));
    expect(SeriesResponse.parse(await res.json()).series).toMatchObject({ reminderOffsetsMinutes: [2880, 60] });
    const after = (await upcoming()).find((s) => s.id === before.id)!;
    expect(after.theme).toEqual({ title: "Hard conversations, kindly", ownerId: "aad-user-mei" });
    expect(after.revision).toBe(before.revision + 1);
  });
});

describe("follow-ups and the rota", () => {
  it("creates a follow-up, marks it done, and keeps it off the open board", async () => {
    let res = await as("priya")(`${C}/followups`, json("POST", { title: "Send the retro template", ownerId: "aad-user-priya", dueOn: "2026-11-27" }));
    expect(res.status).toBe(201);
    const created = FollowUpResponse.parse(await res.json()).followUp;
    expect(created).toMatchObject({ status: "open", overdue: false, owner: { displayName: "Priya Raman" }, canEdit: true });
    expect((await as("sam")(`${C}/followups/${created.id}`, json("PATCH", { status: "done" }))).status).toBe(403);
    res = await as("priya")(`${C}/followups/${created.id}`, json("PATCH", { status: "done" }));
    expect(FollowUpResponse.parse(await res.json()).followUp.doneAt).toBeDefined();
    const open = FollowUpListResponse.parse(await (await as("priya")(`${C}/followups?status=open`)).json());
    expect(open.items.find((f) => f.id === created.id)).toBeUndefined();
    expect(open.items.some((f) => f.overdue)).toBe(true);
    expect((await error(await as("priya")(`${C}/followups`, json("POST", { title: "x", ownerId: "aad-user-grace", dueOn: "2026-11-27" })), 400)).field).toBe("ownerId");
    expect((await error(await as("priya")(`${C}/followups`, json("POST", { title: "x", ownerId: "aad-user-priya", dueOn: "27/11/2026" })), 400)).field).toBe("dueOn");
  });

  it("shows the rota and hands a session over through a swap the other person accepts", async () => {
    const rota = RotaResponse.parse(await (await as("amara")(`${C}/rota`)).json());
    expect(rota.members.find((m) => m.userId === "aad-user-aiko")).toMatchObject({ willing: false });
    expect(rota.members.find((m) => m.userId === "aad-user-grace")).toBeUndefined();
    const slot = rota.upcoming.find((u) => u.status === "scheduled" && u.facilitator && u.facilitator.userId !== "aad-user-mei")!;
    const asker = slot.facilitator!.userId.replace("aad-user-", "");
    let res = await as(asker)(`${C}/sessions/${slot.sessionId}/swaps`, json("POST", { toUserId: "aad-user-mei" }));
    expect(res.status).toBe(201);
    const { swap } = (await res.json()) as { swap: { id: string } };
    expect((await as("priya")(`${C}/swaps/${swap.id}/decision`, json("POST", { decision: "accept" }))).status).toBe(403);
    res = await as("mei")(`${C}/swaps/${swap.id}/decision`, json("POST", { decision: "accept" }));
    expect(res.status).toBe(200);
    const after = SessionResponse.parse(await (await as("mei")(`${C}/sessions/${slot.sessionId}`)).json()).session;
    expect(after.facilitator?.userId).toBe("aad-user-mei");
    expect((await as("mei")(`${C}/swaps/${swap.id}/decision`, json("POST", { decision: "decline" }))).status).toBe(409);
  });

  it("hands back my turns when I opt out of facilitating", async () => {
    const before = RotaResponse.parse(await (await as("olivia")(`${C}/rota`)).json());
    expect(before.upcoming.some((u) => u.facilitator?.userId === "aad-user-olivia")).toBe(true);
    const res = await as("olivia")(`${C}/me/preferences`, json("PUT", { willingToFacilitate: false, quietHours: { start: "21:00", end: "07:30" } }));
    expect(PreferencesResponse.parse(await res.json()).preferences).toMatchObject({ willingToFacilitate: false, quietHours: { start: "21:00", end: "07:30" } });
    const after = RotaResponse.parse(await (await as("olivia")(`${C}/rota`)).json());
    expect(after.upcoming.some((u) => u.facilitator?.userId === "aad-user-olivia")).toBe(false);
    expect(after.upcoming.filter((u) => u.status === "scheduled").every((u) => u.facilitator !== null)).toBe(true);
    expect((await error(await as("olivia")(`${C}/me/preferences`, json("PUT", { timeZone: "Mars/Olympus" })), 400)).field).toBe("timeZone");
  });
});

describe("the local clock", () => {
  it("delivers the day-before reminder exactly once when the clock passes it", async () => {
    const chat = (userId: string) => personalConversation(connector, DEMO_TENANT_ID, userId, clock.now().toISOString());
    // Priya asked for reminders in her chat (demo preference); Diego did not.
    await server.ctx.repos.directory.saveConversation(chat("aad-user-priya"));
    await server.ctx.repos.directory.saveConversation(chat("aad-user-diego"));
    const advance = (to: string) => fetch(`${server.baseUrl}/api/dev/advance`, json("POST", { to }));

    let res = await advance("2026-11-23T09:05:00Z");
    expect(res.status).toBe(200);
    expect(DevAdvanceResponse.parse(await res.json()).to).toBe("2026-11-23T09:05:00.000Z");
    const reminders = () => connector.activities.filter((a) => a.conversationId === "a:personal-aad-user-priya" && JSON.stringify(a.activity).includes("Weekly check-in"));
    expect(reminders()).toHaveLength(1);
    expect(connector.activities.filter((a) => a.conversationId === "a:personal-aad-user-diego")).toHaveLength(0);

    res = await advance("2026-11-23T09:30:00Z");
    expect(res.status).toBe(200);
    expect(reminders()).toHaveLength(1);
    expect(await error(await advance("2026-11-01T00:00:00Z"), 400)).toMatchObject({ field: "to" });
    expect(await error(await advance("soon"), 400)).toMatchObject({ field: "to" });
  });
});
