/**
 * The insights rules from plain arrays: the small-group threshold exactly at 4 and 5
 * people, months that stay whole across daylight-saving changes, practices' stages replayed
 * back from their moves, which contributions count as stories, and the quarterly export as
 * CSV (read back by a real CSV parser) and Markdown (checked for its structure).
 */
import { parse } from "csv-parse/sync";
import { InsightsView, type Story } from "../../bot/src/contracts";
import {
  activeMembers,
  artifactsAdded,
  checkInRate,
  computeInsights,
  CSV_HEADER,
  escapeMarkdown,
  guard,
  insightsCsv,
  insightsMarkdown,
  lastMonths,
  monthOf,
  monthRanges,
  nextDigestAt,
  pilotOutcomes,
  practicesPerStage,
  previousMonth,
  quarterMonths,
  quarterOf,
  roundPairs,
  stageAt,
  storiesOf,
  type AnswerFacts,
  type ArtifactFacts,
  type InsightsData,
  type MemberFacts,
  type PracticeFacts,
} from "../../bot/src/domain/insights";

const ZONE = "Europe/London";
const people = (n: number, prefix = "u") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const member = (userId: string, extra: Partial<MemberFacts> = {}): MemberFacts => ({ userId, displayName: `Person ${userId}`, role: "member", department: "Ops", joinedAt: "2026-01-01T00:00:00Z", ...extra });
const empty = (): InsightsData => ({ members: [], sessions: [], rsvps: [], checkIns: [], artifacts: [], answers: [], postings: new Map(), practices: [], pilots: [], rounds: [] });
const artifact = (id: string, authorId: string, createdAt: string, extra: Partial<ArtifactFacts> = {}): ArtifactFacts => ({
  id,
  authorId,
  createdAt,
  artifactType: "checklist",
  visibility: "community",
  anonymous: false,
  deleted: false,
  title: `Item ${id}`,
  summary: "",
  ...extra,
});

describe("guard: the small-group rule", () => {
  it("leaves out a number 4 people stand behind and shows one that 5 do", () => {
    expect(guard(4, 4)).toEqual({ value: null, suppressed: true });
    expect(guard(5, 5)).toEqual({ value: 5, suppressed: false });
    expect(guard(0, 0)).toEqual({ value: null, suppressed: true });
    // The value is not what decides: 12 items written by 4 people are still 4 people.
    expect(guard(12, 4)).toEqual({ value: null, suppressed: true });
    expect(guard(0.25, 5)).toEqual({ value: 0.25, suppressed: false });
    expect(guard(3, 3, 3)).toEqual({ value: 3, suppressed: false });
  });

  it("applies to every people-number of the view: a month with 4 active people is hidden, one with 5 is shown", () => {
    const data = empty();
    data.members = people(9).map((u) => member(u));
    // October: 4 people answer prompts; November: 5 people write items (one writes two).
    data.answers = people(4).map((u, i): AnswerFacts => ({ id: `a${i}`, userId: u, postingId: "p1", anonymous: false, createdAt: "2026-10-10T10:00:00Z", answer: "x", happened: "", intended: "", learned: "" }));
    data.artifacts = [...people(5, "u").map((u, i) => artifact(`n${i}`, u, "2026-11-03T10:00:00Z")), artifact("n-extra", "u1", "2026-11-04T10:00:00Z")];
    const view = computeInsights(data, { now: new Date("2026-11-20T12:00:00Z"), zone: ZONE, from: "2026-10", to: "2026-11" });
    expect(view.activeMembers).toEqual([
      { month: "2026-10", value: null, suppressed: true },
      { month: "2026-11", value: 5, suppressed: false },
    ]);
    expect(view.artifactsPerMonth).toEqual([
      { month: "2026-10", value: null, suppressed: true },
      { month: "2026-11", value: 6, suppressed: false },
    ]);
    expect(view.minimumGroup).toBe(5);
  });

  it("counts items over the distinct people who wrote them, leaving out deleted items and private drafts", () => {
    const [m] = monthRanges("2026-11", "2026-11", ZONE);
    const items = [
      ...people(4).map((u, i) => artifact(`a${i}`, u, "2026-11-05T10:00:00Z")),
      artifact("draft", "u5", "2026-11-05T10:00:00Z", { visibility: "private" }),
      artifact("gone", "u6", "2026-11-05T10:00:00Z", { deleted: true }),
      artifact("circle", "u7", "2026-11-05T10:00:00Z", { visibility: "circle" }),
    ];
    expect(artifactsAdded(items, m!)).toEqual({ value: 5, people: 5 });
    expect(artifactsAdded(items.slice(0, 4), m!)).toEqual({ value: 4, people: 4 });
  });
});

