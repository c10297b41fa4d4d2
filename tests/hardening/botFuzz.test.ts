/**
 * Bad input everywhere, for the bot: property-based tests (fast-check) that post more than
 * 10,000 generated Teams-shaped activities to /api/messages of the real server (local mode,
 * unsigned activities on loopback, the demo community seeded on the embedded store, replies
 * going to the recording stand-in connector), one at a time over real HTTP.
 *
 * Every activity, whatever it is: never a 5xx, never a failed turn or invoke in the logs,
 * never an unhandled rejection. Every invoke gets the answer Teams expects for its kind, and
 * every refusal is a sentence that says what to fix. Every message gets one card back; one
 * that is not understood gets the hint. Inputs that must be refused write nothing (a write
 * recorder on the store's containers, and a full dump of every container before and after
 * each class); hostile-but-valid text that is accepted is stored in a document that parses,
 * exactly as sent (trimmed, as the contracts say).
 *
 * The only writes a refused input could legitimately make are install records
 * (conversation references); none of the refused classes send install events, so for them
 * nothing at all may change. The install class is checked separately.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import pino from "pino";
import { createArtifact } from "../../bot/src/commands/artifactCreator";
import { shareCase } from "../../bot/src/commands/caseSharer";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE, DEMO_TEAM_ID, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { requestSwap } from "../../bot/src/commands/rota";
import { nextSession } from "../../bot/src/commands/sessionReader";
import { loadConfig } from "../../bot/src/config";
import { ArtifactContent, ErrorBody, Id, Job, Member, PILOT_OUTCOMES, RSVP_ANSWERS } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { startServer, type RunningServer } from "../../bot/src/main";
import { type Identity } from "../../bot/src/policies";
import { CATALOGUE, type ContainerName } from "../../bot/src/store/catalogue";
import { type EntityCollection } from "../../bot/src/store/repositories/communityDocs";
import { hintCard } from "../../bot/src/teams/cards";
import { VERBS } from "../../bot/src/teams/cards/verbs";
import { CARD_ACTIONS, EXTENSION_COMMANDS, INVOKE_ROUTES, TEXT_COMMANDS } from "../../bot/src/teams/routes";
import { startRecordingConnector, type RecordedActivity, type RecordingConnector } from "../support/connector";
import { BOT, invoke, message, messagePayload, type Where } from "../teams/activities";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated activities and Teams' answers are loosely typed JSON
type Json = any;

const C = DEMO_COMMUNITY_ID;
const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
const CARD_TYPES = { card: ADAPTIVE, message: "application/vnd.microsoft.activity.message", error: "application/vnd.microsoft.error" };

/**
 * How many activities each class posts. The total is checked (≥ 10,000) at the end. Sized so
 * the file runs in about a minute and a half on a quiet 2-core machine.
 */
const RUNS = {
  cardActionRefused: 2800,
  cardActionAccepted: 600,
  extensionReadOnly: 2000,
  shareCaseRefused: 800,
  shareCaseAccepted: 200,
  unknownInvoke: 400,
  message: 2300,
  envelope: 700,
  install: 300,
};
type ClassName = keyof typeof RUNS;
const posted: Record<ClassName, number> = Object.fromEntries(Object.keys(RUNS).map((k) => [k, 0])) as Record<ClassName, number>;

// ---------------------------------------------------------------------------------------
// People and places
// ---------------------------------------------------------------------------------------

interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}
function demoPerson(short: string): Person {
  const p = DEMO_PEOPLE.find((d) => d.userId === `aad-user-${short}`);
  if (!p) throw new Error(`no demo person ${short}`);
  return Object.freeze({ id: `29:${short}`, name: p.displayName, aadObjectId: p.userId });
}
const AMARA = demoPerson("amara");
const JONAS = demoPerson("jonas");
const PRIYA = demoPerson("priya");
const DIEGO = demoPerson("diego");
const MEI = demoPerson("mei");
const SAM = demoPerson("sam");
const FATIMA = demoPerson("fatima");
const AIKO = demoPerson("aiko");
const GRACE = demoPerson("grace"); // the sponsor: reads, never takes part
const STRANGER: Person = Object.freeze({ id: "29:stranger", name: "Sam Stranger", aadObjectId: "aad-user-stranger" });
/** Everyone in the harbour circle, who all take part in the demo's sessions. */
const HARBOUR = [AMARA, JONAS, PRIYA, DIEGO, MEI, SAM];
const PEOPLE = [...HARBOUR, FATIMA, AIKO, demoPerson("noah"), demoPerson("lucas"), demoPerson("olivia")];
const byUserId = (userId: string) => [...PEOPLE, GRACE].find((p) => p.aadObjectId === userId);
const who = (p: Person): Identity => ({ tenantId: DEMO_TENANT_ID, userId: p.aadObjectId, displayName: p.name });

/** Where an activity comes from: the demo's chats and team, with odd variations Teams never meant. */
interface Placement {
  scope: "personal" | "groupChat" | "team";
  /** Replaces conversation.conversationType; null removes it. */
  conversationType?: string | null;
  conversationId?: string;
  /** "none" removes the team; any other string is another team's id. */
  team?: string;
}

function whereOf(p: Placement, serviceUrl: string, person: Person): Where {
  if (p.scope === "personal") return { serviceUrl, scope: "personal", conversationId: `a:personal-${person.aadObjectId}`, tenantId: DEMO_TENANT_ID };
  if (p.scope === "groupChat") return { serviceUrl, scope: "groupChat", conversationId: "19:group-chat-1@thread.v2", tenantId: DEMO_TENANT_ID };
  return { serviceUrl, scope: "team", conversationId: DEMO_TEAM_ID, team: { id: DEMO_TEAM_ID, name: "Harbour Managers" }, tenantId: DEMO_TENANT_ID };
}

function place(activity: Json, p: Placement): Json {
  if (p.conversationId !== undefined) activity.conversation.id = p.conversationId;
  if (p.conversationType === null) delete activity.conversation.conversationType;
  else if (p.conversationType !== undefined) activity.conversation.conversationType = p.conversationType;
  if (p.team === "none") delete activity.channelData.team;
  else if (p.team !== undefined) activity.channelData.team = { id: p.team, name: "Another team" };
  return activity;
}

// ---------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------

/** Text that has broken someone's parser, renderer, query or log before. */
const SNIPPETS = [
  "<script>alert('x')</script>",
  "<img src=x onerror=alert(1)>",
  "<at>Practice Circles</at>",
  "</at><at id=\"0\">",
  "**bold** _italic_ ~~strike~~ `code`",
  "[click me](javascript:alert(1))",
  "![pixel](http://127.0.0.1:1/p.png)",
  "# Heading\n- item\n> quote\n\n---",
  "```\nrm -rf /\n```",
  "${7*7} {{7*7}} #{7*7} <%= 7*7 %>",
  "{{DATE(2026-11-24T09:00:00Z, SHORT)}}",
  "\u202eevil\u202c reversed",
  "\u200b\u200c\u200d\u2060\ufeff",
  "\u200f\u200e\u061c",
  "مرحبا بكم في الدائرة",
  "שלום עולם",
  "日本語のテキスト、絵文字",
  "👩🏽‍💻🏳️‍🌈🇬🇧👍🏿",
  "Z̤͔ͧ̑̓ä͢͞l̡g̷o",
  "\u0000\u0001\u0007\u001b[31mred\u001b[0m",
  "\r\n\t\v\f",
  "' OR '1'='1' --",
  "\"; DROP TABLE c; --",
  "SELECT * FROM c WHERE 1=1",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../../etc/passwd",
  "%00%2e%2e%2f%u202e",
  "&nbsp;&amp;&lt;&gt;&#0;&#x110000;&bogus;",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e309",
  "true",
  "\ud800",
  "\udfff\ud800x",
  "a\u0301\u0301\u0301\u0301",
  "\u00a0\u2028\u2029\u3000",
  " ",
  "",
];

/** Any hostile string of at most `max` UTF-16 units. */
const hostileString = (max = 60): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SNIPPETS) },
      { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: Math.min(max, 40) }) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: Math.min(max, 40) }) },
      { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: "grapheme-ascii", maxLength: 12 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(" ")) },
    )
    .map((s) => s.slice(0, max));

/** An object whose keys are the ones that pollute prototypes when code merges carelessly. */
const PROTO_BOMB: Json = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x"}');

/** Any JSON value, the prototype bomb and a few values that break naive code. */
const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(PROTO_BOMB, [], {}, null, true, false, 0, -1, 1e308, -1e308, 0.5, "", [null], [[[]]], { length: 1e9 }) },
  { weight: 1, arbitrary: hostileString(80) },
);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** JSON that is not an object: what a record-shaped field must refuse. */
const nonObjectJson = hostileJson.filter((v) => !isPlainObject(v));

/** A text at least `over` characters long after trimming, counted in code points (as zod does) and so in UTF-16 units too. */
const overlong = (over: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: over, max: over + 40 }), fc.constantFrom("x", "é", "👩🏽‍💻", "\u200b", "<b>", "ab ")).map(([n, unit]) => `${unit.repeat(Math.ceil(n / [...unit].length) + 1)}z`);

/** Hostile text that a field of `max` characters must accept: 1..max characters after trimming. */
const hostileValidText = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 5, arbitrary: hostileString(Math.min(max, 120)) },
      { weight: 1, arbitrary: fc.tuple(hostileString(30), fc.integer({ min: 0, max })).map(([s, n]) => `${s}${"é👩🏽‍💻x".repeat(Math.ceil(n / 8))}`.slice(0, max)) },
    )
    .map((s) => (s.trim() ? s : `${s}text`))
    .filter((s) => s.trim().length > 0 && s.trim().length <= max);

/** An id that reads as one (letters, digits and dashes) but names nothing. */
const unknownId = fc.stringMatching(/^[a-z0-9]{1,16}$/).map((s) => `zz-fuzz-${s}`);

/** Anything but the real id: unknown ids, hostile strings, other types, too long, or left out. */
const badId = (real: string): fc.Arbitrary<Json> =>
  fc.oneof(
    unknownId,
    hostileString(80).filter((s) => s.trim() !== real),
    nonObjectJson.filter((v) => typeof v !== "string"),
    fc.constant(PROTO_BOMB),
    fc.constant(`${real}-${"x".repeat(220)}`),
    fc.constant(real.toUpperCase() === real ? `${real}x` : real.toUpperCase()),
    fc.constant(undefined),
  );

