/**
 * How the community is doing, from plain arrays: who was active, who came, what was
 * written, where the practices stand, how buddy rounds mixed departments, how pilots went,
 * and the stories people chose to share with everyone. Every number about people is
 * counted together with the distinct people behind it and left out (`guard`) when fewer
 * than SMALL_GROUP_MINIMUM stand behind it, so no page, export or digest built from these
 * results can show an aggregate over a small group. Months are calendar months in the
 * community's zone. Also the quarterly export as Markdown and CSV (pure text builders).
 */
import { DateTime } from "luxon";
import {
  PILOT_OUTCOME_LABELS,
  PRACTICE_STAGE_LABELS,
  PRACTICE_STAGES,
  SMALL_GROUP_MINIMUM,
  type Guarded,
  type InsightsView,
  type MonthPoint,
  type PracticeStage,
  type RoundPairs,
  type SessionAttendance,
  type StagePoint,
  type Story,
} from "../contracts";
import { localDate } from "./artifacts";

// ── The small-group rule ─────────────────────────────────────────────────────

/** A value over people and how many distinct people stand behind it. */
export interface Counted {
  value: number;
  people: number;
}

/** The value when at least `minimum` people stand behind it; otherwise null and suppressed. */
export function guard(value: number, people: number, minimum: number = SMALL_GROUP_MINIMUM): Guarded {
  return people >= minimum ? { value, suppressed: false } : { value: null, suppressed: true };
}

const guarded = (c: Counted, minimum: number): Guarded => guard(c.value, c.people, minimum);

/** Shares and rates keep three decimals: enough for a chart, no false precision. */
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);

// ── Months in the community's zone ───────────────────────────────────────────

/** A calendar month as the instants it spans in one zone: [start, end). */
export interface MonthRange {
  month: string;
  start: Date;
  end: Date;
}

const MONTH = /^(\d{4})-(\d{2})$/;

function monthStart(month: string, zone: string): DateTime {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`'${month}' is not a month such as 2026-11.`);
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone });
  if (!start.isValid) throw new Error(`Cannot read the month ${month} in the time zone '${zone}'.`);
  return start;
}

/** The month (yyyy-MM) an instant falls in, in `zone`. */
export function monthOf(at: Date | string, zone: string): string {
  const instant = typeof at === "string" ? new Date(at) : at;
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM");
}

/** The months from `from` to `to` (both included), each with its local midnight-to-midnight span; a DST change inside a month is luxon's to handle. */
export function monthRanges(from: string, to: string, zone: string): MonthRange[] {
  const ranges: MonthRange[] = [];
  let start = monthStart(from, zone);
  const last = monthStart(to, zone);
  while (start <= last && ranges.length < 600) {
    const end = start.plus({ months: 1 });
    ranges.push({ month: start.toFormat("yyyy-MM"), start: start.toJSDate(), end: end.toJSDate() });
    start = end;
  }
  return ranges;
}

/** The last `count` months up to and including the current one, in `zone`. */
export function lastMonths(now: Date, count: number, zone: string): { from: string; to: string } {
  const current = DateTime.fromJSDate(now, { zone }).startOf("month");
  return { from: current.minus({ months: Math.max(1, count) - 1 }).toFormat("yyyy-MM"), to: current.toFormat("yyyy-MM") };
}

/** The month before the one `now` falls in (what a digest on the 1st looks back on). */
export function previousMonth(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).startOf("month").minus({ months: 1 }).toFormat("yyyy-MM");
}