describe("months in the community's zone", () => {
  it("spans whole local months across the spring and autumn clock changes", () => {
    const [march, october] = [monthRanges("2026-03", "2026-03", ZONE)[0]!, monthRanges("2026-10", "2026-10", ZONE)[0]!];
    // London: GMT in early March, BST from 29 March; BST until 25 October.
    expect(march.start.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(march.end.toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(october.start.toISOString()).toBe("2026-09-30T23:00:00.000Z");
    expect(october.end.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // Consecutive months meet exactly: nothing falls between them or into two.
    const year = monthRanges("2026-01", "2026-12", ZONE);
    expect(year.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`));
    year.slice(1).forEach((m, i) => expect(m.start.getTime()).toBe(year[i]!.end.getTime()));
  });

  it("puts an instant in the month it is locally, not in UTC", () => {
    expect(monthOf("2026-03-31T23:30:00Z", ZONE)).toBe("2026-04");
    expect(monthOf("2026-03-31T23:30:00Z", "UTC")).toBe("2026-03");
    expect(monthOf("2026-11-30T20:00:00Z", "Australia/Sydney")).toBe("2026-12");
    expect(monthOf("2026-12-01T03:00:00Z", "America/Los_Angeles")).toBe("2026-11");
    // An activity just after local midnight on 1 April (still 31 March in UTC) counts in April.
    const months = monthRanges("2026-03", "2026-04", ZONE);
    const active = activeMembers({ ...empty(), answers: people(5).map((u, i): AnswerFacts => ({ id: `a${i}`, userId: u, postingId: "p", anonymous: false, createdAt: "2026-03-31T23:30:00Z", answer: "x", happened: "", intended: "", learned: "" })) }, months);
    expect(active.get("2026-03")).toEqual({ value: 0, people: 0 });
    expect(active.get("2026-04")).toEqual({ value: 5, people: 5 });
  });

  it("counts back whole months, quarters and the digest's month across year ends", () => {
    expect(lastMonths(new Date("2027-01-15T12:00:00Z"), 6, ZONE)).toEqual({ from: "2026-08", to: "2027-01" });
    expect(lastMonths(new Date("2026-12-31T23:30:00Z"), 3, "Europe/Berlin")).toEqual({ from: "2026-11", to: "2027-01" });
    expect(previousMonth(new Date("2027-01-01T09:00:00Z"), ZONE)).toBe("2026-12");
    expect(quarterMonths("2026-Q4")).toEqual({ from: "2026-10", to: "2026-12" });
    expect(quarterMonths("2027-Q1")).toEqual({ from: "2027-01", to: "2027-03" });
    expect(quarterOf(new Date("2026-12-31T23:30:00Z"), "Europe/Berlin")).toBe("2027-Q1");
    expect(quarterOf(new Date("2026-12-31T23:30:00Z"), ZONE)).toBe("2026-Q4");
    expect(() => quarterMonths("2026-Q5")).toThrow(/quarter/);
  });

  it("sends the digest on the 1st at 09:00 local, in summer and winter time", () => {
    expect(nextDigestAt(new Date("2026-11-20T15:00:00Z"), ZONE).toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(nextDigestAt(new Date("2026-03-15T12:00:00Z"), ZONE).toISOString()).toBe("2026-04-01T08:00:00.000Z");
    // On the 1st itself: today while 09:00 is still ahead, next month once it has passed.
    expect(nextDigestAt(new Date("2026-12-01T08:59:00Z"), ZONE).toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(nextDigestAt(new Date("2026-12-01T09:01:00Z"), ZONE).toISOString()).toBe("2027-01-01T09:00:00.000Z");
    expect(nextDigestAt(new Date("2026-11-30T23:30:00Z"), "Asia/Tokyo").toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});

describe("practices per stage: moves replayed backwards", () => {
  const practice: PracticeFacts = {
    id: "p1",
    stage: "adopted",
    createdAt: "2026-01-15T10:00:00Z",
    moves: [
      { from: "concept", to: "piloting", at: "2026-02-10T10:00:00Z" },
      { from: "piloting", to: "adopted", at: "2026-03-20T10:00:00Z" },
      { from: "adopted", to: "piloting", at: "2026-04-05T10:00:00Z" },
      { from: "piloting", to: "adopted", at: "2026-05-01T10:00:00Z" },
    ],
  };

  it("finds the stage at any moment, back and forth, and none before the practice existed", () => {
    expect(stageAt(practice, new Date("2026-01-10T00:00:00Z"))).toBeNull();
    expect(stageAt(practice, new Date("2026-01-31T23:59:59Z"))).toBe("concept");
    expect(stageAt(practice, new Date("2026-02-10T10:00:00Z"))).toBe("piloting");
    expect(stageAt(practice, new Date("2026-02-10T09:59:59Z"))).toBe("concept");
    expect(stageAt(practice, new Date("2026-03-31T22:59:59Z"))).toBe("adopted");
    expect(stageAt(practice, new Date("2026-04-30T22:59:59Z"))).toBe("piloting");
    expect(stageAt(practice, new Date("2026-06-01T00:00:00Z"))).toBe("adopted");
  });

  it("counts each month's end (now for the month under way), moves given in any order", () => {
    const shuffled: PracticeFacts = { ...practice, moves: [...practice.moves].reverse() };
    const later: PracticeFacts = { id: "p2", stage: "piloting", createdAt: "2026-04-20T10:00:00Z", moves: [{ from: "concept", to: "piloting", at: "2026-05-20T10:00:00Z" }] };
    const habit: PracticeFacts = { id: "p3", stage: "habit", createdAt: "2025-06-01T10:00:00Z", moves: [] };
    const months = monthRanges("2026-01", "2026-05", ZONE);
    const points = practicesPerStage([shuffled, later, habit], months, new Date("2026-05-10T12:00:00Z"));
    expect(points).toEqual([
      { month: "2026-01", concept: 1, piloting: 0, adopted: 0, habit: 1 },
      { month: "2026-02", concept: 0, piloting: 1, adopted: 0, habit: 1 },
      { month: "2026-03", concept: 0, piloting: 0, adopted: 1, habit: 1 },
      { month: "2026-04", concept: 1, piloting: 1, adopted: 0, habit: 1 },
      // May is under way on the 10th: p2 has not moved yet.
      { month: "2026-05", concept: 1, piloting: 0, adopted: 1, habit: 1 },
    ]);
  });
});

describe("attendance, check-in rate, buddy rounds and pilots", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const [november] = monthRanges("2026-11", "2026-11", ZONE);

  it("rates check-ins over the places at sessions held, counting a departed member's check-in but never a sponsor's place", () => {
    const members = [...people(8).map((u) => member(u)), member("sponsor", { role: "sponsor" }), member("late", { joinedAt: "2026-11-20T00:00:00Z" })];
    const sessions = [
      { id: "s1", title: "A", startsAt: "2026-11-03T09:00:00Z", status: "scheduled" },
      { id: "s2", title: "B", startsAt: "2026-11-24T09:00:00Z", status: "scheduled" },
      { id: "skipped", title: "C", startsAt: "2026-11-10T09:00:00Z", status: "skipped" },
      { id: "future", title: "D", startsAt: "2026-12-01T09:00:00Z", status: "scheduled" },
    ];
    const checkIns = [
      ...people(4).map((u) => ({ sessionId: "s1", userId: u, submittedAt: "2026-11-02T09:00:00Z" })),
      ...[...people(3), "former-abc"].map((u) => ({ sessionId: "s2", userId: u, submittedAt: "2026-11-23T09:00:00Z" })),
      { sessionId: "skipped", userId: "u8", submittedAt: "2026-11-09T09:00:00Z" },
    ];
    // s1: 4 of 8 places; s2: 4 of 10 (8 members, the late joiner, the former member).
    expect(checkInRate({ members, sessions, checkIns }, november!, now)).toEqual({ value: Math.round((8 / 18) * 1000) / 1000, people: 5 });
    expect(checkInRate({ members, sessions, checkIns: checkIns.filter((c) => c.userId !== "former-abc") }, november!, now).people).toBe(4);
  });

  it("lists sessions with going and check-ins hidden below five people", () => {
    const data = empty();
    data.members = people(8).map((u) => member(u));
    data.sessions = [
      { id: "small", title: "Small", startsAt: "2026-11-03T09:00:00Z", status: "scheduled" },
      { id: "big", title: "Big", startsAt: "2026-11-10T09:00:00Z", status: "scheduled" },
    ];
    data.rsvps = [
      ...people(4).map((u) => ({ sessionId: "small", userId: u, answer: "going", at: "2026-11-01T09:00:00Z" })),
      { sessionId: "small", userId: "u5", answer: "not-going", at: "2026-11-01T09:00:00Z" },
      ...people(5).map((u) => ({ sessionId: "big", userId: u, answer: "going", at: "2026-11-08T09:00:00Z" })),
    ];
    data.checkIns = people(5).map((u) => ({ sessionId: "big", userId: u, submittedAt: "2026-11-09T09:00:00Z" }));
    const view = computeInsights(data, { now, zone: ZONE, from: "2026-11", to: "2026-11" });
    expect(view.attendance).toEqual([
      { sessionId: "small", title: "Small", startsAt: "2026-11-03T09:00:00Z", going: { value: null, suppressed: true }, checkIns: { value: null, suppressed: true } },
      { sessionId: "big", title: "Big", startsAt: "2026-11-10T09:00:00Z", going: { value: 5, suppressed: false }, checkIns: { value: 5, suppressed: false } },
    ]);
  });

  it("counts groups that span departments over everyone in the round", () => {
    const departments = new Map([
      ["a", "Ops"],
      ["b", "Eng"],
      ["c", "Ops"],
      ["d", "Ops"],
      ["e", "Fin"],
    ]);
    const round = { id: "r1", status: "published", publishedAt: "2026-11-02T09:00:00Z", groups: [{ memberIds: ["a", "b"] }, { memberIds: ["c", "d"] }, { memberIds: ["e", "gone"] }] };
    expect(roundPairs(round, departments)).toEqual({ crossDepartmentGroups: { value: 1, people: 6 }, crossDepartmentShare: { value: 0.333, people: 6 } });
    expect(roundPairs({ ...round, groups: round.groups.slice(0, 2) }, departments).crossDepartmentGroups.people).toBe(4);
  });

  it("counts each pilot outcome over the managers who gave it, withdrawn pilots and other periods left out", () => {
    const report = (userId: string, outcome: "worked" | "mixed" | "did-not-work", reportedAt = "2026-11-10T09:00:00Z", status = "reported") => ({ userId, createdAt: "2026-10-01T09:00:00Z", status, report: { outcome, reportedAt } });
    const pilots = [
      ...people(5).map((u) => report(u, "worked")),
      report("u1", "worked"),
      report("u6", "mixed"),
      report("u7", "did-not-work", "2026-10-10T09:00:00Z"),
      report("u8", "did-not-work", "2026-11-10T09:00:00Z", "withdrawn"),
      { userId: "u9", createdAt: "2026-11-01T09:00:00Z", status: "active" },
    ];
    expect(pilotOutcomes(pilots, november!.start, november!.end)).toEqual({ worked: { value: 6, people: 5 }, mixed: { value: 1, people: 1 }, didNotWork: { value: 0, people: 0 }, reporters: { value: 6, people: 6 } });
  });
});

describe("stories", () => {
  const names = new Map([
    ["u1", "Priya Raman"],
    ["u2", "Sam Whitaker"],
  ]);
  const answer = (id: string, extra: Partial<AnswerFacts>): AnswerFacts => ({ id, userId: "u1", postingId: "p1", anonymous: false, createdAt: "2026-11-10T09:00:00Z", answer: "", happened: "", intended: "", learned: "", ...extra });
  const [november] = monthRanges("2026-11", "2026-11", ZONE);

  it("are named answers and community cases by current members: never anonymous, circle-only, private or deleted ones", () => {
    const data = {
      postings: new Map([["p1", "What changed your mind?"]]),
      answers: [
        answer("named", { answer: "My team did.", createdAt: "2026-11-12T09:00:00Z" }),
        answer("reflective", { userId: "u2", happened: "A 1:1 went to status.", learned: "Ask first.", createdAt: "2026-11-11T09:00:00Z" }),
        answer("anon", { anonymous: true, answer: "Secret", createdAt: "2026-11-13T09:00:00Z" }),
        answer("left", { userId: "former-x", answer: "Gone", createdAt: "2026-11-13T09:00:00Z" }),
        answer("october", { answer: "Old", createdAt: "2026-10-13T09:00:00Z" }),
      ],
      artifacts: [
        artifact("case", "u2", "2026-11-14T09:00:00Z", { artifactType: "case-summary", title: "On-call rules", summary: "The team wrote them." }),
        artifact("case-situation", "u1", "2026-11-09T09:00:00Z", { artifactType: "case-summary", title: "Reorg", situation: "Morale dropped." }),
        artifact("circle", "u1", "2026-11-14T09:00:00Z", { artifactType: "case-summary", visibility: "circle" }),
        artifact("private", "u1", "2026-11-14T09:00:00Z", { artifactType: "case-summary", visibility: "private" }),
        artifact("anon-case", "u1", "2026-11-14T09:00:00Z", { artifactType: "case-summary", anonymous: true }),
        artifact("deleted", "u1", "2026-11-14T09:00:00Z", { artifactType: "case-summary", deleted: true }),
        artifact("checklist", "u1", "2026-11-14T09:00:00Z"),
      ],
    };
    const stories = storiesOf(data, names, november!.start, november!.end, 10, (id) => `https://example.test/items/${id}`);
    expect(stories.map((s) => s.id)).toEqual(["case", "named", "reflective", "case-situation"]);
    expect(stories[0]).toEqual<Story>({ kind: "case", id: "case", title: "On-call rules", text: "The team wrote them.", authorName: "Sam Whitaker", at: "2026-11-14T09:00:00Z", link: "https://example.test/items/case" });
    expect(stories[1]).toMatchObject({ kind: "reflection", title: "What changed your mind?", text: "My team did.", authorName: "Priya Raman", link: null });
    expect(stories[2]!.text).toBe("What happened: A 1:1 went to status.\nWhat I learned: Ask first.");
    expect(stories[3]!.text).toBe("Morale dropped.");
    expect(storiesOf(data, names, november!.start, november!.end, 2).map((s) => s.id)).toEqual(["case", "named"]);
  });
});

// ── The export ───────────────────────────────────────────────────────────────

const hidden = { value: null, suppressed: true };
const shown = (value: number) => ({ value, suppressed: false });
const tricky = 'Deciding "together", fast | slow\n=HYPERLINK("http://evil") *bold* <script>alert(1)</script>';

function sampleView(): InsightsView {
  return InsightsView.parse({
    communityId: "com-demo",
    from: "2026-10",
    to: "2026-12",
    minimumGroup: 5,
    activeMembers: [
      { month: "2026-10", ...hidden },
      { month: "2026-11", ...shown(9) },
      { month: "2026-12", ...shown(7) },
    ],
    attendance: [
      { sessionId: "s1", title: tricky, startsAt: "2026-11-03T09:00:00Z", going: shown(6), checkIns: hidden },
      { sessionId: "s2", title: "Weekly check-in, Tuesday", startsAt: "2026-11-10T09:00:00Z", going: shown(7), checkIns: shown(5) },
    ],
    checkInRate: [
      { month: "2026-10", ...hidden },
      { month: "2026-11", ...shown(0.625) },
      { month: "2026-12", ...shown(0.5) },
    ],
    artifactsPerMonth: [
      { month: "2026-10", ...hidden },
      { month: "2026-11", ...shown(6) },
      { month: "2026-12", ...hidden },
    ],
    practicesPerStage: [
      { month: "2026-10", concept: 2, piloting: 2, adopted: 1, habit: 1 },
      { month: "2026-11", concept: 1, piloting: 2, adopted: 2, habit: 1 },
      { month: "2026-12", concept: 1, piloting: 2, adopted: 2, habit: 1 },
    ],
    crossDepartmentPairs: [{ roundId: "r1", publishedAt: "2026-11-02T09:00:00Z", crossDepartmentGroups: shown(5), crossDepartmentShare: shown(1) }],
    pilotReports: { worked: shown(6), mixed: hidden, didNotWork: hidden, reporters: shown(7) },
    stories: [
      { kind: "reflection", id: "a1", title: "What changed your mind?", text: 'I said "no", then yes,\nand # this is not a heading\n> nor a quote\n1. nor a list', authorName: "Priya | Raman", at: "2026-11-12T09:00:00Z", link: null },
      { kind: "case", id: "c1", title: "On-call *rules* [x](javascript:alert(1))", text: "The team wrote them.", authorName: "Sam Whitaker", at: "2026-11-14T09:00:00Z", link: "https://example.test/items/c1" },
    ],
    can: { export: true },
  });
}

describe("insightsCsv", () => {
  const csv = insightsCsv(sampleView(), ZONE);
  const rows: string[][] = parse(csv, { bom: true, relax_column_count: false });
  const records: Record<string, string>[] = parse(csv, { bom: true, columns: true });

  it("is RFC 4180: a header, CRLF after every row, quotes doubled, and reads back field for field", () => {
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    // Every line break outside a quoted field is CRLF: strip the quoted fields, and no bare LF is left.
    expect(csv.replace(/"(?:[^"]|"")*"/g, "").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const going = records.filter((r) => r.section === "Going to sessions");
    expect(going.map((r) => r.label)).toEqual([tricky, "Weekly check-in, Tuesday"]);
    expect(going.map((r) => r.period)).toEqual(["2026-11-03", "2026-11-10"]);
    expect(going.map((r) => r.value)).toEqual(["6", "7"]);
  });

  it("has one row per metric point, suppressed ones with an empty value and the reason", () => {
    const sections = records.map((r) => r.section);
    expect(sections.filter((s) => s === "Active members")).toHaveLength(3);
    expect(sections.filter((s) => s === "Check-in rate")).toHaveLength(3);
    expect(sections.filter((s) => s === "Library items added")).toHaveLength(3);
    expect(sections.filter((s) => s === "Practices per stage")).toHaveLength(12);
    expect(sections.filter((s) => s === "Checked in at sessions")).toHaveLength(2);
    expect(sections.filter((s) => s === "Cross-department buddy groups")).toHaveLength(2);
    expect(sections.filter((s) => s === "Pilot reports")).toHaveLength(4);
    expect(records.find((r) => r.section === "Active members" && r.period === "2026-10")).toEqual({ section: "Active members", period: "2026-10", label: "Active members", value: "", note: "fewer than 5 people" });
    expect(records.find((r) => r.section === "Check-in rate" && r.period === "2026-11")!.value).toBe("0.625");
    expect(records.find((r) => r.section === "Checked in at sessions" && r.period === "2026-11-03")).toMatchObject({ value: "", note: "fewer than 5 people" });
    expect(records.find((r) => r.section === "Pilot reports" && r.label === "Mixed")).toMatchObject({ value: "", note: "fewer than 5 people" });
    const suppressed = records.filter((r) => r.note === "fewer than 5 people");
    expect(suppressed.length).toBe(7);
    expect(suppressed.every((r) => r.value === "")).toBe(true);
    expect(records.filter((r) => r.section !== "Story" && r.note !== "fewer than 5 people").every((r) => /^\d+(\.\d+)?$/.test(r.value ?? ""))).toBe(true);
  });

  it("blends in the stories, multi-line text intact", () => {
    const stories = records.filter((r) => r.section === "Story");
    expect(stories.map((r) => r.label)).toEqual(["What changed your mind? (reflection, Priya | Raman)", "On-call *rules* [x](javascript:alert(1)) (case, Sam Whitaker)"]);
    expect(stories[0]!.note).toBe('I said "no", then yes,\nand # this is not a heading\n> nor a quote\n1. nor a list');
    expect(stories[0]!.value).toBe("");
  });

  it("never lets a spreadsheet run people's text as a formula", () => {
    const view = sampleView();
    view.attendance[0]!.title = "=SUM(A1:A9)";
    view.stories[0]!.text = "+1 for this, @channel";
    const back: Record<string, string>[] = parse(insightsCsv(view, ZONE), { bom: true, columns: true });
    expect(back.find((r) => r.section === "Going to sessions")!.label).toBe("'=SUM(A1:A9)");
    expect(back.find((r) => r.section === "Story")!.note).toBe("'+1 for this, @channel");
  });
});

/** A table row's cells: split on pipes that are not escaped. */
const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe("insightsMarkdown", () => {
  const md = insightsMarkdown(sampleView(), "2026-Q4", "Harbour Managers' Circle", ZONE);
  const lines = md.split("\n");

  it("has a title and a heading for every section, in order", () => {
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
    expect(lines.filter((l) => l.startsWith("### "))).toHaveLength(2);
    expect(lines.filter((l) => /^#{1,6} /.test(l))).toHaveLength(11);
  });

  it("gives each metric a table whose every row has as many cells as its header, people's pipes escaped", () => {
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of lines) {
      if (line.startsWith("|")) (current ??= []).push(line);
      else if (current) {
        tables.push(current);
        current = null;
      }
    }
    expect(tables).toHaveLength(7);
    for (const table of tables) {
      const width = cellsOf(table[0]!).length;
      expect(cellsOf(table[1]!).every((c) => /^-{3,}$/.test(c))).toBe(true);
      for (const row of table) expect(cellsOf(row)).toHaveLength(width);
    }
    const attendance = tables[1]!;
    expect(cellsOf(attendance[0]!)).toEqual(["Session", "Date", "Going", "Checked in"]);
    expect(cellsOf(attendance[2]!)).toEqual([String.raw`Deciding "together", fast \| slow \=HYPERLINK\("http://evil"\) \*bold\* \<script\>alert\(1\)\</script\>`, "Tue 3 Nov 2026", "6", "fewer than 5 people — not shown"]);
    expect(cellsOf(tables[0]![2]!)).toEqual(["2026-10", "fewer than 5 people — not shown"]);
    expect(cellsOf(tables[2]![3]!)).toEqual(["2026-11", "63%"]);
    expect(cellsOf(tables[4]![0]!)).toEqual(["Month", "Concept", "Piloting", "Adopted", "Habit"]);
    expect(md).not.toMatch(/<script>/);
  });

  it("quotes the stories, so their lines never become headings, lists or links", () => {
    const start = lines.indexOf("## Stories");
    const story = lines.slice(start);
    expect(story).toContain("### What changed your mind?");
    const quote = story.filter((l) => l.startsWith(">"));
    expect(quote).toEqual(['> I said "no", then yes,', ">", "> and \\# this is not a heading", ">", "> \\> nor a quote", ">", "> 1\\. nor a list", "> The team wrote them."]);
    expect(story).toContain("— Priya \\| Raman, reflection, Thu 12 Nov 2026");
    expect(story).toContain("### On-call \\*rules\\* \\[x\\]\\(javascript:alert\\(1\\)\\)");
    expect(story.find((l) => l.startsWith("— Sam Whitaker"))).toBe("— Sam Whitaker, case, Sat 14 Nov 2026 · [Open in the library](<https://example.test/items/c1>)");
  });

  it("says so when a period has no sessions, rounds or stories", () => {
    const view = { ...sampleView(), attendance: [], crossDepartmentPairs: [], stories: [] };
    const text = insightsMarkdown(view, "2026-Q4", "Circle", ZONE);
    expect(text).toContain("No sessions were held in this period.");
    expect(text).toContain("No buddy round was published in this period.");
    expect(text).toContain("No named reflections or cases were shared with the whole community in this period.");
  });

  it("escapes Markdown in names and text", () => {
    expect(escapeMarkdown("a_b *c* `d` [e](f) <g> h|i")).toBe("a\\_b \\*c\\* \\`d\\` \\[e\\]\\(f\\) \\<g\\> h\\|i");
    expect(escapeMarkdown("- item\n+ item\n= rule\n# head\n  4. four")).toBe("\\- item\n\\+ item\n\\= rule\n\\# head\n4\\. four");
  });
});