// ---------------------------------------------------------------------------------------
// Who is acting: a valid person, or a defect in who they are
// ---------------------------------------------------------------------------------------

type IdentityDefect =
  | { kind: "noAad" }
  | { kind: "noFrom" }
  | { kind: "hostileAad"; value: string }
  | { kind: "lookalike"; value: string }
  | { kind: "noTenant" }
  | { kind: "otherTenant"; value: string }
  | { kind: "hostileTenant"; value: string }
  | { kind: "stranger" }
  | { kind: "sponsor" };

const identityDefect: fc.Arbitrary<IdentityDefect> = fc.oneof(
  fc.constant({ kind: "noAad" as const }),
  fc.constant({ kind: "noFrom" as const }),
  hostileString(220).filter((v) => !PEOPLE.some((p) => p.aadObjectId === v)).map((value) => ({ kind: "hostileAad" as const, value })),
  fc.constantFrom(" aad-user-amara", "AAD-USER-AMARA", "aad-user-amara ", "aad-user-amara\u200b", "aad-user-amara.", "aad_user_amara").map((value) => ({ kind: "lookalike" as const, value })),
  fc.constant({ kind: "noTenant" as const }),
  fc.oneof(fc.uuid(), fc.constant("tenant-contoso")).map((value) => ({ kind: "otherTenant" as const, value })),
  hostileString(220).filter((v) => v.trim() !== DEMO_TENANT_ID).map((value) => ({ kind: "hostileTenant" as const, value })),
  fc.constant({ kind: "stranger" as const }),
  fc.constant({ kind: "sponsor" as const }),
);

/** The person an activity is from: the valid actor, or the one the defect names. */
const fromPerson = (defect: IdentityDefect | undefined, actor: Person): Person => (defect?.kind === "stranger" ? STRANGER : defect?.kind === "sponsor" ? GRACE : actor);

function applyIdentity(activity: Json, defect: IdentityDefect | undefined): Json {
  if (!defect) return activity;
  activity.from = { ...activity.from };
  switch (defect.kind) {
    case "noAad":
      delete activity.from.aadObjectId;
      break;
    case "noFrom":
      delete activity.from;
      break;
    case "hostileAad":
    case "lookalike":
      activity.from.aadObjectId = defect.value;
      break;
    case "noTenant":
      delete activity.channelData.tenant;
      delete activity.conversation.tenantId;
      break;
    case "otherTenant":
    case "hostileTenant":
      activity.channelData.tenant = { id: defect.value };
      activity.conversation.tenantId = defect.value;
      break;
  }
  return activity;
}

/** Where: mostly the usual places, sometimes odd conversation types, ids and teams. */
const placement: fc.Arbitrary<Placement> = fc.record({
  scope: fc.constantFrom("personal" as const, "groupChat" as const, "team" as const),
  conversationType: fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom("meeting", "", "CHANNEL", "bot", "personal ", "groupchat"), hostileString(64)) },
  ),
  conversationId: fc.oneof(
    { weight: 16, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom("19:meeting_abc@thread.v2", "19:demo-harbour-managers@thread.tacv2;messageid=1700000000000", "a:1Xy-_.~!*'()", "conv with spaces", "%2F..%2F", "a/../b", "?x=1#y") },
    { weight: 2, arbitrary: fc.stringMatching(/^[\x20-\x7e]{1,200}$/) },
    // Ids no Teams conversation has (and no reply could reach): refused before anything else.
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom("über-chat", ".", ".."), hostileString(200).filter((s) => s.length > 0)) },
  ),
  team: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant("none") }, { weight: 1, arbitrary: fc.oneof(fc.constant("19:other-team@thread.tacv2"), hostileString(300)) }),
});

/** A valid person's display name: usually theirs, sometimes hostile (Teams lets people choose). */
const displayName = (p: Person) => fc.oneof({ weight: 4, arbitrary: fc.constant(p.name) }, { weight: 1, arbitrary: hostileString(300) });

// ---------------------------------------------------------------------------------------
// The server, the store, and what each activity did
// ---------------------------------------------------------------------------------------

let server: RunningServer;
let connector: RecordingConnector;
let dataDir: string;
const clock = new ManualClock("2026-11-20T09:00:00Z");
/** Everything the server logged at warn and above, one JSON line each. */
const logLines: string[] = [];
/** Every write to any container, in order: container, operation, partition and id. */
const writes: { container: ContainerName; op: string; partition: string; id: string }[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
/**
 * Events that mean a turn or an invoke failed on our side: never acceptable for any input.
 * An invoke past its deadline (4 s, where Teams gets "still working") counts too: a normal
 * one takes milliseconds, so only input that stalls the bot gets there.
 */
const FAILURE_EVENTS = ["invoke_failed", "invoke_failed_late", "bot_turn_failed", "bot_request_failed", "bot_apology_failed", "share_case_failed", "invoke_deadline"];
/** Every distinct refusal sentence, to print once at the end (and to read). */
const refusals = new Map<string, number>();

interface Fixtures {
  next: { id: string };
  second: { id: string };
  third: { id: string };
  past: { id: string };
  swap: { id: string; to: Person };
  willing: Person[];
  pilot: { id: string; owner: Person; practiceId: string };
  artifact: { id: string; link: string };
  hostileLink: string;
}
let fx: Fixtures;

/** Parses a stored communities document by its kind, the way the repositories read it. */
let collections: Record<string, EntityCollection<object>>;

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUnhandled);
  dataDir = mkdtempSync(join(tmpdir(), "circles-botfuzz-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", API_RATE_LIMIT_PER_MINUTE: "1000000", API_AUTH_FAILURES_PER_MINUTE: "1000000" });
  const logger = pino({ level: "warn" }, { write: (line: string) => void logLines.push(line) });
  [server, connector] = await Promise.all([startServer(config, { clock, logger, scheduler: false }), startRecordingConnector()]);
  const { ctx } = server;
  const r = ctx.repos;
  collections = {
    community: r.communities,
    artifact: r.artifacts.collection,
    artifactVersion: r.artifacts.versions,
    series: r.series,
    session: r.rhythm.sessions,
    rsvp: r.rhythm.rsvps,
    checkIn: r.rhythm.checkIns,
    feedback: r.rhythm.feedback,
    followUp: r.rhythm.followUps,
    swap: r.rhythm.swaps,
    buddyRound: r.buddies.rounds,
    buddyReflection: r.buddies.reflections,
    peerCircle: r.buddies.circles,
    practice: r.practices.practices,
    pilot: r.practices.pilots,
    prompt: r.practices.prompts,
    promptPosting: r.practices.postings,
    promptAnswer: r.practices.answers,
    charterVersion: r.charter.versions,
    charterAck: r.charter.acknowledgements,
  } as Record<string, EntityCollection<object>>;

  // What valid card buttons point at: sessions ahead and behind, a pending swap, an active pilot, a shared case.
  const now = clock.now().getTime();
  const day = 24 * 60 * 60 * 1000;
  const next = await nextSession(ctx, who(AMARA), C);
  const ahead = (await r.rhythm.sessionsBetween(C, new Date(now).toISOString(), new Date(now + 120 * day).toISOString())).filter((s) => s.status === "scheduled");
  const behind = (await r.rhythm.sessionsBetween(C, new Date(now - 90 * day).toISOString(), new Date(now).toISOString(), { descending: true })).filter((s) => s.status !== "skipped");
  if (!next || ahead.length < 3 || !behind[0]) throw new Error("the demo community needs a session behind and three ahead");
  const second = ahead.find((s) => s.id !== next.id)!;
  const third = ahead.find((s) => s.id !== next.id && s.id !== second.id)!;
  const members = await r.members.list(C);
  const willing = HARBOUR.filter((p) => members.find((m) => m.userId === p.aadObjectId)?.preferences.willingToFacilitate);
  let swap: Fixtures["swap"] | undefined;
  for (const to of willing) {
    try {
      const { swap: made } = await requestSwap(ctx, who(AMARA), C, second.id, { toUserId: to.aadObjectId });
      swap = { id: made.id, to };
      break;
    } catch {
      // That person facilitates it already: ask the next one.
    }
  }
  if (!swap) throw new Error("could not set up a pending swap");
  const pilots = await server.store.container("communities").queryAll<Json>(C, { query: "SELECT * FROM c WHERE c.type = 'pilot' AND c.status = 'active'" });
  const pilotDoc = pilots.find((p) => byUserId(p.userId) && byUserId(p.userId) !== GRACE);
  if (!pilotDoc) throw new Error("the demo community has no active pilot");
  const shared = await shareCase(ctx, who(AMARA), { communityId: C, title: "A case to preview", situation: "Two leads disagree in public.", question: "How do I reset the tone?", visibility: "community" });
  // A library item whose Markdown body is hostile (written through the API in real life): a pasted link to it unfurls into its excerpt.
  const hostile = await createArtifact(ctx, who(AMARA), C, ArtifactContent.parse({ title: "Hostile Markdown", body: "![".repeat(25_000), fields: { type: "template" }, visibility: "community" }));
  fx = {
    next: { id: next.id },
    second: { id: second.id },
    third: { id: third.id },
    past: { id: behind[0].id },
    swap,
    willing,
    pilot: { id: pilotDoc.id, owner: byUserId(pilotDoc.userId)!, practiceId: pilotDoc.practiceId },
    artifact: { id: shared.id, link: ctx.links.artifact(C, shared.id) },
    hostileLink: ctx.links.artifact(C, hostile.id),
  };

  // Record every write (the calls go through unchanged): a refused input must make none.
  for (const name of Object.keys(CATALOGUE) as ContainerName[]) {
    const container = server.store.container(name) as unknown as Record<string, (...args: Json[]) => Promise<unknown>>;
    const field = CATALOGUE[name].partitionKey.slice(1);
    const keyOf = (doc: Json) => ({ partition: String(doc?.[field]), id: String(doc?.id) });
    const record = (op: string, keys: { partition: string; id: string }[]) => keys.forEach((k) => writes.push({ container: name, op, ...k }));
    const wrap = (op: string, keysOf: (...args: Json[]) => { partition: string; id: string }[]) => {
      const original = container[op]!.bind(container);
      container[op] = (...args: Json[]) => {
        record(op, keysOf(...args));
        return original(...args);
      };
    };
    wrap("create", (doc) => [keyOf(doc)]);
    wrap("replace", (doc) => [keyOf(doc)]);
    wrap("upsert", (doc) => [keyOf(doc)]);
    wrap("increment", (partition, id) => [{ partition: String(partition), id: String(id) }]);
    wrap("delete", (partition, id) => [{ partition: String(partition), id: String(id) }]);
    wrap("createAll", (_partition, docs: Json[]) => docs.map(keyOf));
  }
}, 120_000);

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUnhandled);
  await server?.close();
  await connector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: Json;
}