/** A quarter such as 2026-Q4 as its first and last month. */
export function quarterMonths(quarter: string): { from: string; to: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`'${quarter}' is not a quarter such as 2026-Q4.`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${m[1]}-${pad(first)}`, to: `${m[1]}-${pad(first + 2)}` };
}

/** The quarter `now` falls in, in `zone`, e.g. 2026-Q4. */
export function quarterOf(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone });
  return `${local.year}-Q${Math.ceil(local.month / 3)}`;
}

/**
 * When the monthly digest goes out: the next 1st of a month at `time` (HH:mm) local in
 * `zone`, at or after `now` (today, when today is the 1st and the time is still ahead).
 */
export function nextDigestAt(now: Date, zone: string, time = "09:00"): Date {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.startOf("month").set({ hour, minute });
  if (candidate.toMillis() < now.getTime()) candidate = local.startOf("month").plus({ months: 1 }).set({ hour, minute });
  return candidate.toJSDate();
}

// ── What the metrics are computed from ───────────────────────────────────────

export interface MemberFacts {
  userId: string;
  displayName: string;
  role: string;
  department: string;
  joinedAt: string;
}
export interface SessionFacts {
  id: string;
  title: string;
  startsAt: string;
  status: string;
}
export interface RsvpFacts {
  sessionId: string;
  userId: string;
  answer: string;
  at: string;
}
export interface CheckInFacts {
  sessionId: string;
  userId: string;
  submittedAt: string;
}
export interface ArtifactFacts {
  id: string;
  authorId: string;
  createdAt: string;
  /** The artifact's type (case-summary, checklist, …). */
  artifactType: string;
  visibility: string;
  anonymous: boolean;
  deleted: boolean;
  title: string;
  summary: string;
  /** A case's situation, when the summary is empty. */
  situation?: string;
}
export interface AnswerFacts {
  id: string;
  userId: string;
  postingId: string;
  anonymous: boolean;
  createdAt: string;
  answer: string;
  happened: string;
  intended: string;
  learned: string;
}
export interface PracticeFacts {
  id: string;
  stage: PracticeStage;
  createdAt: string;
  moves: { from: PracticeStage; to: PracticeStage; at: string }[];
}
export interface PilotFacts {
  userId: string;
  createdAt: string;
  status: string;
  report?: { outcome: "worked" | "mixed" | "did-not-work"; reportedAt: string };
}
export interface RoundFacts {
  id: string;
  status: string;
  publishedAt?: string;
  groups: { memberIds: string[] }[];
}

export interface InsightsData {
  members: MemberFacts[];
  sessions: SessionFacts[];
  rsvps: RsvpFacts[];
  checkIns: CheckInFacts[];
  artifacts: ArtifactFacts[];
  answers: AnswerFacts[];
  /** The prompt text each answer answered, by posting id. */
  postings: Map<string, string>;
  practices: PracticeFacts[];
  pilots: PilotFacts[];
  rounds: RoundFacts[];
}

export interface InsightsOptions {
  now: Date;
  zone: string;
  from: string;
  to: string;
  minimum?: number;
  /** How many of the latest sessions the attendance lists (default 12). */
  attendanceLimit?: number;
  /** How many stories, newest first (default 6). */
  storyLimit?: number;
  /** A link that opens a library item. */
  artifactLink?: (artifactId: string) => string;
}

const inRange = (at: string, start: Date, end: Date) => {
  const t = Date.parse(at);
  return t >= start.getTime() && t < end.getTime();
};

// ── The metrics ──────────────────────────────────────────────────────────────

/** Everyone who did anything in the month: checked in, RSVP'd going, answered a prompt, contributed, started or reported a pilot. */
export function activeMembers(data: Pick<InsightsData, "checkIns" | "rsvps" | "answers" | "artifacts" | "pilots">, months: MonthRange[]): Map<string, Counted> {
  const events: { userId: string; at: string }[] = [
    ...data.checkIns.map((c) => ({ userId: c.userId, at: c.submittedAt })),
    ...data.rsvps.filter((r) => r.answer === "going").map((r) => ({ userId: r.userId, at: r.at })),
    ...data.answers.map((a) => ({ userId: a.userId, at: a.createdAt })),
    ...data.artifacts.filter((a) => !a.deleted).map((a) => ({ userId: a.authorId, at: a.createdAt })),
    ...data.pilots.filter((p) => p.status !== "withdrawn").flatMap((p) => [{ userId: p.userId, at: p.createdAt }, ...(p.report ? [{ userId: p.userId, at: p.report.reportedAt }] : [])]),
  ];
  const result = new Map<string, Counted>();
  for (const m of months) {
    const people = new Set(events.filter((e) => inRange(e.at, m.start, m.end)).map((e) => e.userId));
    result.set(m.month, { value: people.size, people: people.size });
  }
  return result;
}

/** Sessions held (scheduled, already started) between `start` and `end`, oldest first. */
export function heldSessions(sessions: SessionFacts[], start: Date, end: Date, now: Date): SessionFacts[] {
  return sessions
    .filter((s) => s.status === "scheduled" && inRange(s.startsAt, start, end) && Date.parse(s.startsAt) <= now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}

/** Who said they were going, and who checked in, per session: each a count of distinct people. */
export function attendanceOf(session: SessionFacts, rsvps: RsvpFacts[], checkIns: CheckInFacts[]): { going: Counted; checkIns: Counted } {
  const going = new Set(rsvps.filter((r) => r.sessionId === session.id && r.answer === "going").map((r) => r.userId)).size;
  const checked = new Set(checkIns.filter((c) => c.sessionId === session.id).map((c) => c.userId)).size;
  return { going: { value: going, people: going }, checkIns: { value: checked, people: checked } };
}

/**
 * Check-ins per member per session held that month (0–1): the check-ins over the places
 * there were (members taking part who had joined by each session's start, and anyone who
 * checked in and has since left). Counted over the distinct people who checked in.
 */
export function checkInRate(data: Pick<InsightsData, "members" | "sessions" | "checkIns">, m: MonthRange, now: Date): Counted {
  const sessions = heldSessions(data.sessions, m.start, m.end, now);
  let checkIns = 0;
  let places = 0;
  const people = new Set<string>();
  for (const s of sessions) {
    const checked = new Set(data.checkIns.filter((c) => c.sessionId === s.id).map((c) => c.userId));
    const eligible = new Set(data.members.filter((x) => x.role !== "sponsor" && Date.parse(x.joinedAt) <= Date.parse(s.startsAt)).map((x) => x.userId));
    for (const id of checked) eligible.add(id);
    checkIns += checked.size;
    places += eligible.size;
    for (const id of checked) people.add(id);
  }
  return { value: ratio(checkIns, places), people: people.size };
}

/** Library items added in the month (not deleted, not private drafts), over the distinct people who wrote them. */
export function artifactsAdded(artifacts: ArtifactFacts[], m: MonthRange): Counted {
  const added = artifacts.filter((a) => !a.deleted && a.visibility !== "private" && inRange(a.createdAt, m.start, m.end));
  return { value: added.length, people: new Set(added.map((a) => a.authorId)).size };
}

/** The stage a practice was at, at `at`: its moves replayed backwards from where it stands now; null before it existed. */
export function stageAt(practice: PracticeFacts, at: Date): PracticeStage | null {
  if (Date.parse(practice.createdAt) > at.getTime()) return null;
  let stage = practice.stage;
  const later = practice.moves.filter((mv) => Date.parse(mv.at) > at.getTime()).sort((a, b) => b.at.localeCompare(a.at));
  for (const mv of later) stage = mv.from;
  return stage;
}

/** Practices at each stage at the end of each month (or now, for the month under way). */
export function practicesPerStage(practices: PracticeFacts[], months: MonthRange[], now: Date): StagePoint[] {
  return months.map((m) => {
    const at = new Date(Math.min(m.end.getTime() - 1, now.getTime()));
    const point: StagePoint = { month: m.month, concept: 0, piloting: 0, adopted: 0, habit: 0 };
    if (m.start.getTime() > now.getTime()) return point;
    for (const p of practices) {
      const stage = stageAt(p, at);
      if (stage) point[stage] += 1;
    }
    return point;
  });
}

/**
 * Per published round: the groups whose members come from two or more departments, and
 * their share of all groups, over everyone in the round. A departed member's department
 * is unknown, so their group counts as mixed only if the others already span two.
 */
export function roundPairs(round: RoundFacts, departments: Map<string, string>): { crossDepartmentGroups: Counted; crossDepartmentShare: Counted } {
  const people = new Set(round.groups.flatMap((g) => g.memberIds)).size;
  const cross = round.groups.filter((g) => new Set(g.memberIds.map((id) => departments.get(id)).filter((d): d is string => Boolean(d))).size >= 2).length;
  return { crossDepartmentGroups: { value: cross, people }, crossDepartmentShare: { value: ratio(cross, round.groups.length), people } };
}

/** Pilot reports in the period by outcome, each over the distinct managers who gave that outcome, and the reporters. */
export function pilotOutcomes(pilots: PilotFacts[], start: Date, end: Date): { worked: Counted; mixed: Counted; didNotWork: Counted; reporters: Counted } {
  const reports = pilots.filter((p) => p.status !== "withdrawn" && p.report && inRange(p.report.reportedAt, start, end));
  const of = (outcome: string): Counted => {
    const these = reports.filter((p) => p.report!.outcome === outcome);
    return { value: these.length, people: new Set(these.map((p) => p.userId)).size };
  };
  const reporters = new Set(reports.map((p) => p.userId)).size;
  return { worked: of("worked"), mixed: of("mixed"), didNotWork: of("did-not-work"), reporters: { value: reporters, people: reporters } };
}

const answerText = (a: AnswerFacts): string => {
  if (a.answer.trim()) return a.answer.trim();
  return [
    ["What happened", a.happened],
    ["What I intended", a.intended],
    ["What I learned", a.learned],
  ]
    .filter(([, text]) => text!.trim())
    .map(([label, text]) => `${label}: ${text!.trim()}`)
    .join("\n");
};

/**
 * Stories: answers to prompts given with a name, and case summaries shared with the whole
 * community without anonymity, by people who are still members (`names`). Never an
 * anonymous, circle-only, private or deleted item. Newest first.
 */
export function storiesOf(data: Pick<InsightsData, "answers" | "artifacts" | "postings">, names: Map<string, string>, start: Date, end: Date, limit: number, artifactLink?: (id: string) => string): Story[] {
  const reflections: Story[] = data.answers
    .filter((a) => !a.anonymous && names.has(a.userId) && inRange(a.createdAt, start, end) && answerText(a))
    .map((a) => ({ kind: "reflection", id: a.id, title: data.postings.get(a.postingId) ?? "A reflection", text: answerText(a), authorName: names.get(a.userId)!, at: a.createdAt, link: null }));
  const cases: Story[] = data.artifacts
    .filter((a) => a.artifactType === "case-summary" && a.visibility === "community" && !a.anonymous && !a.deleted && names.has(a.authorId) && inRange(a.createdAt, start, end))
    .map((a) => ({ kind: "case", id: a.id, title: a.title, text: (a.summary.trim() || a.situation?.trim() || "").trim(), authorName: names.get(a.authorId)!, at: a.createdAt, link: artifactLink ? artifactLink(a.id) : null }));
  return [...reflections, ...cases].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id)).slice(0, Math.max(0, limit));
}

/** The whole view (less what only the command knows: the community and what the reader may do). */
export function computeInsights(data: InsightsData, options: InsightsOptions): Omit<InsightsView, "communityId" | "can"> {
  const minimum = options.minimum ?? SMALL_GROUP_MINIMUM;
  const months = monthRanges(options.from, options.to, options.zone);
  const start = months[0]!.start;
  const end = months.at(-1)!.end;
  const active = activeMembers(data, months);
  const point = (month: string, c: Counted): MonthPoint => ({ month, ...guarded(c, minimum) });

  const attendance: SessionAttendance[] = heldSessions(data.sessions, start, end, options.now)
    .slice(-(options.attendanceLimit ?? 12))
    .map((s) => {
      const a = attendanceOf(s, data.rsvps, data.checkIns);
      return { sessionId: s.id, title: s.title, startsAt: s.startsAt, going: guarded(a.going, minimum), checkIns: guarded(a.checkIns, minimum) };
    });

  const departments = new Map(data.members.map((m) => [m.userId, m.department]));
  const crossDepartmentPairs: RoundPairs[] = data.rounds
    .filter((r) => r.status === "published" && r.publishedAt && inRange(r.publishedAt, start, end))
    .sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!))
    .map((r) => {
      const pairs = roundPairs(r, departments);
      return { roundId: r.id, publishedAt: r.publishedAt!, crossDepartmentGroups: guarded(pairs.crossDepartmentGroups, minimum), crossDepartmentShare: guarded(pairs.crossDepartmentShare, minimum) };
    });

  const outcomes = pilotOutcomes(data.pilots, start, end);
  const names = new Map(data.members.map((m) => [m.userId, m.displayName]));
  return {
    from: months[0]!.month,
    to: months.at(-1)!.month,
    minimumGroup: minimum,
    activeMembers: months.map((m) => point(m.month, active.get(m.month)!)),
    attendance,
    checkInRate: months.map((m) => point(m.month, checkInRate(data, m, options.now))),
    artifactsPerMonth: months.map((m) => point(m.month, artifactsAdded(data.artifacts, m))),
    practicesPerStage: practicesPerStage(data.practices, months, options.now),
    crossDepartmentPairs,
    pilotReports: { worked: guarded(outcomes.worked, minimum), mixed: guarded(outcomes.mixed, minimum), didNotWork: guarded(outcomes.didNotWork, minimum), reporters: guarded(outcomes.reporters, minimum) },
    stories: storiesOf(data, names, start, end, options.storyLimit ?? 6, options.artifactLink),
  };
}

// ── The quarterly export ─────────────────────────────────────────────────────

/** What a suppressed number says instead, in every export and on the card. */
export const suppressedText = (minimum: number = SMALL_GROUP_MINIMUM) => `fewer than ${minimum} people`;

const percent = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Text people wrote, made inert for Markdown: punctuation that could start emphasis, code,
 * links, HTML or a table cell is backslash-escaped, and a line that would open a heading,
 * quote, list or rule is escaped at its start.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\\`*_[\]<>|~&!{}()#]/g, (c) => `\\${c}`)
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s+/, "")
        .replace(/^([-+=])/, "\\$1")
        .replace(/^(\d+)([.)])/, "$1\\$2"),
    )
    .join("\n");
}

