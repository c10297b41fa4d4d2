/**
 * Insights, the quarterly export, the sponsor digest and data rights through real HTTP
 * against the seeded demo: the small-group rule enforced by the API (a session only three
 * people came to is left out of the view, the CSV and the Markdown, while the demo's
 * sessions of six are shown), a sponsor who reads and exports but cannot change anything,
 * exports that parse as CSV and Markdown, the monthly digest reaching each sponsor exactly
 * once on the 1st, a member's own data export, and erasure that anonymises without losing
 * the community's knowledge.
 */
import { parse } from "csv-parse/sync";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { ArtifactHistoryResponse, ArtifactView, CheckInSummaryResponse, EraseMeResponse, ErrorBody, InsightsView, MyDataExport, PromoteResponse, SessionListResponse, SessionResponse, type CheckIn } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { personalConversation, startRecordingConnector, type RecordingConnector } from "../support/connector";
import { asUser, startServer, type TestServer } from "../support/server";

const clock = new ManualClock("2026-11-20T15:00:00Z"); // a Friday
let server: TestServer;
let connector: RecordingConnector;
const C = `/api/communities/${DEMO_COMMUNITY_ID}`;
const as = (user: string) => asUser(server.baseUrl, `aad-user-${user}`);
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const insights = async (user: string, query = "") => {
  const res = await as(user)(`${C}/insights${query}`);
  expect(res.status).toBe(200);
  return InsightsView.parse(await res.json());
};
const SMALL = "ses-ser-demo-checkin-20261124T0900"; // the Tuesday after "now": three people will come
const HIDDEN = { value: null, suppressed: true };

async function error(res: Response, status: number) {
  expect(res.status).toBe(status);
  return ErrorBody.parse(await res.json()).error;
}

/** A table row's cells, split on pipes that are not escaped. */
const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

beforeAll(async () => {
  [server, connector] = await Promise.all([startServer({ clock }), startRecordingConnector()]);
  for (const p of DEMO_PEOPLE) await server.ctx.repos.directory.saveConversation(personalConversation(connector, DEMO_TENANT_ID, p.userId, clock.now().toISOString()));
  await server.scheduler.runDue();
  connector.reset();
});
afterAll(async () => {
  await connector.close();
  await server.close();
});

describe("the Insights view", () => {
  it("shows the demo's numbers to everyone in the community, with what each reader may do", async () => {
    const view = await insights("priya");
    expect(view).toMatchObject({ communityId: DEMO_COMMUNITY_ID, from: "2026-06", to: "2026-11", minimumGroup: 5, can: { export: false } });
    expect(view.activeMembers.map((p) => p.month)).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    // Six weeks of sessions with six going and six checking in each: all shown.
    expect(view.attendance.length).toBeGreaterThanOrEqual(6);
    for (const a of view.attendance) expect(a).toMatchObject({ going: { value: 6, suppressed: false }, checkIns: { value: 6, suppressed: false } });
    expect(view.activeMembers.at(-1)).toMatchObject({ suppressed: false });
    expect(view.activeMembers.at(-1)!.value).toBeGreaterThanOrEqual(5);
    // Nobody did anything in June: not "0", but nothing shown.
    expect(view.activeMembers[0]).toEqual({ month: "2026-06", ...HIDDEN });
    expect(view.checkInRate.at(-1)!.value).toBeGreaterThan(0);
    expect(view.practicesPerStage.at(-1)).toEqual({ month: "2026-11", concept: 1, piloting: 2, adopted: 2, habit: 1 });
    expect(view.crossDepartmentPairs).toEqual([{ roundId: "rnd-demo-1", publishedAt: expect.any(String), crossDepartmentGroups: { value: 5, suppressed: false }, crossDepartmentShare: { value: 1, suppressed: false } }]);
    expect((await insights("grace")).can.export).toBe(true);
    expect((await insights("jonas")).can.export).toBe(true);
    expect((await insights("amara", "?months=3")).from).toBe("2026-09");
  });

  it("tells only named stories shared with everyone: never an anonymous answer, a circle-only or anonymous case", async () => {
    const view = await insights("grace");
    const ids = view.stories.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["art-demo-02", "ans-demo-4", "ans-demo-5"]));
    expect(ids).not.toContain("ans-demo-3"); // Noah answered without his name
    expect(ids).not.toContain("art-demo-08"); // anonymous, and only for the Harbour circle
    expect(ids).not.toContain("art-demo-09"); // only for the Lighthouse circle
    expect(JSON.stringify(view)).not.toContain("forecasting error");
    expect(view.stories.find((s) => s.id === "ans-demo-4")).toMatchObject({ kind: "reflection", authorName: "Priya Raman" });
    expect(view.stories.every((s) => s.authorName && !/former/i.test(s.authorName))).toBe(true);
  });

  it("refuses a period it cannot show, and people outside the community", async () => {
    expect(await error(await as("priya")(`${C}/insights?months=2`), 400)).toMatchObject({ field: "months", message: "months: must be at least 3" });
    expect((await error(await as("priya")(`${C}/insights?months=lots`), 400)).field).toBe("months");
    // Locally an unknown person is nobody (401); signed in, a non-member is refused (403, see erasure below).
    expect((await asUser(server.baseUrl, "aad-user-stranger")(`${C}/insights`)).status).toBe(401);
  });
});