interface Sent {
  answer: Answer;
  writes: typeof writes;
  replies: RecordedActivity[];
}

class Violation extends Error {}
function check(ok: unknown, problem: string, detail?: unknown): asserts ok {
  if (!ok) throw new Violation(`${problem}${detail === undefined ? "" : `\n${JSON.stringify(detail, null, 1)?.slice(0, 3000)}`}`);
}

/**
 * Posts one body to /api/messages and checks what every activity must satisfy: no 5xx,
 * no failure logged, and (unless `mayWrite`) no write to the store.
 */
async function send(cls: ClassName, body: unknown, options: { raw?: string; contentType?: string; mayWrite?: boolean } = {}): Promise<Sent> {
  const logStart = logLines.length;
  const writeStart = writes.length;
  connector.reset();
  const res = await fetch(`${server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": options.contentType ?? "application/json" },
    body: options.raw ?? (body === undefined ? "" : JSON.stringify(body)),
  });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = undefined;
  }
  posted[cls]++;
  const answer: Answer = { status: res.status, contentType: res.headers.get("content-type") ?? "", text, body: parsed };
  const newLogs = logLines.slice(logStart);
  const made = writes.slice(writeStart);
  check(answer.status < 500, `/api/messages answered ${answer.status}`, answer.text.slice(0, 1000));
  const failures = newLogs.filter((line) => /"level":(50|60)/.test(line) || FAILURE_EVENTS.some((e) => line.includes(`"event":"${e}"`)));
  check(failures.length === 0, "the server logged a failure", failures.map((l) => l.slice(0, 1500)));
  check(unhandled.length === 0, "an unhandled rejection or exception", String(unhandled[0]));
  if (!options.mayWrite) check(made.length === 0, "an input that must be refused wrote to the store", made);
  return { answer, writes: made, replies: [...connector.activities] };
}

// ---------------------------------------------------------------------------------------
// What a good answer looks like
// ---------------------------------------------------------------------------------------

/** A refusal or notice people read: a sentence, not empty, not a dump, no leaked internals. */
function checkSentence(text: unknown, where: string): void {
  check(typeof text === "string", `${where}: not a string`, text);
  const s = (text as string).trim();
  refusals.set(s, (refusals.get(s) ?? 0) + 1);
  check(s.length >= 12 && s.length <= 2000, `${where}: not a sentence (length ${s.length})`, s);
  check(/^[A-Z"“‘'(]|^[a-z]+[A-Za-z]*\/[A-Za-z]+|^value\./.test(s), `${where}: does not start like a sentence`, s);
  check((s.match(/[A-Za-z]{2,}/g) ?? []).length >= 4, `${where}: too few words`, s);
  check(!/^[[{]/.test(s) && !/"(code|path|expected|issues)":/.test(s), `${where}: a raw dump`, s);
  // What the sender wrote may be quoted back ("…"); the rest is ours and must not leak internals.
  const ours = s.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  check(!/\[object Object\]|\bundefined\b|\bNaN\b|ZodError|\n\s+at /.test(ours), `${where}: leaks internals`, s);
  check(/[.!?)"”’]$/.test(s), `${where}: does not end like a sentence`, s);
}

/** A refusal of bad input (4xx) must also say what to do about it. */
function checkSaysWhatToFix(text: string, where: string): void {
  check(
    /\b(must|missing|required|withdraw|is for|are for|aren't part of|is not|isn't|not one of|choose|ask|try|sign in|join|only|should|can't|cannot|no longer|doesn't|don't|check|send|start again|write|say|give|describe|open|use|leave)\b/i.test(text),
    `${where}: does not say what to fix`,
    text,
  );
}

function checkAdaptiveCard(card: Json, where: string): void {
  check(isPlainObject(card) && card.type === "AdaptiveCard" && typeof card.version === "string", `${where}: not an Adaptive Card`, card);
  check(Array.isArray(card.body) && card.body.length > 0, `${where}: an empty card`, card);
  check(JSON.stringify(card).length < 40_000, `${where}: a card over Teams' 40 KB limit`, JSON.stringify(card).length);
}

/** The API's error body, `{ error: { code, message } }`, with a sentence that says what to fix. */
function checkErrorBody(answer: Answer, where: string): void {
  const parsed = ErrorBody.safeParse(answer.body);
  check(parsed.success, `${where}: a ${answer.status} without the error body`, answer.text.slice(0, 500));
  check(answer.contentType.startsWith("application/json"), `${where}: not JSON`, answer.contentType);
  checkSentence(parsed.data!.error.message, `${where} (error.message)`);
  checkSaysWhatToFix(parsed.data!.error.message, `${where} (error.message)`);
}

/** A 4xx that never reached a handler: the envelope check, body parser or unknown route. */
const isRequestError = (answer: Answer) => answer.status >= 400 && answer.status < 500 && ErrorBody.safeParse(answer.body).success;

/** `adaptiveCard/action`: Teams' AdaptiveCardInvokeResponse, its statusCode being the HTTP status. */
function checkCardActionAnswer(answer: Answer): "card" | "message" | "error" | "request" {
  if (isRequestError(answer)) {
    checkErrorBody(answer, "card action refused before routing");
    return "request";
  }
  const body: Json = answer.body;
  check(isPlainObject(answer.body) && body.statusCode === answer.status, "a card action answer whose statusCode is not the HTTP status", { status: answer.status, body });
  switch (body.type) {
    case CARD_TYPES.card:
      check(answer.status === 200, "a card answer that is not 200", answer.status);
      checkAdaptiveCard(body.value, "card action answer");
      return "card";
    case CARD_TYPES.message:
      check(answer.status === 200, "a message answer that is not 200", answer.status);
      checkSentence(body.value, "card action message");
      check(!/something went wrong|taking longer than usual/i.test(body.value), "a card action answered with the fallback", body.value);
      // A message beside the card is a refusal: it says what to do, unless it reports that the thing is already done.
      if (!/\balready\b/.test(body.value)) checkSaysWhatToFix(body.value, "card action message");
      return "message";
    case CARD_TYPES.error:
      check(answer.status >= 400 && answer.status < 500, "an error answer that is not a 4xx", answer.status);
      check(typeof body.value?.code === "string" && body.value.code.length > 0, "an error answer without a code", body);
      checkSentence(body.value.message, "card action error");
      checkSaysWhatToFix(body.value.message, "card action error");
      return "error";
    default:
      throw new Violation(`a card action answer of unknown type: ${JSON.stringify(body)?.slice(0, 500)}`);
  }
}

function checkDialog(body: Json, where: string): void {
  const task = body?.task;
  check(task?.type === "continue", `${where}: not a task/continue dialog`, body);
  check(typeof task.value?.title === "string" && task.value.title.length > 0, `${where}: a dialog without a title`, task);
  check(task.value.card?.contentType === ADAPTIVE, `${where}: a dialog without an Adaptive Card`, task);
  checkAdaptiveCard(task.value.card.content, where);
}

function checkResults(body: Json, where: string): void {
  const ext = body?.composeExtension;
  check(ext?.type === "result" && ext.attachmentLayout === "list" && Array.isArray(ext.attachments), `${where}: not a result list`, body);
  for (const a of ext.attachments) {
    check(a.contentType === ADAPTIVE, `${where}: a result that is not an Adaptive Card`, a);
    checkAdaptiveCard(a.content, where);
    check(isPlainObject(a.preview) && typeof a.preview.contentType === "string", `${where}: a result without its preview`, a);
  }
}

type ExtensionInvoke = "composeExtension/query" | "composeExtension/fetchTask" | "composeExtension/submitAction" | "composeExtension/queryLink";

/** Messaging extension answers: the composeExtension or task result Teams waits for, or a 4xx with a sentence. */
function checkExtensionAnswer(name: ExtensionInvoke, answer: Answer, options: { preview?: "edit" | "send" } = {}): "error" | "ok" {
  if (answer.status >= 400) {
    check(answer.status < 500, `${name}: a 5xx`, answer.status);
    checkErrorBody(answer, name);
    return "error";
  }
  check(answer.status === 200, `${name}: answered ${answer.status}`, answer.text.slice(0, 300));
  const body = answer.body;
  switch (name) {
    case "composeExtension/fetchTask":
      checkDialog(body, name);
      break;
    case "composeExtension/submitAction":
      if (options.preview === "send" && body === null) break; // sent: Teams expects an empty 200
      if (body?.composeExtension) {
        check(options.preview === undefined && body.composeExtension.type === "botMessagePreview", `${name}: an unexpected composeExtension answer`, body);
        const preview = body.composeExtension.activityPreview;
        check(preview?.type === "message" && preview.attachments?.length === 1 && preview.attachments[0].contentType === ADAPTIVE, `${name}: a preview without its card`, body);
        checkAdaptiveCard(preview.attachments[0].content, name);
      } else checkDialog(body, name);
      break;
    case "composeExtension/query":
      if (body?.composeExtension?.type === "message") checkSentence(body.composeExtension.text, name);
      else checkResults(body, name);
      break;
    case "composeExtension/queryLink":
      checkResults(body, name);
      break;
  }
  return "ok";
}

// ---------------------------------------------------------------------------------------
// Store dumps: what a class changed, and whether it still parses
// ---------------------------------------------------------------------------------------

async function dump(): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const name of Object.keys(CATALOGUE) as ContainerName[]) {
    const field = CATALOGUE[name].partitionKey.slice(1);
    const docs = await server.store.container(name).queryAcrossPartitionsForAdmin<Record<string, unknown>>({ query: "SELECT * FROM c" });
    for (const d of docs) all.set(`${name}|${String(d[field])}|${String(d.id)}`, JSON.stringify(d));
  }
  return all;
}

function changes(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}