/** One table cell: escaped, on one line. */
const cell = (text: string) => escapeMarkdown(text).replace(/\n+/g, " ").trim();

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const localDay = (at: string, zone: string) => DateTime.fromISO(at, { zone }).setLocale("en-GB").toFormat("ccc d LLL yyyy");

/** The quarterly review as Markdown: a heading and a table per metric, then the stories as quotes. */
export function insightsMarkdown(view: InsightsView, quarterLabel: string, communityName: string, zone = "UTC"): string {
  const hidden = `${suppressedText(view.minimumGroup)} — not shown`;
  const num = (g: Guarded, format: (v: number) => string = String) => (g.suppressed || g.value === null ? hidden : format(g.value));
  const out: string[] = [
    `# ${cell(communityName)}: quarterly review ${cell(quarterLabel)}`,
    `From ${view.from} to ${view.to}. To protect individuals, any number that fewer than ${view.minimumGroup} people stand behind is not shown.`,
  ];
  const section = (title: string, body: string) => out.push(`## ${title}`, body);

  section("Active members", table(["Month", "Active members"], view.activeMembers.map((p) => [p.month, num(p)])));
  section(
    "Attendance per session",
    view.attendance.length ? table(["Session", "Date", "Going", "Checked in"], view.attendance.map((a) => [cell(a.title), localDay(a.startsAt, zone), num(a.going), num(a.checkIns)])) : "No sessions were held in this period.",
  );
  section("Check-in rate", table(["Month", "Check-ins per member per session"], view.checkInRate.map((p) => [p.month, num(p, percent)])));
  section("Library items added", table(["Month", "Items added"], view.artifactsPerMonth.map((p) => [p.month, num(p)])));
  section(
    "Practices per stage",
    table(["Month", ...PRACTICE_STAGES.map((s) => PRACTICE_STAGE_LABELS[s])], view.practicesPerStage.map((p) => [p.month, ...PRACTICE_STAGES.map((s) => String(p[s]))])),
  );
  section(
    "Cross-department buddy groups",
    view.crossDepartmentPairs.length
      ? table(["Round published", "Groups spanning departments", "Share of groups"], view.crossDepartmentPairs.map((r) => [localDay(r.publishedAt, zone), num(r.crossDepartmentGroups), num(r.crossDepartmentShare, percent)]))
      : "No buddy round was published in this period.",
  );
  const pr = view.pilotReports;
  section(
    "Pilot reports",
    table(
      ["Outcome", "Reports"],
      [
        [PILOT_OUTCOME_LABELS.worked, num(pr.worked)],
        [PILOT_OUTCOME_LABELS.mixed, num(pr.mixed)],
        [PILOT_OUTCOME_LABELS["did-not-work"], num(pr.didNotWork)],
        ["Managers who reported", num(pr.reporters)],
      ],
    ),
  );
  const stories = view.stories.map((s) => {
    // Each line its own paragraph inside the quote, so line breaks survive rendering.
    const quote = escapeMarkdown(s.text)
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `> ${l}`)
      .join("\n>\n");
    const link = s.link && /^https?:\/\/[^\s<>]+$/.test(s.link) ? ` · [Open in the library](<${s.link}>)` : "";
    return [`### ${cell(s.title)}`, quote || "> …", `— ${cell(s.authorName)}, ${s.kind === "case" ? "case" : "reflection"}, ${localDay(s.at, zone)}${link}`].join("\n\n");
  });
  section("Stories", stories.length ? stories.join("\n\n") : "No named reflections or cases were shared with the whole community in this period.");
  return `${out.join("\n\n")}\n`;
}