describe("what the insights read of library items", () => {
  it("is the facts only, read in one projection: no bodies or fields, absent flags as false, a case's situation lifted out", async () => {
    const rows = await server.ctx.repos.contributions.artifactsCreatedBetween(DEMO_COMMUNITY_ID, "2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z");
    const stored = await server.ctx.repos.store.container("communities").queryAll<{ id: string; fields?: { situation?: unknown } }>(DEMO_COMMUNITY_ID, { query: "SELECT * FROM c WHERE c.type = 'artifact'" });
    expect(rows.map((r) => r.id).sort()).toEqual(stored.map((d) => d.id).sort());
    const allowed = new Set(["id", "authorId", "createdAt", "artifactType", "visibility", "anonymous", "deleted", "title", "summary", "situation"]);
    for (const r of rows) {
      expect(Object.keys(r).filter((k) => !allowed.has(k))).toEqual([]);
      expect([typeof r.anonymous, typeof r.deleted, typeof r.summary]).toEqual(["boolean", "boolean", "string"]);
    }
    const cases = stored.filter((d) => typeof d.fields?.situation === "string");
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(rows.find((r) => r.id === c.id)!.situation).toBe(c.fields!.situation);
    expect(rows.filter((r) => !cases.some((c) => c.id === r.id)).every((r) => r.situation === undefined)).toBe(true);
  });
});