/** Null when the stored document reads back as its kind; else what is wrong. */
function storedProblem(container: ContainerName, doc: Json): string | null {
  if (!isPlainObject(doc)) return "not an object";
  if (container === "communities") {
    if (doc.type === "member") return Member.safeParse(doc).success ? null : `member ${String(doc.id)} does not parse`;
    // Raw index documents beside the entities: which answer a person gave to a posting, and an erasure's pseudonym.
    if (doc.type === "promptAnswerKey") return typeof doc.answerId === "string" && doc.answerId.length > 0 ? null : "a broken prompt answer key";
    if (doc.type === "erasure") return typeof doc.pseudonym === "string" ? null : "a broken erasure record";
    const collection = collections[String(doc.type)];
    if (!collection) return `a communities document of unknown kind ${String(doc.type)}`;
    return collection.fromDoc(doc) ? null : `${String(doc.type)} ${String(doc.id)} does not parse`;
  }
  if (container === "jobs") {
    if (doc.type === "job") return Job.safeParse(doc).success ? null : `job ${String(doc.id)} does not parse`;
    if (doc.type === "jobIndex") return typeof doc.jobBucket === "string" && typeof doc.dueAt === "string" ? null : "a broken job index";
    if (doc.type === "jobCursor") return typeof doc.earliest === "string" ? null : "a broken job cursor";
    return `a job document of unknown kind ${String(doc.type)}`;
  }
  return doc.id === doc.key && typeof doc.type === "string" && typeof doc.tenantId === "string" && doc.schemaVersion === 1 ? null : "a broken directory document";
}