/** One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with an apostrophe instead. */
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export const CSV_HEADER = ["section", "period", "label", "value", "note"] as const;

/**
 * The quarterly review as CSV (RFC 4180, CRLF, a header row): one row per metric point,
 * then one per story. A suppressed number has an empty value and says why in the note.
 */
export function insightsCsv(view: InsightsView, zone = "UTC"): string {
  const hidden = suppressedText(view.minimumGroup);
  const rows: string[][] = [[...CSV_HEADER]];
  const add = (section: string, period: string, label: string, g: Guarded | number, note = "") => {
    if (typeof g === "number") rows.push([section, period, inert(label), String(g), inert(note)]);
    else rows.push([section, period, inert(label), g.suppressed || g.value === null ? "" : String(g.value), g.suppressed ? hidden : inert(note)]);
  };
  for (const p of view.activeMembers) add("Active members", p.month, "Active members", p);
  for (const a of view.attendance) {
    add("Going to sessions", localDate(new Date(a.startsAt), zone), a.title, a.going);
    add("Checked in at sessions", localDate(new Date(a.startsAt), zone), a.title, a.checkIns);
  }
  for (const p of view.checkInRate) add("Check-in rate", p.month, "Check-ins per member per session (0-1)", p);
  for (const p of view.artifactsPerMonth) add("Library items added", p.month, "Items added", p);
  for (const p of view.practicesPerStage) for (const s of PRACTICE_STAGES) add("Practices per stage", p.month, PRACTICE_STAGE_LABELS[s], p[s]);
  for (const r of view.crossDepartmentPairs) {
    add("Cross-department buddy groups", localDate(new Date(r.publishedAt), zone), "Groups spanning departments", r.crossDepartmentGroups);
    add("Cross-department buddy groups", localDate(new Date(r.publishedAt), zone), "Share of groups (0-1)", r.crossDepartmentShare);
  }
  const period = `${view.from} to ${view.to}`;
  const pr = view.pilotReports;
  add("Pilot reports", period, PILOT_OUTCOME_LABELS.worked, pr.worked);
  add("Pilot reports", period, PILOT_OUTCOME_LABELS.mixed, pr.mixed);
  add("Pilot reports", period, PILOT_OUTCOME_LABELS["did-not-work"], pr.didNotWork);
  add("Pilot reports", period, "Managers who reported", pr.reporters);
  for (const s of view.stories) rows.push(["Story", localDate(new Date(s.at), zone), inert(`${s.title} (${s.kind}, ${s.authorName})`), "", inert(s.text)]);
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