describe("the small-group rule, enforced by the API", () => {
  beforeAll(async () => {
    for (const who of ["priya", "diego", "sam"]) {
      expect((await as(who)(`${C}/sessions/${SMALL}/rsvp`, json("PUT", { answer: "going" }))).status).toBe(200);
      expect((await as(who)(`${C}/sessions/${SMALL}/checkin`, json("PUT", { win: `${who}'s win, with "quotes"` }))).status).toBe(200);
    }
    clock.set("2026-11-24T10:00:00Z"); // the session has been held
  });

  it("leaves out a session three people came to, and shows the ones six came to", async () => {
    const view = await insights("grace");
    const small = view.attendance.find((a) => a.sessionId === SMALL);
    expect(small).toEqual({ sessionId: SMALL, title: "Weekly check-in", startsAt: "2026-11-24T09:00:00.000Z", going: HIDDEN, checkIns: HIDDEN });
    expect(view.attendance.filter((a) => a.sessionId !== SMALL).every((a) => a.going.value === 6 && a.checkIns.value === 6)).toBe(true);
    // The people behind it are not revealed through the raw answers either.
    expect(JSON.stringify(view)).not.toMatch(/priya's win|diego|aad-user-sam/);
  });

  it("leaves it out of the CSV export too: an empty value and the reason", async () => {
    const res = await as("grace")(`${C}/insights/export?format=csv&quarter=2026-Q4`);
    const records: Record<string, string>[] = parse(await res.text(), { bom: true, columns: true });
    const going = records.filter((r) => r.section === "Going to sessions");
    expect(going.find((r) => r.period === "2026-11-24")).toEqual({ section: "Going to sessions", period: "2026-11-24", label: "Weekly check-in", value: "", note: "fewer than 5 people" });
    expect(records.find((r) => r.section === "Checked in at sessions" && r.period === "2026-11-24")).toMatchObject({ value: "", note: "fewer than 5 people" });
    expect(going.filter((r) => r.period !== "2026-11-24").every((r) => r.value === "6" && r.note === "")).toBe(true);
  });

  it("and out of the Markdown export", async () => {
    const md = await (await as("grace")(`${C}/insights/export?format=md&quarter=2026-Q4`)).text();
    const rows = md.split("\n").filter((l) => l.startsWith("| Weekly check-in"));
    expect(rows.find((r) => r.includes("24 Nov 2026"))).toBe("| Weekly check-in | Tue 24 Nov 2026 | fewer than 5 people — not shown | fewer than 5 people — not shown |");
    expect(rows.filter((r) => !r.includes("24 Nov 2026")).every((r) => cellsOf(r)[2] === "6")).toBe(true);
  });
});

describe("a sponsor", () => {
  const write = (method: string, path: string, body?: unknown) => ({ method, path, body });
  const attempts = [
    write("POST", "/artifacts", { title: "Sponsor's note", fields: { type: "checklist", items: [{ text: "One" }] } }),
    write("PUT", "/artifacts/art-demo-04", { title: "Renamed by a sponsor", fields: { type: "playbook", steps: [{ title: "Step" }] }, baseVersion: 1 }),
    write("DELETE", "/artifacts/art-demo-04"),
    write("POST", `/sessions/ses-ser-demo-checkin-20261201T0900/skip`, { reason: "Sponsor says so" }),
    write("PUT", `/sessions/ses-ser-demo-checkin-20261201T0900/rsvp`, { answer: "going" }),
    write("POST", "/followups", { title: "Sponsor's follow-up", ownerId: "aad-user-priya", dueOn: "2026-12-10" }),
    write("POST", "/prompts", { kind: "discussion", text: "What would you stop doing?", value: "Curiosity" }),
    write("POST", "/practices/prc-demo-6/move", { to: "piloting", reason: "Sponsor wants it" }),
    write("POST", "/practices/prc-demo-6/pilots", { startOn: "2026-11-25", checkBackOn: "2026-12-20" }),
    write("PUT", "/practice-rules", { habitMinManagers: 1 }),
    write("POST", "/buddies/rounds", {}),
    write("PUT", "/charter", { baseVersion: 1, purpose: "A sponsor's purpose" }),
    write("PUT", "/members/aad-user-priya/role", { role: "lead" }),
  ];

  it.each(attempts)("cannot $method $path (403)", async ({ method, path, body }) => {
    const res = await as("grace")(`${C}${path}`, json(method, body));
    const e = await error(res, 403);
    expect(e.code).toBe("forbidden");
    expect(e.message.length).toBeGreaterThan(10);
  });

  it("changed nothing by trying", async () => {
    const item = ArtifactView.parse(await (await as("grace")(`${C}/artifacts/art-demo-04`)).json());
    expect(item).toMatchObject({ title: "The two-minute feedback routine", deleted: false, version: 1 });
    const session = SessionResponse.parse(await (await as("grace")(`${C}/sessions/ses-ser-demo-checkin-20261201T0900`)).json()).session;
    expect(session).toMatchObject({ status: "scheduled", rsvp: { going: 0 } });
  });

  it("reads the insights and downloads both exports, each a named file of the right type", async () => {
    expect((await insights("grace")).can.export).toBe(true);
    const csv = await as("grace")(`${C}/insights/export?format=csv&quarter=2026-Q4`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="?harbour-managers-circle-review-2026-Q4\.csv"?$/);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const md = await as("grace")(`${C}/insights/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toMatch(/^attachment; filename="?harbour-managers-circle-review-2026-Q4\.md"?$/);
  });
});

describe("the quarterly export", () => {
  it("is for leads, facilitators and sponsors: a member is told why not", async () => {
    const e = await error(await as("priya")(`${C}/insights/export?format=csv`), 403);
    expect(e.message).toMatch(/leads, facilitators and sponsors/);
    expect((await as("jonas")(`${C}/insights/export?format=csv`)).status).toBe(200);
    expect((await as("amara")(`${C}/insights/export?format=md`)).status).toBe(200);
  });

  it("refuses an unknown format or a quarter that has not begun", async () => {
    expect(await error(await as("amara")(`${C}/insights/export?format=xlsx`), 400)).toMatchObject({ field: "format", message: "format: must be md or csv" });
    expect((await error(await as("amara")(`${C}/insights/export`), 400)).field).toBe("format");
    expect((await error(await as("amara")(`${C}/insights/export?format=md&quarter=2026-Q5`), 400)).field).toBe("quarter");
    expect(await error(await as("amara")(`${C}/insights/export?format=md&quarter=2027-Q2`), 400)).toMatchObject({ field: "quarter", message: expect.stringContaining("has not started yet") });
  });

  it("opens in a spreadsheet: a header, five fields in every row, suppressed rows empty", async () => {
    const text = await (await as("amara")(`${C}/insights/export?format=csv&quarter=2026-Q4`)).text();
    const rows: string[][] = parse(text, { bom: true });
    expect(rows[0]).toEqual(["section", "period", "label", "value", "note"]);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const body = rows.slice(1);
    const suppressed = body.filter((r) => r[4] === "fewer than 5 people");
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.every((r) => r[3] === "")).toBe(true);
    expect(body.filter((r) => r[0] !== "Story" && r[4] === "").every((r) => /^\d+(\.\d+)?$/.test(r[3]!))).toBe(true);
    expect(new Set(body.map((r) => r[0]))).toEqual(
      new Set(["Active members", "Going to sessions", "Checked in at sessions", "Check-in rate", "Library items added", "Practices per stage", "Cross-department buddy groups", "Pilot reports", "Story"]),
    );
    expect(text).not.toContain("forecasting error");
  });

  it("opens in a Markdown viewer: a heading per section, tables whose rows match their headers, the stories quoted", async () => {
    const md = await (await as("amara")(`${C}/insights/export?format=md&quarter=2026-Q4`)).text();
    const lines = md.split("\n");
    expect(lines[0]).toBe("# Harbour Managers' Circle: quarterly review 2026-Q4");
    expect(lines.filter((l) => l.startsWith("## "))).toEqual([
      "## Active members",
      "## Attendance per session",
      "## Check-in rate",
      "## Library items added",
      "## Practices per stage",
      "## Cross-department buddy groups",
      "## Pilot reports",
      "## Stories",
    ]);
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of [...lines, ""]) {
      if (line.startsWith("|")) (current ??= []).push(line);
      else if (current) {
        tables.push(current);
        current = null;
      }
    }
    expect(tables).toHaveLength(7);
    for (const table of tables) {
      expect(table.length).toBeGreaterThanOrEqual(3);
      const width = cellsOf(table[0]!).length;
      expect(cellsOf(table[1]!).every((c) => /^-{3,}$/.test(c))).toBe(true);
      for (const row of table) expect(cellsOf(row)).toHaveLength(width);
    }
    const stories = lines.slice(lines.indexOf("## Stories"));
    expect(stories.filter((l) => l.startsWith("### ")).length).toBeGreaterThan(0);
    expect(stories.some((l) => l.startsWith("> "))).toBe(true);
    expect(md).not.toContain("forecasting error");
  });
});

describe("the monthly digest", () => {
  const digestsTo = (userId: string) => connector.activities.filter((a) => a.conversationId === `a:personal-${userId}` && JSON.stringify(a.activity).includes("Monthly digest"));

  beforeAll(async () => {
    // A second sponsor, so "each sponsor" means more than one.
    await server.ctx.repos.members.upsert(
      { communityId: DEMO_COMMUNITY_ID, tenantId: DEMO_TENANT_ID, userId: "aad-user-rosa", displayName: "Rosa Lind", role: "sponsor", department: "Finance", timeZone: "Europe/Stockholm", joinedAt: clock.now().toISOString() },
      "Harbour Managers' Circle",
    );
    await server.ctx.repos.directory.saveConversation(personalConversation(connector, DEMO_TENANT_ID, "aad-user-rosa", clock.now().toISOString()));
  });

  it("reaches each sponsor exactly once, on the 1st at 09:00 in the community's zone", async () => {
    await server.scheduler.runUntil(new Date("2026-12-01T08:59:00Z"), (at) => clock.advanceTo(at));
    expect(digestsTo("aad-user-grace")).toHaveLength(0);
    await server.scheduler.runUntil(new Date("2026-12-01T09:05:00Z"), (at) => clock.advanceTo(at));
    expect(digestsTo("aad-user-grace")).toHaveLength(1);
    expect(digestsTo("aad-user-rosa")).toHaveLength(1);
    await server.scheduler.runUntil(new Date("2026-12-02T12:00:00Z"), (at) => clock.advanceTo(at));
    expect(digestsTo("aad-user-grace")).toHaveLength(1);
    expect(digestsTo("aad-user-rosa")).toHaveLength(1);
    // Members, facilitators and leads do not get it.
    for (const p of DEMO_PEOPLE.filter((x) => x.role !== "sponsor")) expect(digestsTo(p.userId)).toHaveLength(0);
  });

  it("looks back on the month before, in a few numbers with small groups left out, and up to two named stories", () => {
    const card = JSON.stringify(digestsTo("aad-user-grace")[0]!.activity);
    expect(card).toContain("November 2026 at a glance");
    expect(card).toContain("Harbour Managers' Circle");
    for (const label of ["Active members", "Sessions held", "Check-in rate", "Library items added", "Managers who reported on a pilot"]) expect(card).toContain(label);
    expect(card).toContain("are not shown, to protect individuals");
    expect(card).not.toContain("forecasting error");
    expect(card).not.toContain("Two shift leads who will not hand over");
  });
});

describe("data rights", () => {
  const myData = async (user: string) => {
    const res = await as(user)(`${C}/me/data`);
    expect(res.status).toBe(200);
    return { res, data: MyDataExport.parse(await res.json()) };
  };

  beforeAll(async () => {
    // Diego's private draft: his alone.
    const res = await as("diego")(`${C}/artifacts`, json("POST", { title: "Draft: night shift rota ideas", visibility: "private", fields: { type: "checklist", items: [{ text: "Ask the leads first" }] } }));
    expect(res.status).toBe(201);
  });

  it("gives a member a file of everything they contributed, and nothing of anyone else's", async () => {
    const { res, data } = await myData("priya");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="?my-contributions-com-demo-2026-12-02\.json"?$/);
    expect(data.member).toMatchObject({ userId: "aad-user-priya", displayName: "Priya Raman", preferences: { personalReminders: true } });
    expect(data.artifacts.map((a) => a.id).sort()).toEqual(["art-demo-15", "art-demo-23"]);
    expect(data.checkIns.length).toBeGreaterThanOrEqual(6);
    expect(data.checkIns.some((c) => c.sessionId === SMALL && c.win === `priya's win, with "quotes"`)).toBe(true);
    expect(data.rsvps.length).toBeGreaterThan(6);
    expect(data.feedback.length).toBeGreaterThan(0);
    expect(data.promptAnswers.map((a) => a.id)).toEqual(["ans-demo-4"]);
    expect(data.promptAnswers[0]!.promptText).toMatch(/conversation this week that didn't go as planned/);
    expect(data.pilots.map((p) => p.id).sort()).toEqual(["plt-demo-2-1", "plt-demo-5-1"]);
    expect(data.pilots[0]!.practiceName).toBeTruthy();
    expect(data.followUps.map((f) => f.id)).toEqual(["fup-demo-1"]);
    expect(new Set(data.sessions.map((s) => s.id))).toEqual(new Set([...data.rsvps, ...data.checkIns, ...data.feedback].map((x) => x.sessionId)));
    for (const x of [...data.rsvps, ...data.checkIns, ...data.feedback, ...data.promptAnswers, ...data.pilots, ...data.buddyReflections]) expect(x.userId).toBe("aad-user-priya");
    const text = JSON.stringify(data);
    expect(text).not.toContain("Draft: night shift rota ideas");
    expect(text).not.toContain("forecasting error");
    expect(text).not.toContain("tenantId");
  });

  it("includes a member's anonymous and circle-only items: they are theirs", async () => {
    const { data } = await myData("diego");
    expect(data.artifacts.find((a) => a.id === "art-demo-08")).toMatchObject({ anonymous: true, visibility: "circle", authorId: "aad-user-diego" });
    expect(data.artifacts.map((a) => a.title)).toContain("Draft: night shift rota ideas");
    expect((await myData("grace")).data.artifacts.map((a) => a.id)).toEqual(["art-demo-18"]);
  });

  describe("erasure", () => {
    const OTHER = "com-night-shift";
    let pastSession: string;
    let before: { checkIns: number; count: number };

    beforeAll(async () => {
      // Diego also belongs to a second community: erasing himself from one leaves him in the other.
      const now = clock.now().toISOString();
      await server.ctx.repos.communities.create({ id: OTHER, tenantId: DEMO_TENANT_ID, name: "Night Shift Leads", purpose: "", culturalPriorities: [], values: [], timeZone: "Europe/Madrid", createdAt: now, updatedAt: now });
      await server.ctx.repos.members.upsert({ communityId: OTHER, tenantId: DEMO_TENANT_ID, userId: "aad-user-diego", displayName: "Diego Alvarez", role: "member", department: "Operations", timeZone: "Europe/Madrid", joinedAt: now }, "Night Shift Leads");
      const past = SessionListResponse.parse(await (await as("amara")(`${C}/sessions?when=past&limit=50`)).json()).items;
      pastSession = past.find((s) => s.id !== SMALL && s.checkIns.count === 6)!.id;
      const summary = CheckInSummaryResponse.parse(await (await as("jonas")(`${C}/sessions/${pastSession}/checkins`)).json());
      expect(summary.entries.map((e) => e.person.displayName)).toContain("Diego Alvarez");
      before = { checkIns: 6, count: summary.count };
    });

    it("needs the member's name typed exactly: anything else is a 400 that says what to type, and changes nothing", async () => {
      for (const confirm of ["diego", "Diego", "yes", ""]) {
        const e = await error(await as("diego")(`${C}/me/erase`, json("POST", { confirm })), 400);
        expect(e).toMatchObject({ field: "confirm", message: "confirm: to erase your data, type your name exactly as the community shows it: Diego Alvarez" });
      }
      expect((await error(await as("diego")(`${C}/me/erase`, json("POST", {})), 400)).field).toBe("confirm");
      expect((await as("diego")(`${C}/insights`)).status).toBe(200);
      expect(ArtifactView.parse(await (await as("amara")(`${C}/artifacts/art-demo-22`)).json()).author).toEqual({ id: "aad-user-diego", displayName: "Diego Alvarez" });
      expect((await myData("diego")).data.artifacts.length).toBe(3);
    });

    it("refuses the community's only lead until someone else leads", async () => {
      const e = await error(await as("amara")(`${C}/me/erase`, json("POST", { confirm: "Amara Okafor" })), 409);
      expect(e.message).toMatch(/only lead/);
      expect((await as("amara")(`${C}/insights`)).status).toBe(200);
    });

    it("anonymises: their item stays, signed by a former member; their check-in still counts, unnamed; they are no longer a member", async () => {
      const res = await as("diego")(`${C}/me/erase`, json("POST", { confirm: " Diego  Alvarez " }));
      expect(res.status).toBe(200);
      const result = EraseMeResponse.parse(await res.json());
      expect(result.counts).toMatchObject({ artifacts: 3, artifactVersions: 3, membership: 1, promptAnswers: 1, pilots: 2 });
      expect(result.counts.checkIns).toBeGreaterThanOrEqual(7);
      expect(result.counts.rsvps).toBeGreaterThanOrEqual(7);

      // Gone from the community (still signed in, still in his other one).
      expect(await error(await as("diego")(`${C}/insights`), 403)).toMatchObject({ code: "forbidden", message: expect.stringContaining("not a member of this community") });
      expect((await as("diego")(`/api/communities/${OTHER}/insights`)).status).toBe(200);
      expect((await as("diego")(`${C}/me/data`)).status).toBe(403);
      expect((await as("diego")(`${C}/me/erase`, json("POST", { confirm: "Diego Alvarez" }))).status).toBe(403);

      // The community keeps what he shared, signed "A former member".
      const item = ArtifactView.parse(await (await as("amara")(`${C}/artifacts/art-demo-22`)).json());
      expect(item.title).toBe("Closing the loop after a team survey");
      expect(item.author!.displayName).toBe("A former member");
      expect(item.author!.id).toMatch(/^former-[0-9a-f]{24}$/);
      expect((await as("priya")(`${C}/artifacts/art-demo-08`)).status).toBe(200); // his circle case stays for the circle

      // His check-in is counted, not named.
      const summary = CheckInSummaryResponse.parse(await (await as("jonas")(`${C}/sessions/${pastSession}/checkins`)).json());
      expect(summary.count).toBe(before.count);
      expect(summary.entries.map((e) => e.person.displayName)).not.toContain("Diego Alvarez");
      const session = SessionResponse.parse(await (await as("amara")(`${C}/sessions/${pastSession}`)).json()).session;
      expect(session.checkIns.count).toBe(before.checkIns);
      expect((await insights("amara")).attendance.find((a) => a.sessionId === pastSession)!.checkIns).toEqual({ value: 6, suppressed: false });

      // Nobody upcoming is facilitated by someone who left.
      const upcoming = SessionListResponse.parse(await (await as("amara")(`${C}/sessions?limit=20`)).json()).items;
      expect(upcoming.every((s) => s.facilitator === null || s.facilitator.displayName !== "A former member")).toBe(true);
    });

    it("leaves no trace of his id in the community, and deleted his private draft", async () => {
      const docs = await server.ctx.repos.store.container("communities").queryAll<Record<string, unknown>>(DEMO_COMMUNITY_ID, { query: "SELECT * FROM c" });
      expect(docs.length).toBeGreaterThan(100);
      expect(docs.filter((d) => JSON.stringify(d).includes("aad-user-diego")).map((d) => d.id)).toEqual([]);
      expect(JSON.stringify(docs)).not.toContain("Draft: night shift rota ideas");
      expect((await server.ctx.repos.directory.getMemberships(DEMO_TENANT_ID, "aad-user-diego")).map((m) => m.communityId)).toEqual([OTHER]);
      const members = await server.ctx.repos.members.list(DEMO_COMMUNITY_ID);
      expect(members.map((m) => m.userId)).not.toContain("aad-user-diego");
      // His other community still reaches him in his personal chat.
      expect((await server.ctx.repos.directory.getPersonalConversation(DEMO_TENANT_ID, "aad-user-diego"))!.goneAt).toBeUndefined();
    });

    it("keeps his personal chat out of future deliveries once he has left his last community", async () => {
      expect((await as("diego")(`/api/communities/${OTHER}/me/erase`, json("POST", { confirm: "Diego Alvarez" }))).status).toBe(200);
      expect(await server.ctx.repos.directory.getMemberships(DEMO_TENANT_ID, "aad-user-diego")).toEqual([]);
      expect((await server.ctx.repos.directory.getPersonalConversation(DEMO_TENANT_ID, "aad-user-diego"))!.goneAt).toBeTruthy();
      // A message for him that was already queued finds no chat to go to.
      const before = connector.activities.length;
      await server.ctx.repos.jobs.enqueue({ id: "deliver-to-diego-after-erasure", tenantId: DEMO_TENANT_ID, kind: "deliver", dueAt: clock.now().toISOString(), payload: { target: { kind: "personal", tenantId: DEMO_TENANT_ID, userId: "aad-user-diego" }, notice: { kind: "session.feedback", session: { sessionId: SMALL, communityId: DEMO_COMMUNITY_ID, communityName: "x", title: "x", kind: "check-in", startsAt: "2026-11-24T09:00:00.000Z", endsAt: "2026-11-24T09:30:00.000Z", timeZone: "Europe/London", facilitatorName: null, theme: null, agenda: [] } } } });
      await server.scheduler.runDue();
      expect(connector.activities.slice(before).filter((a) => a.conversationId === "a:personal-aad-user-diego")).toEqual([]);
      // Locally he is now nobody at all.
      expect((await as("diego")(`${C}/insights`)).status).toBe(401);
    });

    it("keeps a win of theirs that was added to the library, with its history, and neither their name nor their id is left in the community", async () => {
      const checkIns = await server.ctx.repos.store.container("communities").queryAll<CheckIn>(DEMO_COMMUNITY_ID, { query: "SELECT * FROM c WHERE c.type = 'checkIn' AND c.userId = 'aad-user-fatima'" });
      const shared = checkIns.find((c) => !c.private && c.win)!;
      const res = await as("jonas")(`${C}/promotions`, json("POST", { kind: "check-in-win", sessionId: shared.sessionId, userId: shared.userId }));
      expect(res.status).toBe(201);
      const { artifact } = PromoteResponse.parse(await res.json());
      expect(artifact.author).toEqual({ id: "aad-user-fatima", displayName: "Fatima Haddad" });
      expect(artifact.id).not.toContain("fatima");

      // A win added before item ids were hashed has an id that ends in hers: still a shared item, not one of her own records.
      const legacyId = `art-win-${shared.sessionId}-aad-user-fatima`;
      const [firstVersion] = await server.ctx.repos.artifacts.listVersions(DEMO_COMMUNITY_ID, artifact.id, 1);
      await server.ctx.repos.artifacts.createWithFirstVersion({ ...(await server.ctx.repos.artifacts.get(DEMO_COMMUNITY_ID, artifact.id))!.doc, id: legacyId }, { ...firstVersion!, artifactId: legacyId });
      const hers = (await myData("fatima")).data.artifacts.map((a) => a.id);
      expect(hers).toEqual(expect.arrayContaining([artifact.id, legacyId]));

      const erased = await as("fatima")(`${C}/me/erase`, json("POST", { confirm: "Fatima Haddad" }));
      expect(erased.status).toBe(200);
      expect(EraseMeResponse.parse(await erased.json()).counts.artifacts).toBe(hers.length);

      const docs = await server.ctx.repos.store.container("communities").queryAll<Record<string, unknown>>(DEMO_COMMUNITY_ID, { query: "SELECT * FROM c" });
      const isLegacy = (d: Record<string, unknown>) => d.id === legacyId || d.artifactId === legacyId;
      expect(docs.filter((d) => !isLegacy(d) && /aad-user-fatima|Fatima Haddad/i.test(JSON.stringify(d))).map((d) => d.id)).toEqual([]);
      // The item is where it was, signed by a former member, and its history is whole.
      const item = ArtifactView.parse(await (await as("amara")(`${C}/artifacts/${artifact.id}`)).json());
      expect(item).toMatchObject({ id: artifact.id, title: artifact.title, summary: artifact.summary, version: 1 });
      expect(item.author!.displayName).toBe("A former member");
      expect(item.author!.id).toMatch(/^former-[0-9a-f]{24}$/);
      const history = ArtifactHistoryResponse.parse(await (await as("amara")(`${C}/artifacts/${artifact.id}/versions`)).json());
      expect(history.items.map((v) => v.version)).toEqual([1]);
      expect(docs.filter((d) => d.type === "artifactVersion" && d.artifactId === artifact.id)).toHaveLength(1);
      // The older item stays at its id too, signed the same way, with its version beside it.
      const legacy = (await server.ctx.repos.artifacts.get(DEMO_COMMUNITY_ID, legacyId))!.doc;
      expect(legacy).toMatchObject({ authorName: "A former member", authorId: item.author!.id });
      expect(docs.filter((d) => d.type === "artifactVersion" && d.artifactId === legacyId)).toHaveLength(1);
      expect(docs.filter((d) => isLegacy(d) && JSON.stringify(d).includes("Fatima Haddad"))).toEqual([]);
    });
  });
});