/** Every document written during one activity still exists (unless deleted) and parses. */
async function checkWritten(made: typeof writes): Promise<Map<string, Json>> {
  const docs = new Map<string, Json>();
  const seen = new Set<string>();
  for (const w of made) {
    const key = `${w.container}|${w.partition}|${w.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = await server.store.container(w.container).read<Json>(w.partition, w.id);
    if (!found) {
      check(made.some((m) => m.op === "delete" && m.container === w.container && m.id === w.id), "a written document is missing", w);
      continue;
    }
    const problem = storedProblem(w.container, found.doc);
    check(problem === null, `a half-written document: ${problem}`, found.doc);
    docs.set(key, found.doc);
  }
  return docs;
}

/** Runs one class: the property over `runs` activities, with a full dump before and after. */
async function runClass<T>(cls: ClassName, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, options: { writes: "none" | "parse" } = { writes: "none" }): Promise<void> {
  const before = await dump();
  await fc.assert(fc.asyncProperty(arbitrary, predicate), {
    numRuns: RUNS[cls],
    // One failing activity is the answer (shrinking would replay hundreds over HTTP against a store that has moved on).
    endOnFailure: true,
    // Stop (and fail) before Jest's timeout, so a slow class never runs on in the background into the next.
    interruptAfterTimeLimit: 170_000,
    markInterruptAsFailure: true,
  });
  const after = await dump();
  const diff = changes(before, after);
  if (options.writes === "none") {
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
    return;
  }
  expect(diff.removed).toEqual([]);
  for (const key of [...diff.added, ...diff.changed]) {
    const [container] = key.split("|") as [ContainerName];
    const problem = storedProblem(container, JSON.parse(after.get(key)!));
    expect({ key, problem }).toEqual({ key, problem: null });
  }
}

// ---------------------------------------------------------------------------------------
// Card actions: one spec per verb
// ---------------------------------------------------------------------------------------

interface FieldSpec {
  valid: fc.Arbitrary<Json>;
  /** Values the verb's schema must refuse (never a value it reads as valid). */
  invalid?: fc.Arbitrary<Json>;
}
interface Case {
  actor: Person;
  ids: Record<string, string>;
}
interface VerbSpec {
  verb: string;
  /**
   * Ids the card carries that the command does not trust: it finds them itself (a buddy's
   * group is the one they are in). Only a value the schema refuses is a defect for these.
   */
  untrusted?: string[];
  /** Valid actors and what their buttons point at. */
  cases: Case[];
  fields: Record<string, FieldSpec>;
  /** The stored kind holding the free text, and the text fields kept in it (field → its stored key). */
  text?: { kind: string; fields: string[] };
}

const textField = (max: number): FieldSpec => ({
  valid: fc.oneof({ weight: 6, arbitrary: hostileValidText(max) }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, "", "   ", 42, true) }),
  invalid: fc.oneof(overlong(max + 1), fc.constant({}), fc.constant(["a"]), fc.constant(PROTO_BOMB)),
});
const enumField = (values: readonly string[], asText = false): FieldSpec => ({
  valid: fc.constantFrom(...values),
  invalid: fc.oneof(hostileString(40), hostileJson).filter((v) => !values.includes(v) && !(asText && (typeof v === "number" || typeof v === "boolean") && values.includes(String(v)))),
});
const scaleField = (required: boolean): FieldSpec => ({
  valid: fc.oneof(fc.constantFrom("1", "2", "3", "4", "5", " 4 "), fc.integer({ min: 1, max: 5 }), ...(required ? [] : [fc.constantFrom(undefined, null, "")])),
  invalid: fc.oneof(
    fc.constantFrom("0", "6", "10", "x", "3.5", "１", "-1", "1,2", "five", ...(required ? ["", "  "] : [])),
    fc.integer().filter((n) => n < 1 || n > 5),
    fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
    fc.constantFrom<Json>({}, [], true, PROTO_BOMB),
    ...(required ? [fc.constantFrom<Json>(undefined, null)] : []),
  ),
});
const toggleField: FieldSpec = {
  valid: fc.constantFrom<Json>(undefined, null, "true", "false", true, false),
  invalid: fc.constantFrom<Json>("yes", "TRUE", "1", "0", "on", "", " true", 1, 0, {}, [], PROTO_BOMB),
};
/** Fields a card only echoes back to show itself again: anything goes, nothing is refused. */
const echoField: FieldSpec = { valid: fc.oneof(fc.constant(undefined), hostileJson, hostileString(600)) };

function verbSpecs(): VerbSpec[] {
  const session = (p: Person, sessionId: string): Case => ({ actor: p, ids: { communityId: C, sessionId } });
  const sessionCases = (sessionId: string) => HARBOUR.map((p) => session(p, sessionId));
  return [
    { verb: VERBS.rsvp, cases: sessionCases(fx.next.id), fields: { answer: enumField(RSVP_ANSWERS), from: echoField, minutesBefore: echoField } },
    { verb: VERBS.checkInOpen, cases: sessionCases(fx.next.id), fields: {} },
    { verb: VERBS.checkInEdit, cases: sessionCases(fx.next.id), fields: {} },
    { verb: VERBS.checkInRefresh, cases: sessionCases(fx.next.id), fields: {} },
    {
      verb: VERBS.checkInSubmit,
      cases: sessionCases(fx.next.id),
      fields: { win: textField(500), challenge: textField(500), ask: textField(500), energy: scaleField(false), practice: textField(200), private: toggleField },
      text: { kind: "checkIn", fields: ["win", "challenge", "ask", "practice"] },
    },
    {
      verb: VERBS.feedbackSubmit,
      cases: sessionCases(fx.past.id),
      fields: { usefulness: scaleField(true), willTry: textField(300) },
      text: { kind: "feedback", fields: ["willTry"] },
    },
    {
      verb: VERBS.followUpDone,
      cases: [
        { actor: PRIYA, ids: { communityId: C, followUpId: "fup-demo-1" } },
        { actor: DIEGO, ids: { communityId: C, followUpId: "fup-demo-2" } },
      ],
      fields: { view: echoField },
    },
    { verb: VERBS.swapRequest, cases: [{ actor: AMARA, ids: { communityId: C, sessionId: fx.second.id, toUserId: fx.willing.at(-1)!.aadObjectId } }], fields: {} },
    { verb: VERBS.swapDecide, cases: [{ actor: fx.swap.to, ids: { communityId: C, swapId: fx.swap.id } }], fields: { decision: enumField(["accept", "decline", "withdraw"]) } },
    { verb: VERBS.sessionSkip, cases: [{ actor: AMARA, ids: { communityId: C, sessionId: fx.third.id } }], fields: {} },
    {
      verb: VERBS.buddyReflect,
      untrusted: ["groupId"],
      cases: [
        { actor: AMARA, ids: { communityId: C, roundId: "rnd-demo-1", groupId: "grp-1" } },
        { actor: AIKO, ids: { communityId: C, roundId: "rnd-demo-1", groupId: "grp-1" } },
      ],
      fields: {
        kind: enumField(["mid", "closing"]),
        stepsDone: {
          valid: fc.constantFrom<Json>(undefined, null, "", "observe", "observe,give feedback", " Observe , GIVE FEEDBACK ,try one adjustment", ["observe"], [], ["give feedback", "observe", "observe"]),
          invalid: fc.constantFrom<Json>("dance", "observe,dance", "observe;give feedback", Array(11).fill("observe"), {}, [{}], 5, PROTO_BOMB),
        },
        text: textField(1000),
        practiceId: { valid: fc.constantFrom(undefined, "", "none", " None "), invalid: fc.oneof(unknownId, hostileString(40).filter((s) => !["", "none"].includes(s.trim().toLowerCase()))) },
      },
      text: { kind: "buddyReflection", fields: ["text"] },
    },
    {
      verb: VERBS.promptRespond,
      // pst-demo-1 is a weekly question (one answer); pst-demo-2 is reflective (what happened, intended, learned).
      cases: [...HARBOUR, FATIMA, AIKO].flatMap((p) => [
        { actor: p, ids: { communityId: C, postingId: "pst-demo-1" } },
        { actor: p, ids: { communityId: C, postingId: "pst-demo-2" } },
      ]),
      fields: {
        answer: textField(2000),
        happened: textField(2000),
        intended: textField(1000),
        learned: textField(2000),
        anonymous: toggleField,
        promptKind: echoField,
        text: echoField,
        value: echoField,
        communityName: echoField,
      },
      text: { kind: "promptAnswer", fields: ["answer", "happened", "intended", "learned"] },
    },
    {
      verb: VERBS.pilotReport,
      cases: [{ actor: fx.pilot.owner, ids: { communityId: C, pilotId: fx.pilot.id } }],
      fields: {
        outcome: enumField(PILOT_OUTCOMES, true),
        whatChanged: textField(1000),
        signal: textField(500),
        stillUsing: toggleField,
        practiceId: echoField,
        practiceName: echoField,
        communityName: echoField,
        commitment: echoField,
        startOn: echoField,
        checkBackOn: echoField,
      },
      text: { kind: "pilot", fields: ["whatChanged", "signal"] },
    },
  ];
}

/** The valid values of a spec's fields, one arbitrary record. */
const validFields = (spec: VerbSpec): fc.Arbitrary<Record<string, Json>> => fc.record(Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, f.valid])));

/** Extra keys a tampered card adds to its data: never read, never stored. */
const junk: fc.Arbitrary<Record<string, Json>> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant({ ...PROTO_BOMB }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 10 }).map((k) => `x-${k}`), hostileJson, { maxKeys: 3 }) },
);

/** A value-level defect: what Teams (or a tampered client) put around the action. */
type ShapeDefect =
  | { shape: "value"; value: Json }
  | { shape: "action"; action: Json }
  | { shape: "verb"; verb: Json }
  | { shape: "data"; data: Json }
  | { shape: "actionType"; type: Json }
  | { shape: "trigger"; trigger: Json }
  | { shape: "unknownVerb"; verb: string };

const unknownVerb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom("RSVP", "Rsvp", " rsvp", "rsvp ", "checkin", "checkin.opened", "feedback", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prompt.respond\u200b", "pilot.REPORT", "rsvp".repeat(30)),
    hostileString(120).filter((v) => v.trim().length > 0),
  )
  .filter((v) => !Object.hasOwn(CARD_ACTIONS, v));

const shapeDefect: fc.Arbitrary<ShapeDefect> = fc.oneof(
  fc.oneof(fc.constant(undefined), nonObjectJson, fc.constant({})).map((value) => ({ shape: "value" as const, value })),
  fc.oneof(fc.constant(null), nonObjectJson).map((action) => ({ shape: "action" as const, action })),
  fc.oneof(fc.constant(undefined), fc.constantFrom("", "   "), nonObjectJson.filter((v) => typeof v !== "string")).map((verb) => ({ shape: "verb" as const, verb })),
  fc.oneof(fc.constant(null), nonObjectJson).map((data) => ({ shape: "data" as const, data })),
  fc.oneof(fc.constant(42), fc.constant({}), fc.constant("Action.Execute".repeat(5))).map((type) => ({ shape: "actionType" as const, type })),
  fc.oneof(hostileString(30), nonObjectJson).filter((t) => t !== "manual" && t !== "automatic" && t !== null).map((trigger) => ({ shape: "trigger" as const, trigger })),
  unknownVerb.map((verb) => ({ shape: "unknownVerb" as const, verb })),
);

/** The invoke value: the action as Teams sends it, or broken by one shape defect. */
function cardValue(verb: string, data: Json, defect: ShapeDefect | undefined, trigger: "manual" | "automatic" = "manual"): Json {
  const action: Json = { type: "Action.Execute", id: "", verb, data };
  if (!defect) return { action, trigger };
  switch (defect.shape) {
    case "value":
      return defect.value;
    case "action":
      return { action: defect.action, trigger };
    case "verb":
      return { action: { ...action, verb: defect.verb }, trigger };
    case "data":
      return { action: { ...action, data: defect.data }, trigger };
    case "actionType":
      return { action: { ...action, type: defect.type }, trigger };
    case "trigger":
      return { action, trigger: defect.trigger };
    case "unknownVerb":
      return { action: { ...action, verb: defect.verb }, trigger };
  }
}

function cardActionActivity(p: Placement, from: Person, name: string, value: Json, identity?: IdentityDefect): Json {
  const activity = invoke(whereOf(p, connector.serviceUrl, from), "adaptiveCard/action", value, { ...from, name });
  return applyIdentity(place(activity, p), identity);
}

// ---------------------------------------------------------------------------------------
// The table of everything the bot answers, checked against the product's own
// ---------------------------------------------------------------------------------------

const FUZZED_VERBS = [
  VERBS.rsvp,
  VERBS.checkInOpen,
  VERBS.checkInEdit,
  VERBS.checkInRefresh,
  VERBS.checkInSubmit,
  VERBS.feedbackSubmit,
  VERBS.followUpDone,
  VERBS.swapRequest,
  VERBS.swapDecide,
  VERBS.sessionSkip,
  VERBS.buddyReflect,
  VERBS.promptRespond,
  VERBS.pilotReport,
];
/** Per extension command, the invokes fuzzed (`/edit` and `/send` are the preview's buttons). */
const FUZZED_EXTENSION_INVOKES: Record<string, string[]> = {
  shareAsCase: ["composeExtension/fetchTask", "composeExtension/submitAction", "composeExtension/submitAction/edit", "composeExtension/submitAction/send"],
  findInLibrary: ["composeExtension/query"],
};
const FUZZED_OTHER_INVOKES = ["composeExtension/queryLink", "composeExtension/malformed", "adaptiveCard/malformed"];
const FUZZED_TEXT_COMMANDS = ["next", "agenda", "checkin", "tasks", "skip", "swap", "help"];

// A class posts a few thousand activities one after another; on a loaded 2-core machine that can pass the usual minute.
jest.setTimeout(180_000);

describe("the bot endpoint under hostile input", () => {
  it("fuzzes every card verb, extension invoke and text command the product defines", () => {
    expect([...FUZZED_VERBS].sort()).toEqual(Object.keys(CARD_ACTIONS).sort());
    expect([...FUZZED_VERBS].sort()).toEqual(Object.values(VERBS).sort());
    expect(verbSpecs().map((s) => s.verb).sort()).toEqual(Object.keys(CARD_ACTIONS).sort());
    expect(Object.fromEntries(Object.entries(FUZZED_EXTENSION_INVOKES).map(([k, v]) => [k, [...v].sort()]))).toEqual(
      Object.fromEntries(Object.entries(EXTENSION_COMMANDS).map(([k, v]) => [k, Object.keys(v).sort()])),
    );
    expect([...FUZZED_OTHER_INVOKES].sort()).toEqual(Object.keys(INVOKE_ROUTES).sort());
    expect([...FUZZED_TEXT_COMMANDS].sort()).toEqual(Object.keys(TEXT_COMMANDS).sort());
  });

  it("card actions that must be refused: a 4xx or a sentence, the card's answer shape, nothing written", async () => {
    const specs = verbSpecs();
    const arbitrary = fc
      .constantFrom(...specs)
      .chain((spec) =>
        fc.record({
          verb: fc.constant(spec.verb),
          case: fc.constantFrom(...spec.cases),
          placement,
          fields: validFields(spec),
          junk,
          trigger: fc.constantFrom("manual" as const, "automatic" as const),
          identity: fc.option(identityDefect, { nil: undefined, freq: 2 }),
          id: fc.option(
            fc.constantFrom(...Object.keys(spec.cases[0]!.ids)).chain((k) =>
              badId(spec.cases[0]!.ids[k]!)
                .filter((v) => !spec.untrusted?.includes(k) || !Id.safeParse(v).success)
                .map((v) => [k, v] as const),
            ),
            { nil: undefined, freq: 2 },
          ),
          field: Object.values(spec.fields).some((f) => f.invalid)
            ? fc.option(
                fc.constantFrom(...Object.keys(spec.fields).filter((k) => spec.fields[k]!.invalid)).chain((k) => spec.fields[k]!.invalid!.map((v) => [k, v] as const)),
                { nil: undefined, freq: 2 },
              )
            : fc.constant(undefined),
          // Mostly a readable action, so most inputs reach the command and its refusals.
          shape: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: shapeDefect }),
        }),
      )
      .filter((t) => Boolean(t.identity || t.id || t.field || t.shape));

    await runClass("cardActionRefused", arbitrary, async (t) => {
      const data: Json = { ...t.junk, ...t.case.ids, ...t.fields };
      if (t.id) data[t.id[0]] = t.id[1];
      if (t.field) data[t.field[0]] = t.field[1];
      for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
      const from = fromPerson(t.identity, t.case.actor);
      const activity = cardActionActivity(t.placement, from, from.name, cardValue(t.verb, data, t.shape, t.trigger), t.identity);
      const { answer } = await send("cardActionRefused", activity);
      const kind = checkCardActionAnswer(answer);
      // A verb the app does not have, or a value it cannot read, is a 400 whatever else is wrong.
      if (t.shape) check(kind === "error" || kind === "request", "a card action without a readable verb or value was not refused with a 4xx", answer.body);
    });
  });

  it("card actions with hostile but valid text: stored exactly as sent (trimmed), every written document parses", async () => {
    const specs = verbSpecs();
    const textChecked: Record<string, number> = {};
    const arbitrary = fc.constantFrom(...specs).chain((spec) =>
      fc.record({
        verb: fc.constant(spec.verb),
        case: fc.constantFrom(...spec.cases),
        placement: placement.map((p) => ({ ...p, conversationId: undefined, team: undefined })),
        fields: validFields(spec),
        junk,
        trigger: fc.constantFrom("manual" as const, "automatic" as const),
        name: fc.constant(""),
      }).chain((t) => displayName(t.case.actor).map((name) => ({ ...t, name }))),
    );

    await runClass(
      "cardActionAccepted",
      arbitrary,
      async (t) => {
        const data: Json = { ...t.junk, ...t.case.ids, ...t.fields };
        for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
        const activity = cardActionActivity(t.placement, t.case.actor, t.name, cardValue(t.verb, data, undefined, t.trigger));
        const sent = await send("cardActionAccepted", activity, { mayWrite: true });
        checkCardActionAnswer(sent.answer);
        const docs = await checkWritten(sent.writes);
        const spec = specs.find((s) => s.verb === t.verb)!;
        if (!spec.text) return;
        const holder = [...docs.values()].find((d) => d.type === spec.text!.kind);
        if (!holder) return; // refused (closed, already answered, not theirs): checked above, nothing to compare
        const kept = textFieldsKept(t.verb, t.case.ids, data);
        for (const field of kept) {
          const sentText = data[field];
          const expected = typeof sentText === "number" || typeof sentText === "boolean" ? String(sentText) : typeof sentText === "string" ? sentText.trim() : "";
          const stored = valuesAt(holder, field);
          check(stored.includes(expected), `${t.verb}: ${field} was not stored exactly as sent`, { sent: sentText, expected, stored });
        }
        textChecked[t.verb] = (textChecked[t.verb] ?? 0) + 1;
      },
      { writes: "parse" },
    );
    // Not vacuous: every verb with free text had its text stored and compared many times.
    for (const spec of specs.filter((s) => s.text)) expect({ verb: spec.verb, checked: (textChecked[spec.verb] ?? 0) >= 10 }).toEqual({ verb: spec.verb, checked: true });
  });

  it("messaging extension invokes that only read: the result Teams expects or a 4xx sentence, nothing written", async () => {
    const commandIds = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom("", "ShareAsCase", "findinlibrary", "__proto__", "constructor", "toString") },
      { weight: 1, arbitrary: hostileJson },
    );
    const commandContext = fc.oneof(fc.constantFrom(undefined, null, "message", "compose", "commandbox"), hostileString(60));
    const searchParameters = fc.oneof(
      { weight: 3, arbitrary: hostileString(400).map((q) => [{ name: "searchQuery", value: q }]) },
      { weight: 1, arbitrary: fc.constant([{ name: "initialRun", value: "true" }]) },
      { weight: 1, arbitrary: hostileJson.map((value) => [{ name: "searchQuery", value }]) },
      { weight: 1, arbitrary: fc.oneof(nonObjectJson, fc.constant(Array.from({ length: 25 }, () => ({ name: "searchQuery", value: "x" }))), fc.constant([{ name: "x".repeat(101) }]), fc.constant([null]), fc.constant([{ value: "no name" }])) },
    );
    const queryOptions = fc.oneof(
      { weight: 3, arbitrary: fc.constant({ skip: 0, count: 25 }) },
      { weight: 2, arbitrary: fc.record({ skip: fc.oneof(fc.nat(100), fc.constantFrom("10", "-1", "abc", "", "1e3", null)), count: fc.oneof(fc.nat(100), hostileJson) }) },
      { weight: 1, arbitrary: hostileJson },
    );
    const payload = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.tuple(hostileString(400), fc.constantFrom("html" as const, "text" as const), fc.option(hostileString(200), { nil: null })).map(([content, contentType, subject]) => messagePayload(content, { contentType, subject })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.integer({ min: 1000, max: 120_000 }), fc.constantFrom("<p>a&nbsp;b</p>", "<at id=\"0\">Jonas</at> ", "<ul><li>x<ul><li>y", "<!--", "<", "&#x1F600;", " ", "\t")).map(([n, unit]) => messagePayload(`<pre>x${unit.repeat(Math.ceil(n / unit.length))}y</pre>`)),
      },
      {
        weight: 1,
        arbitrary: fc.record({ mentions: hostileJson, linkToMessage: fc.oneof(hostileString(100), fc.constant("javascript:alert(1)"), fc.constant("https://evil.example.com/l/message/1")), body: fc.oneof(hostileJson, fc.record({ content: hostileJson, contentType: hostileJson })) }).map((extra) => ({ ...messagePayload("<p>hi</p>"), ...extra })),
      },
      { weight: 1, arbitrary: hostileJson },
    );
    const previewOf = (url: Json): Json => ({ type: "message", attachments: [{ contentType: ADAPTIVE, content: { type: "AdaptiveCard", body: [], actions: [{ type: "Action.OpenUrl", title: "Open in Circles", url }] } }] });
    const previews = fc.oneof(
      { weight: 3, arbitrary: fc.constant([previewOf(fx.artifact.link)]) },
      { weight: 1, arbitrary: fc.oneof(hostileString(200), unknownId.map((id) => server.ctx.links.artifact(C, id)), unknownId.map((c) => server.ctx.links.artifact(c, fx.artifact.id))).map((url) => [previewOf(url)]) },
      { weight: 1, arbitrary: fc.oneof(nonObjectJson, fc.constant([{ attachments: [{ content: PROTO_BOMB }] }]), fc.constant(Array(11).fill(previewOf(fx.artifact.link))), fc.constant([{ attachments: [{ content: { actions: "nope" } }] }])) },
    );
    const links = fc.oneof(
      { weight: 2, arbitrary: fc.constant(fx.artifact.link) },
      { weight: 1, arbitrary: fc.constant(fx.hostileLink) },
      { weight: 1, arbitrary: unknownId.map((id) => server.ctx.links.artifact(C, id)) },
      { weight: 1, arbitrary: fc.oneof(hostileString(300), fc.webUrl(), fc.constantFrom("", "javascript:alert(1)", `${fx.artifact.link}&context=%7B%22subEntityId%22%3A%22artifact%3A..%2F..%22%7D`, "x".repeat(4001))) },
      { weight: 1, arbitrary: hostileJson },
    );
    type Shape = { name: ExtensionInvoke; value: Json; preview?: "edit" | "send" };
    const shapes: fc.Arbitrary<Shape> = fc.oneof(
      fc.record({ name: fc.constant("composeExtension/query" as const), value: fc.record({ commandId: fc.constant("findInLibrary"), parameters: searchParameters, queryOptions }) }),
      fc.record({ name: fc.constant("composeExtension/fetchTask" as const), value: fc.record({ commandId: fc.constant("shareAsCase"), commandContext, messagePayload: payload, context: fc.constant({ theme: "default" }) }) }),
      fc.record({ name: fc.constant("composeExtension/queryLink" as const), value: fc.oneof({ weight: 5, arbitrary: fc.record({ url: links }) }, { weight: 1, arbitrary: nonObjectJson }) }),
      fc.constantFrom("edit" as const, "send" as const).chain((action) =>
        fc.record({
          name: fc.constant("composeExtension/submitAction" as const),
          preview: fc.constant(action),
          value: fc.record({ commandId: fc.constant("shareAsCase"), commandContext, botMessagePreviewAction: fc.constant(action), botActivityPreview: previews }),
        }),
      ),
      // Commands that do not answer this invoke, or no command at all: 400 with what is wrong.
      fc.record({
        name: fc.constantFrom("composeExtension/query" as const, "composeExtension/fetchTask" as const, "composeExtension/submitAction" as const),
        value: fc.oneof(
          commandIds.map((commandId) => ({ commandId })),
          fc.constantFrom({ commandId: "shareAsCase", botMessagePreviewAction: "delete" }, { commandId: "findInLibrary", botMessagePreviewAction: "send" }, { commandId: "shareAsCase", botMessagePreviewAction: 1 }),
          nonObjectJson,
        ),
      }).filter((s) => !(s.name === "composeExtension/query" && isPlainObject(s.value) && s.value.commandId === "findInLibrary") && !(s.name !== "composeExtension/query" && isPlainObject(s.value) && s.value.commandId === "shareAsCase" && s.value.botMessagePreviewAction === undefined)),
    );
    const arbitrary = fc.record({
      shape: shapes,
      placement,
      actor: fc.constantFrom(...PEOPLE, GRACE),
      identity: fc.option(identityDefect, { nil: undefined, freq: 3 }),
    });

    await runClass("extensionReadOnly", arbitrary, async (t) => {
      const from = fromPerson(t.identity, t.actor);
      const activity = applyIdentity(place(invoke(whereOf(t.placement, connector.serviceUrl, from), t.shape.name, t.shape.value, from), t.placement), t.identity);
      const { answer, replies } = await send("extensionReadOnly", activity);
      const outcome = checkExtensionAnswer(t.shape.name, answer, { preview: t.shape.preview });
      // Only "Send" on a preview posts anything, and then exactly the case card.
      if (t.shape.preview === "send" && outcome === "ok" && answer.body === null) {
        check(replies.length === 1 && (replies[0]!.activity as Json).attachments?.[0]?.contentType === ADAPTIVE, "a sent preview did not post the case card", replies.map((r) => r.activity));
      } else check(replies.length === 0, `${t.shape.name} posted a message`, replies.map((r) => r.activity));
    });
  });

  /** The "Share as case" dialog's data, valid for `actor`, with hostile text. */
  const shareData = (actor: Person) =>
    fc
      .record({
        communityId: fc.constant(C),
        title: hostileValidText(160),
        situation: hostileValidText(4000),
        question: hostileValidText(1000),
        priority: fc.constantFrom("", "psychological-safety", "feedback", " accountability "),
        // Anonymous shares stay inside the sharer's peer circle.
        who: fc.oneof(
          fc.record({ visibility: fc.constantFrom("community", "private", "circle", ""), anonymous: fc.constantFrom("false", "", "yes") }),
          fc.record({ visibility: fc.constant("circle"), anonymous: fc.constant("true") }),
        ),
        circleId: fc.constant(HARBOUR.includes(actor) ? "circle-harbour" : "circle-lighthouse"),
        messageLink: fc.constantFrom(undefined, "", "https://teams.microsoft.com/l/message/19:demo-harbour-managers@thread.tacv2/1700000000000?groupId=g&tenantId=t"),
      })
      .map(({ who, ...data }) => ({ ...data, ...who }));

  it("Share as case submissions that must be refused: the form again or a 4xx sentence, nothing written", async () => {
    type Defect = [string, Json];
    const fieldDefect: fc.Arbitrary<Defect> = fc.oneof(
      fc.oneof(fc.constantFrom("", "   ", "\n\t"), overlong(161), fc.constant({})).map((v) => ["title", v] as Defect),
      fc.oneof(fc.constantFrom("", "   "), overlong(4001), fc.constant([])).map((v) => ["situation", v] as Defect),
      fc.oneof(fc.constantFrom("", "   "), overlong(1001), fc.constant(PROTO_BOMB)).map((v) => ["question", v] as Defect),
      fc.oneof(fc.constantFrom("Not A Slug", "UPPER", "x".repeat(61), "-leading", "a--b"), hostileString(40).filter((s) => s.trim() !== "" && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s.trim()))).map((v) => ["priority", v] as Defect),
      fc.oneof(fc.constantFrom("public", "Community", "everyone", "circles"), hostileString(30).filter((s) => s.trim() !== "" && !["community", "circle", "private"].includes(s.trim()))).map((v) => ["visibility", v] as Defect),
      fc.oneof(unknownId, fc.constant("com-second"), hostileString(60).filter((s) => s.trim() !== C), fc.constant("")).map((v) => ["communityId", v] as Defect),
      fc.constantFrom("javascript:alert(1)", "https://evil.example.com/l/message/1", "http://teams.microsoft.com/l/message/1", "not a link").map((v) => ["messageLink", v] as Defect),
    );
    const structural = fc.oneof(
      nonObjectJson.filter((v) => v !== null).map((data) => ({ data })),
      fc.record({ commandId: fc.oneof(fc.constant(undefined), hostileJson.filter((v) => v !== "shareAsCase")) }),
      fc.constant({ botMessagePreviewAction: "publish" }),
      fc.constant({ commandContext: "x".repeat(41) }),
    );
    const arbitrary = fc
      .constantFrom(...HARBOUR, FATIMA, AIKO)
      .chain((actor) =>
        fc.record({
          actor: fc.constant(actor),
          data: shareData(actor),
          placement,
          identity: fc.option(identityDefect, { nil: undefined, freq: 2 }),
          fields: fc.array(fieldDefect, { minLength: 0, maxLength: 3 }),
          circle: fc.option(fc.oneof(fc.constant(HARBOUR.includes(actor) ? "circle-lighthouse" : "circle-harbour"), unknownId), { nil: undefined, freq: 3 }),
          // A stale or made-up case to edit (a version below 1 would not be an edit at all, so none here).
          editing: fc.option(fc.record({ artifactId: fc.oneof(unknownId, hostileString(50).filter((s) => s.length > 0)), baseVersion: fc.constantFrom("1", "2", "7", 3) }), { nil: undefined, freq: 4 }),
          structure: fc.option(structural, { nil: undefined, freq: 4 }),
        }),
      )
      .filter((t) => Boolean(t.identity || t.fields.length || t.circle || t.editing || t.structure));

    await runClass("shareCaseRefused", arbitrary, async (t) => {
      const data: Json = { ...t.data };
      for (const [k, v] of t.fields) data[k] = v;
      if (t.circle) Object.assign(data, { visibility: "circle", circleId: t.circle });
      if (t.editing) Object.assign(data, t.editing);
      for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
      const from = fromPerson(t.identity, t.actor);
      const value = { commandId: "shareAsCase", commandContext: "message", context: { theme: "default" }, data, ...t.structure };
      const activity = applyIdentity(place(invoke(whereOf(t.placement, connector.serviceUrl, from), "composeExtension/submitAction", value, from), t.placement), t.identity);
      const { answer, replies } = await send("shareCaseRefused", activity);
      if (isRequestError(answer)) checkErrorBody(answer, "share as case");
      else {
        check(checkExtensionAnswer("composeExtension/submitAction", answer) === "ok" && answer.body?.task, "a refused case was not answered with a dialog", answer.body);
      }
      check(replies.length === 0, "a refused case posted a message", replies.map((r) => r.activity));
    });
  });

  it("Share as case with hostile but valid text: previewed, stored exactly as sent (trimmed), every written document parses", async () => {
    let stored = 0;
    const arbitrary = fc.constantFrom(...HARBOUR, FATIMA, AIKO).chain((actor) => fc.record({ actor: fc.constant(actor), data: shareData(actor), placement: placement.map((p) => ({ ...p, conversationId: undefined, team: undefined })), name: displayName(actor) }));
    await runClass(
      "shareCaseAccepted",
      arbitrary,
      async (t) => {
        const data: Json = { ...t.data };
        for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
        const activity = place(invoke(whereOf(t.placement, connector.serviceUrl, t.actor), "composeExtension/submitAction", { commandId: "shareAsCase", commandContext: "message", data }, { ...t.actor, name: t.name }), t.placement);
        const sent = await send("shareCaseAccepted", activity, { mayWrite: true });
        checkExtensionAnswer("composeExtension/submitAction", sent.answer);
        const docs = await checkWritten(sent.writes);
        const artifact = [...docs.values()].find((d) => d.type === "artifact");
        check(artifact && sent.answer.body?.composeExtension?.type === "botMessagePreview", "a valid case was not saved and previewed", { problems: attentionTexts(sent.answer.body), writes: sent.writes });
        for (const field of ["title", "situation", "question"]) {
          check(valuesAt(artifact, field).includes(String(data[field]).trim()), `the case's ${field} was not stored exactly as sent`, { sent: data[field], stored: valuesAt(artifact, field) });
        }
        stored++;
      },
      { writes: "parse" },
    );
    expect(stored).toBe(RUNS.shareCaseAccepted);
  });

  it("invokes the app does not have: a 4xx that names what it does answer, never botbuilder's 501", async () => {
    const names = fc.oneof(
      fc.constantFrom(
        "task/fetch",
        "task/submit",
        "signin/verifyState",
        "signin/tokenExchange",
        "healthCheck",
        "composeExtension/selectItem",
        "composeExtension/setting",
        "composeExtension/querySettingUrl",
        "composeExtension/onCardButtonClicked",
        "composeExtension/anonymousQueryLink",
        "composeExtension/Query",
        "composeextension/query",
        "AdaptiveCard/Action",
        "adaptiveCard/action ",
        "actionableMessage/executeAction",
        "fileConsent/invoke",
        "message/submitAction",
        "config/fetch",
        "tab/fetch",
        "handoff/action",
        "application/search",
        "__proto__",
        "",
      ),
      hostileString(80),
    );
    const arbitrary = fc.record({ name: fc.option(names, { nil: undefined, freq: 10 }), value: fc.oneof(fc.constant(undefined), hostileJson, fc.constant({ commandId: "shareAsCase" }), fc.constant({ action: { verb: "rsvp" } })), placement, actor: fc.constantFrom(...PEOPLE) });
    await runClass("unknownInvoke", arbitrary.filter((t) => t.name === undefined || !["adaptiveCard/action", "composeExtension/query", "composeExtension/fetchTask", "composeExtension/submitAction", "composeExtension/queryLink"].includes(t.name)), async (t) => {
      const activity = place(invoke(whereOf(t.placement, connector.serviceUrl, t.actor), t.name ?? "", t.value, t.actor), t.placement);
      if (t.name === undefined) delete activity.name;
      const { answer, replies } = await send("unknownInvoke", activity);
      check(answer.status >= 400 && answer.status < 500, `an unknown invoke answered ${answer.status}`, answer.text);
      checkErrorBody(answer, "unknown invoke");
      check(replies.length === 0, "an unknown invoke posted a message", replies);
    });
  });

  it("messages: every command, mention, button, empty, huge and hostile text gets one card back; what is not understood gets the hint", async () => {
    const hint = JSON.stringify(hintCard());
    const commands = Object.keys(TEXT_COMMANDS);
    const spelled = (cmd: string) => fc.constantFrom(cmd, cmd.toUpperCase(), ` ${cmd} `, `${cmd}.`, `${cmd}!!!`, `${cmd}?`, `${cmd[0]!.toUpperCase()}${cmd.slice(1)}`, `\n${cmd}\t`, `<at>Practice Circles</at>&nbsp;${cmd}`, `<at>${BOT.name}</at> ${cmd}`);
    /** What the bot reads as a command, as a person would type it (mention, spacing, case and final punctuation do not matter). */
    const norm = (text: string) =>
      text
        .replace(/<at>[^<]*<\/at>/gi, " ")
        .replace(/&nbsp;/gi, " ")
        .replace(/[.!?\s]+$/u, "")
        .trim()
        .toLowerCase();
    const notACommand = (text: unknown) => typeof text !== "string" || !commands.includes(norm(text));
    type Msg = { text?: Json; value?: Json; attachments?: Json; entities?: Json; localTimezone?: Json; understood: boolean };
    const attachments = fc.oneof(
      fc.constant([{ contentType: "image/png", contentUrl: "https://example.com/x.png", name: "x.png" }]),
      fc.constant([{ contentType: "application/vnd.microsoft.teams.file.download.info", content: { downloadUrl: "https://example.com/f" }, name: "f.docx" }]),
      fc.constant([{ contentType: ADAPTIVE, content: { type: "AdaptiveCard", body: [{ type: "TextBlock", text: "help" }] } }]),
      hostileJson.map((a) => (Array.isArray(a) ? a : [a])),
    );
    const messages: fc.Arbitrary<Msg> = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...commands).chain(spelled).map((text) => ({ text, understood: true })) },
      // A card button (Action.Submit) sends its command as the value, with no text.
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...commands).chain((c) => fc.constantFrom(c, c.toUpperCase(), ` ${c} `)), fc.constantFrom(undefined, "")).map(([command, text]) => ({ text, value: { command }, understood: true })) },
      { weight: 6, arbitrary: hostileString(400).filter(notACommand).map((text) => ({ text, understood: false })) },
      { weight: 1, arbitrary: fc.oneof(fc.constant(undefined), fc.constantFrom("", "   ", "<at>Practice Circles</at>", "&nbsp;", "...")).map((text) => ({ text, understood: false })) },
      { weight: 1, arbitrary: fc.record({ command: fc.oneof(hostileJson.filter(notACommand), fc.constant("delete-everything")) }).map((value) => ({ text: "", value, understood: false })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(undefined, "", "look at this"), attachments).map(([text, a]) => ({ text, attachments: a, understood: false })) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 20_000, max: 400_000 }), fc.constantFrom("x", "help ", "<at>Practice Circles</at>", "👩🏽‍💻", "\u200b", "&nbsp;", " ", "\t", "?")).map(([n, unit]) => ({ text: `zz ${unit.repeat(Math.ceil(n / unit.length))} zz`, understood: false })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...commands), fc.oneof(fc.constant([{ type: "mention" }]), fc.constant([{ type: "mention", mentioned: "bot", text: 5 }]), fc.constant([{ type: "mention", mentioned: { id: BOT.id }, text: "<at>Practice Circles</at>" }, { type: "mention", mentioned: null }]), fc.array(fc.record({ type: fc.constantFrom("mention", "clientInfo", "x"), mentioned: hostileJson, text: hostileJson, timezone: hostileJson }), { maxLength: 3 }))).map(([c, entities]) => ({ text: c, entities, understood: true })),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...commands), fc.oneof(hostileString(200), fc.constantFrom("Mars/Olympus_Mons", "Europe/London", "UTC", "x".repeat(5000)))).map(([c, localTimezone]) => ({ text: c, localTimezone, understood: true })) },
    );
    const arbitrary = fc.record({ msg: messages, placement, actor: fc.constantFrom(...PEOPLE, GRACE), identity: fc.option(identityDefect, { nil: undefined, freq: 4 }), textFormat: fc.constantFrom("plain", "markdown", "xml", undefined) });
    await runClass("message", arbitrary, async (t) => {
      const from = fromPerson(t.identity, t.actor);
      const activity = applyIdentity(place(message(whereOf(t.placement, connector.serviceUrl, from), "", from, { mention: false }), t.placement), t.identity);
      if (t.msg.text === undefined) delete activity.text;
      else activity.text = t.msg.text;
      if (t.msg.value !== undefined) activity.value = t.msg.value;
      if (t.msg.attachments !== undefined) activity.attachments = t.msg.attachments;
      if (t.msg.entities !== undefined) activity.entities = t.msg.entities;
      if (t.msg.localTimezone !== undefined) activity.localTimezone = t.msg.localTimezone;
      if (t.textFormat === undefined) delete activity.textFormat;
      else activity.textFormat = t.textFormat;
      const { answer, replies } = await send("message", activity);
      if (answer.status !== 200) {
        checkErrorBody(answer, "message refused before routing");
        check(replies.length === 0, "a refused message was answered", replies);
        return;
      }
      check(replies.length === 1, `a message got ${replies.length} replies instead of one`, replies.map((r) => r.activity));
      const reply: Json = replies[0]!.activity;
      const card = reply.attachments?.find((a: Json) => a.contentType === ADAPTIVE)?.content;
      check(card, "a message was answered without a card", reply);
      checkAdaptiveCard(card, "message reply");
      const isHint = JSON.stringify(card) === hint;
      if (t.msg.understood) check(!isHint, "a command was answered with the hint", { text: t.msg.text, value: t.msg.value });
      else check(isHint, "a message that is not a command was not answered with the hint", { text: String(t.msg.text).slice(0, 200), card });
    });
  });

  it("activities that are not what they claim: mutated fields, other types and raw bodies get a 4xx sentence or are ignored, never a 5xx", async () => {
    const paths = [
      "type", "id", "channelId", "serviceUrl", "conversation", "conversation.id", "conversation.conversationType", "conversation.tenantId", "from", "from.id", "from.name",
      "from.aadObjectId", "from.role", "from.properties", "recipient", "recipient.id", "recipient.name", "recipient.role", "conversation.isGroup", "conversation.name", "conversation.role",
      "conversation.properties", "conversation.aadObjectId", "text", "entities", "channelData", "channelData.tenant", "channelData.tenant.id", "channelData.team", "channelData.team.id",
      "value", "value.action", "value.action.verb", "value.action.data", "value.commandId", "name", "locale", "timestamp", "attachments", "membersAdded", "action", "replyToId", "localTimezone",
    ];
    const bases = (who: Person): Json[] => {
      const w = whereOf({ scope: "team" }, connector.serviceUrl, who);
      return [
        message(w, "help", who),
        message(w, "next", who),
        invoke(w, "adaptiveCard/action", { action: { type: "Action.Execute", verb: "checkin.open", data: { communityId: C, sessionId: fx.next.id } }, trigger: "manual" }, who),
        invoke(w, "composeExtension/query", { commandId: "findInLibrary", parameters: [{ name: "searchQuery", value: "feedback" }], queryOptions: { skip: 0, count: 25 } }, who),
        invoke(w, "composeExtension/fetchTask", { commandId: "shareAsCase", commandContext: "compose" }, who),
        { ...message(w, "", who), type: "conversationUpdate", text: undefined },
      ];
    };
    const mutation = fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(fc.constant(undefined), hostileJson, hostileString(300)) });
    type Body = { kind: "mutated"; base: number; actor: Person; mutations: { path: string; value: Json }[] } | { kind: "type"; type: Json; actor: Person } | { kind: "raw"; raw: string; contentType?: string };
    const bodies: fc.Arbitrary<Body> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant("mutated" as const), base: fc.nat(5), actor: fc.constantFrom(...PEOPLE), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant("type" as const),
          actor: fc.constantFrom(...PEOPLE),
          type: fc.oneof(fc.constantFrom("typing", "event", "messageReaction", "messageUpdate", "messageDelete", "endOfConversation", "trace", "handoff", "command", "Message", "INVOKE", "x".repeat(65)), hostileString(64), nonObjectJson.filter((v) => typeof v !== "string")),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.oneof(
          fc.constantFrom("", "{", "null", "[]", "\"message\"", "{\"type\":", "{\"type\":\"message\"}", "\u0000", "{\"__proto__\":{\"type\":\"message\"}}", "[{\"type\":\"message\"}]", "1e999").map((raw) => ({ kind: "raw" as const, raw })),
          fc.jsonValue().map((v) => ({ kind: "raw" as const, raw: JSON.stringify(v) ?? "null" })),
          fc.tuple(fc.constantFrom("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=latin1"), fc.constant(JSON.stringify({ type: "message", text: "help" }))).map(([contentType, raw]) => ({ kind: "raw" as const, raw, contentType })),
          fc.constantFrom(1_100_000, 2_000_000).map((n) => ({ kind: "raw" as const, raw: JSON.stringify({ type: "message", text: "x".repeat(n) }) })),
        ),
      },
    );
    await runClass("envelope", bodies, async (b) => {
      let answer: Answer;
      if (b.kind === "raw") ({ answer } = await send("envelope", undefined, { raw: b.raw, contentType: b.contentType }));
      else {
        const activity: Json = b.kind === "type" ? { ...bases(b.actor)[0], type: b.type } : structuredClone(bases(b.actor)[b.base]);
        if (b.kind === "mutated") for (const m of b.mutations) setPath(activity, m.path, m.value);
        ({ answer } = await send("envelope", activity));
      }
      if (answer.status >= 400) {
        // Refused before a handler (ErrorBody), or a card action the handler refused (its own 4xx shape).
        if (ErrorBody.safeParse(answer.body).success) checkErrorBody(answer, "refused activity");
        else checkCardActionAnswer(answer);
      } else check(answer.status === 200, `an activity answered ${answer.status}`, answer.text.slice(0, 300));
    });
  });

  it("install events with hostile names, ids and members: never a 5xx or a failed turn; what is written parses", async () => {
    let recorded = 0;
    const installs = fc.record({
      tenant: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString(200) }),
      scope: fc.constantFrom("personal" as const, "groupChat" as const, "team" as const),
      kind: fc.constantFrom("botAdded", "membersAdded", "installAdd", "installUpgrade", "installRemove"),
      teamId: fc.oneof(fc.uuid().map((u) => `19:${u}@thread.tacv2`), hostileString(300)),
      teamName: fc.oneof(hostileString(500), overlong(501).map((s) => s.slice(0, 520))),
      installer: fc.oneof(fc.uuid().map((u) => ({ id: `29:${u}`, aadObjectId: u })), hostileString(200).map((a) => ({ id: "29:x", aadObjectId: a })), fc.constant({ id: "29:nobody" })),
      installerName: fc.oneof(hostileString(1024), fc.constant(undefined), overlong(600).map((s) => s.slice(0, 1000))),
      timezone: fc.oneof(fc.constant(undefined), fc.constantFrom("Europe/London", "Mars/Olympus_Mons"), hostileString(200)),
      members: fc.array(fc.record({ id: fc.oneof(fc.uuid().map((u) => `29:${u}`), hostileString(100).filter((s) => s.length > 0)), aadObjectId: fc.oneof(fc.uuid(), hostileString(200), fc.constant(undefined)), name: fc.oneof(hostileString(1024), fc.constant(undefined)) }), { maxLength: 4 }),
    });
    await runClass(
      "install",
      installs,
      async (t) => {
        const where: Where = t.scope === "team" ? { serviceUrl: connector.serviceUrl, scope: "team", conversationId: t.teamId || "19:x", team: { id: t.teamId, name: t.teamName }, tenantId: t.tenant } : { serviceUrl: connector.serviceUrl, scope: t.scope, conversationId: t.scope === "personal" ? `a:${(t.installer as Json).aadObjectId ?? "x"}`.slice(0, 200) : "19:chat@thread.v2", tenantId: t.tenant };
        const by: Json = { ...t.installer, name: t.installerName };
        const base: Json = { ...message(where, "", by, { mention: false }), text: undefined, localTimezone: t.timezone };
        if (t.scope === "team") base.channelData.team = { id: t.teamId, name: t.teamName };
        let activity: Json;
        if (t.kind === "botAdded") activity = { ...base, type: "conversationUpdate", membersAdded: [{ id: BOT.id }, ...(t.scope === "personal" ? [t.installer] : [])] };
        else if (t.kind === "membersAdded") activity = { ...base, type: "conversationUpdate", membersAdded: t.members.length ? t.members : [{ id: "29:someone", aadObjectId: "aad-user-someone" }] };
        else activity = { ...base, type: "installationUpdate", action: t.kind === "installAdd" ? "add" : t.kind === "installUpgrade" ? "add-upgrade" : "remove" };
        const sent = await send("install", activity, { mayWrite: true });
        if (sent.answer.status !== 200) {
          checkErrorBody(sent.answer, "install event");
          return;
        }
        await checkWritten(sent.writes);
        if (sent.writes.length) recorded++;
        if (t.kind === "botAdded") check(sent.replies.length === 1 && (sent.replies[0]!.activity as Json).attachments?.[0]?.contentType === ADAPTIVE, "the bot was added without one welcome card", sent.replies.map((r) => r.activity));
      },
      { writes: "parse" },
    );
    expect(recorded).toBeGreaterThan(RUNS.install / 4);
  });

  it("afterwards: the server is healthy, nothing crashed, and more than 10,000 activities were posted", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(unhandled).toEqual([]);
    const total = Object.values(posted).reduce((a, b) => a + b, 0);
    const sorted = [...refusals.entries()].sort((a, b) => b[1] - a[1]);
    console.log(
      `botFuzz: ${total} activities posted ${JSON.stringify(posted)}; ${refusals.size} distinct refusal sentences, the most frequent:\n${sorted
        .slice(0, 25)
        .map(([s, n]) => `  ${n} × ${s.slice(0, 200)}`)
        .join("\n")}`,
    );
    expect(total).toBeGreaterThanOrEqual(10_000);
    for (const cls of Object.keys(RUNS) as ClassName[]) expect({ cls, posted: posted[cls] >= RUNS[cls] }).toEqual({ cls, posted: true });
  });
});

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/** Every value stored under `key`, at any depth (a case's situation is under `fields`, a pilot's report under `report`). */
function valuesAt(doc: Json, key: string): Json[] {
  const found: Json[] = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) {
      if (Object.hasOwn(v, key)) found.push(v[key]);
      Object.values(v).forEach(walk);
    }
  };
  walk(doc);
  return found;
}

/** The text fields a verb keeps for what was answered: a weekly question keeps the answer, a reflective prompt its three parts. */
function textFieldsKept(verb: string, ids: Record<string, string>, data: Json): string[] {
  const spec = verbSpecs().find((s) => s.verb === verb)!;
  let fields = spec.text!.fields;
  if (verb === VERBS.promptRespond) fields = ids.postingId === "pst-demo-2" ? ["happened", "intended", "learned"] : ["answer"];
  return fields.filter((f) => Object.hasOwn(data, f));
}

/** The red lines of a card (a form's problems), for failure messages. */
function attentionTexts(body: Json): string[] {
  return valuesAt(body, "color").length ? collect(body) : [];
  function collect(v: Json): string[] {
    if (Array.isArray(v)) return v.flatMap(collect);
    if (!isPlainObject(v)) return [];
    return [...(v.color === "attention" && typeof v.text === "string" ? [v.text] : []), ...Object.values(v).flatMap(collect)];
  }
}

/** Sets (or with undefined, deletes) a dotted path, creating objects on the way. */
function setPath(target: Json, path: string, value: Json): void {
  const parts = path.split(".");
  let at = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(at[part]) && !Array.isArray(at[part])) at[part] = {};
    at = at[part];
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}
