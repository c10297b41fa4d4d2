/**
 * Bad input everywhere (issue 9): property-based tests that throw generated bad and hostile
 * requests at every route of the tab's API and the local /api/dev routes, over real HTTP
 * against the real server (real Express, real store on the embedded Cosmos server, the
 * demo community seeded, local dev identity).
 *
 * (a) Guaranteed-invalid requests, over 10,000 of them, callers mixed (member, facilitator,
 *     lead, sponsor): each is a valid request with one thing broken (identity, a path
 *     parameter, the query, the body, the JSON, the size, the encoding, the method, or the
 *     caller's role where the policies refuse it). The contracts in bot/src/contracts are
 *     the oracle: a generated body or query counts as invalid only when the contract refuses
 *     it (anything else is filtered out, never sent). Every answer must be a 4xx (never a
 *     5xx, never a 2xx) with the one error body, whose message says what to fix, and a 400
 *     for a field names the field the contract names. The whole store (every container,
 *     every partition) is compared before and after each route's run, and must be equal:
 *     nothing is ignored in that comparison, because a refused request must not write even
 *     a counter (open counts, leases, jobs); the scheduler is off, so nothing else writes.
 * (b) Hostile-but-valid text (markup, markdown, bidi and zero-width characters, emoji,
 *     control characters, lone surrogates, injection strings) inside otherwise valid bodies
 *     with hostile extra keys (`__proto__`, `constructor`, server-owned fields): each must
 *     be accepted, stored exactly as the contract normalises it (trimmed, nothing else), in
 *     a document that still parses with its contract, with no extra key stored and nothing
 *     written beyond the documents that request should write.
 *
 * Requests in (a) go through node:http rather than fetch: fetch resolves `..` segments,
 * refuses bodies on GET and merges headers, and those are exactly the inputs we want.
 * Seeds are fixed; fast-check prints the seed, path and counterexample on failure.
 */
import http from "node:http";
import querystring from "node:querystring";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { z } from "zod";
import { listApiRoutes } from "../../bot/src/api/app";
import { devRoutes } from "../../bot/src/api/routes/dev";
import * as C from "../../bot/src/contracts";
import { CATALOGUE, type ContainerName } from "../../bot/src/store";
import { asUser, startServer, type TestServer } from "../support/server";
import {
  anyJsonValue,
  deeplyNestedJson,
  encodeAny,
  HOSTILE_KEYS,
  hostileSegment,
  hostileText,
  hostileTextFor,
  isJsonObjectOrArray,
  malformedJsonText,
  tooLongText,
  type PathSegment,
} from "./arbitraries";

const SEED = 20_261_109;
const RUNS_PER_ROUTE = 140;
const HOSTILE_RUNS_PER_SCENARIO = 12;

// About 65 s of CPU in all; (a) took 70-150 s and (b) 25-45 s on two cores shared with other work.
jest.setTimeout(300_000);

const USERS = { member: "aad-user-priya", facilitator: "aad-user-jonas", lead: "aad-user-amara", sponsor: "aad-user-grace" } as const;
type RoleKey = keyof typeof USERS;
const ROLE_KEYS = Object.keys(USERS) as RoleKey[];

// ── The store, whole ────────────────────────────────────────────────────────

type Doc = Record<string, unknown> & { id: string; type: string };
type Dump = Map<string, Doc>;

/** Every document of every container, keyed by container, partition and id. */
async function dumpStore(server: TestServer): Promise<Dump> {
  const dump: Dump = new Map();
  for (const [name, spec] of Object.entries(CATALOGUE)) {
    const docs = await server.store.container(name as ContainerName).queryAcrossPartitionsForAdmin<Doc>({ query: "SELECT * FROM c" });
    const pk = spec.partitionKey.slice(1);
    for (const doc of docs) dump.set(`${name}|${String(doc[pk])}|${doc.id}`, doc);
  }
  return dump;
}

interface Diff {
  added: Doc[];
  changed: { before: Doc; after: Doc }[];
  removed: Doc[];
}

function diffDumps(before: Dump, after: Dump): Diff {
  const diff: Diff = { added: [], changed: [], removed: [] };
  for (const [key, doc] of after) {
    const old = before.get(key);
    if (!old) diff.added.push(doc);
    else if (!isDeepStrictEqual(old, doc)) diff.changed.push({ before: old, after: doc });
  }
  for (const [key, doc] of before) if (!after.has(key)) diff.removed.push(doc);
  return diff;
}

/**
 * A stored document as its entity: the repositories store an entity's fields flat, with
 * `type` as the document kind, so an artifact keeps its own type as `artifactType`
 * (bot/src/store/repositories: `renames`).
 */
const asEntity = (doc: Doc): Record<string, unknown> => (doc.type === "artifact" ? { ...doc, type: doc.artifactType } : doc);

const describeDiff = (d: Diff) =>
  JSON.stringify({ added: d.added.map((x) => `${x.type}:${x.id}`), changed: d.changed.map((x) => `${x.after.type}:${x.after.id}`), removed: d.removed.map((x) => `${x.type}:${x.id}`) });

// ── Raw HTTP ────────────────────────────────────────────────────────────────

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}
interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: base.hostname, port: base.port, method: r.method, path: r.path, headers: r.headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (e) => (answered ? undefined : reject(e)));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within 30 s to ${r.method} ${r.path.slice(0, 200)}`)));
    // A server may answer (413) and close before it read a large body: the answer counts, the broken pipe does not.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    req.end(r.body);
  });
}

// ── What a useful refusal looks like ────────────────────────────────────────

/** Zod's own English and other things a person cannot act on. */
const USELESS = [
  /invalid input/i,
  /invalid option/i,
  /invalid discriminator/i,
  /too (big|small):/i,
  /expected [a-z"' |]+, received/i,
  /invalid (iso|string|key|element|date|url)/i,
  /unrecognized key/i,
  /\[object Object\]/,
  /failed to decode/i,
  /must be (record|map|tuple|set|symbol|never|unknown)\b/,
  /ZodError|TypeError|ReferenceError|SyntaxError|Cannot read propert/,
  /"code"\s*:/,
  /\n\s+at /,
  /^bad request\.?$/i,
  /^not found\.?$/i,
  /^forbidden\.?$/i,
  /^internal server error/i,
];

function messageProblem(message: string): string | null {
  const m = message.trim();
  if (m.length < 12) return "too short to say what to fix";
  if (m.length > 1000) return "too long to read";
  if (!/[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}/.test(m)) return "not a sentence";
  for (const re of USELESS) if (re.test(m)) return `reads like a library message (${re})`;
  return null;
}

// ── Routes ──────────────────────────────────────────────────────────────────

interface Fixture {
  communityId: string;
  artifactId: string;
  sessionId: string;
  pastSessionId: string;
  seriesId: string;
  followUpId: string;
  roundId: string;
  practiceId: string;
  pilotId: string;
  promptId: string;
  postingId: string;
  answerId: string;
  userId: string;
  existingIds: Set<string>;
  now: Date;
}

interface BodySpec {
  schema: z.ZodType;
  base: (fx: Fixture) => Record<string, unknown>;
  /** The route or command reads a missing body as `{}` (`req.body ?? {}`). */
  emptyIsObject?: boolean;
  /** Top-level fields to break (default: the schema's shape). */
  fields?: string[];
}

interface RouteSpec {
  params?: Record<string, (fx: Fixture) => string>;
  body?: BodySpec;
  query?: { schema: z.ZodType; base?: Record<string, string> };
  /** A local /api/dev route: no identity involved. */
  dev?: boolean;
  /** Roles the policies refuse this (otherwise valid) request: a 403, and nothing written. */
  deniedTo?: RoleKey[];
}

/** The artifact route's own `?track=` schema (bot/src/api/routes/artifacts.ts), restated for the oracle. */
const TrackQuery = z.object({ track: z.enum(["true", "false"]).default("true") });

const inDays = (fx: Fixture, days: number) => new Date(fx.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
const community = { communityId: (fx: Fixture) => fx.communityId };
const artifact = { ...community, artifactId: (fx: Fixture) => fx.artifactId };
const session = { ...community, sessionId: (fx: Fixture) => fx.sessionId };
const round = { ...community, roundId: (fx: Fixture) => fx.roundId };
const practice = { ...community, practiceId: (fx: Fixture) => fx.practiceId };
const pilot = { ...community, pilotId: (fx: Fixture) => fx.pilotId };

/** One entry per route: what its valid request looks like, so each generated request breaks exactly one thing. */
const ROUTES: Record<string, RouteSpec> = {
  "GET /api/me": {},
  "GET /api/communities/:communityId": { params: community },
  "GET /api/artifact-templates": {},
  "GET /api/communities/:communityId/artifacts": { params: community, query: { schema: C.ArtifactListQuery } },
  "POST /api/communities/:communityId/artifacts": { params: community, body: { schema: C.ArtifactCreateRequest, base: () => ({ title: "Fuzz item", fields: { type: "template" } }) }, deniedTo: ["sponsor"] },
  "GET /api/communities/:communityId/artifacts/:artifactId": { params: artifact, query: { schema: TrackQuery } },
  "PUT /api/communities/:communityId/artifacts/:artifactId": { params: artifact, body: { schema: C.ArtifactUpdateRequest, base: () => ({ title: "Fuzz item", fields: { type: "template" }, baseVersion: 1 }) }, deniedTo: ["member", "sponsor"] },
  "DELETE /api/communities/:communityId/artifacts/:artifactId": { params: artifact, deniedTo: ["member", "facilitator", "sponsor"] },
  "POST /api/communities/:communityId/artifacts/:artifactId/undelete": { params: artifact, deniedTo: ["member", "facilitator", "sponsor"] },
  "GET /api/communities/:communityId/artifacts/:artifactId/versions": { params: artifact },
  "GET /api/communities/:communityId/artifacts/:artifactId/versions/:version": { params: { ...artifact, version: () => "1" } },
  "POST /api/communities/:communityId/artifacts/:artifactId/versions/:version/restore": { params: { ...artifact, version: () => "1" }, body: { schema: C.ArtifactRestoreRequest, base: () => ({ baseVersion: 1 }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/sessions": { params: community, query: { schema: C.SessionListQuery } },
  "GET /api/communities/:communityId/sessions/:sessionId": { params: session },
  "PATCH /api/communities/:communityId/sessions/:sessionId": { params: session, body: { schema: C.SessionUpdateRequest, base: () => ({ theme: { title: "Fuzz theme" } }) }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/sessions/:sessionId/skip": { params: session, body: { schema: C.SkipRequest, base: () => ({ reason: "Fuzz" }), emptyIsObject: true }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/sessions/:sessionId/restore": { params: session },
  "POST /api/communities/:communityId/sessions/:sessionId/move": { params: session, body: { schema: C.MoveRequest, base: () => ({ to: "2031-01-07T09:00" }) }, deniedTo: ["member", "sponsor"] },
  "PUT /api/communities/:communityId/sessions/:sessionId/rsvp": { params: session, body: { schema: C.RsvpRequest, base: () => ({ answer: "going" }) }, deniedTo: ["sponsor"] },
  "PUT /api/communities/:communityId/sessions/:sessionId/checkin": { params: session, body: { schema: C.CheckInRequest, base: () => ({ win: "Fuzz" }) }, deniedTo: ["sponsor"] },
  "GET /api/communities/:communityId/sessions/:sessionId/checkins": { params: session, deniedTo: ["member", "sponsor"] },
  "PUT /api/communities/:communityId/sessions/:sessionId/feedback": { params: session, body: { schema: C.FeedbackRequest, base: () => ({ usefulness: 4 }) } },
  "GET /api/communities/:communityId/sessions/:sessionId/calendar.ics": { params: session },
  "GET /api/communities/:communityId/series": { params: community },
  "PATCH /api/communities/:communityId/series/:seriesId": { params: { ...community, seriesId: (fx) => fx.seriesId }, body: { schema: C.SeriesUpdateRequest, base: () => ({ title: "Fuzz series" }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/rota": { params: community },
  "POST /api/communities/:communityId/sessions/:sessionId/swaps": { params: session, body: { schema: C.SwapCreateRequest, base: () => ({ toUserId: "aad-user-sam" }) }, deniedTo: ["member", "facilitator", "sponsor"] },
  "POST /api/communities/:communityId/swaps/:swapId/decision": { params: { ...community, swapId: () => "swp-fuzz" }, body: { schema: C.SwapDecisionRequest, base: () => ({ decision: "decline" }) } },
  "GET /api/communities/:communityId/followups": { params: community, query: { schema: C.FollowUpListQuery } },
  "POST /api/communities/:communityId/followups": { params: community, body: { schema: C.FollowUpCreateRequest, base: (fx) => ({ title: "Fuzz follow-up", ownerId: USERS.member, dueOn: inDays(fx, 30) }) }, deniedTo: ["sponsor"] },
  "PATCH /api/communities/:communityId/followups/:followUpId": { params: { ...community, followUpId: (fx) => fx.followUpId }, body: { schema: C.FollowUpUpdateRequest, base: () => ({ title: "Fuzz follow-up" }) } },
  "GET /api/communities/:communityId/me/preferences": { params: community },
  "PUT /api/communities/:communityId/me/preferences": { params: community, body: { schema: C.PreferencesUpdateRequest, base: () => ({ personalReminders: true }) } },
  "GET /api/communities/:communityId/buddies": { params: community },
  "POST /api/communities/:communityId/buddies/rounds": { params: community, body: { schema: C.ProposeRoundRequest, base: () => ({ seed: 7 }), emptyIsObject: true }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/buddies/rounds/:roundId/swap": { params: round, body: { schema: C.SwapInRoundRequest, base: () => ({ a: "aad-user-sam", b: "aad-user-noah" }) }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/buddies/rounds/:roundId/publish": { params: round, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/buddies/rounds/:roundId/discard": { params: round, deniedTo: ["member", "sponsor"] },
  "PUT /api/communities/:communityId/buddies/rounds/:roundId/reflection": { params: round, body: { schema: C.ReflectionRequest, base: () => ({ kind: "mid", text: "Fuzz" }) } },
  "PUT /api/communities/:communityId/buddies/me": { params: community, body: { schema: C.BuddyPreferencesUpdateRequest, base: () => ({ optedOut: false }) } },
  "PUT /api/communities/:communityId/buddies/settings": { params: community, body: { schema: C.BuddySettingsUpdateRequest, base: () => ({ sprintDays: 14 }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/practices": { params: community },
  "POST /api/communities/:communityId/practices": { params: community, body: { schema: C.CreatePracticeRequest, base: () => ({ name: "Fuzz practice", priority: "feedback" }) }, deniedTo: ["member", "sponsor"] },
  "PATCH /api/communities/:communityId/practices/:practiceId": { params: practice, body: { schema: C.UpdatePracticeRequest, base: () => ({ name: "Fuzz practice" }) }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/practices/:practiceId/move": { params: practice, body: { schema: C.MovePracticeRequest, base: () => ({ to: "concept", reason: "Fuzz" }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/practices/:practiceId/timeline": { params: practice },
  "POST /api/communities/:communityId/practices/:practiceId/pilots": { params: practice, body: { schema: C.StartPilotRequest, base: (fx) => ({ startOn: inDays(fx, 1), checkBackOn: inDays(fx, 30) }) }, deniedTo: ["sponsor"] },
  "PUT /api/communities/:communityId/pilots/:pilotId/report": { params: pilot, body: { schema: C.PilotReportRequest, base: () => ({ outcome: "worked" }) }, deniedTo: ["member", "facilitator", "lead", "sponsor"] },
  "POST /api/communities/:communityId/pilots/:pilotId/withdraw": { params: pilot, deniedTo: ["member", "facilitator", "sponsor"] },
  "PUT /api/communities/:communityId/practice-rules": { params: community, body: { schema: C.EvidenceRulesUpdateRequest, base: () => ({ habitMinWeeks: 4 }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/prompts": { params: community },
  "POST /api/communities/:communityId/prompts": { params: community, body: { schema: C.CreatePromptRequest, base: () => ({ kind: "discussion", text: "Fuzz prompt", value: "Curiosity" }) }, deniedTo: ["member", "sponsor"] },
  "PATCH /api/communities/:communityId/prompts/:promptId": { params: { ...community, promptId: (fx) => fx.promptId }, body: { schema: C.UpdatePromptRequest, base: () => ({ text: "Fuzz prompt" }) }, deniedTo: ["member", "sponsor"] },
  "POST /api/communities/:communityId/prompts/:promptId/post": { params: { ...community, promptId: (fx) => fx.promptId }, deniedTo: ["member", "sponsor"] },
  "PUT /api/communities/:communityId/prompt-settings": { params: community, body: { schema: C.PromptSettingsUpdateRequest, base: () => ({ time: "10:00" }) }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/reflections": { params: community, query: { schema: C.PageQuery } },
  "PUT /api/communities/:communityId/postings/:postingId/answer": { params: { ...community, postingId: (fx) => fx.postingId }, body: { schema: C.RespondRequest, base: () => ({ answer: "Fuzz" }) }, deniedTo: ["sponsor"] },
  "POST /api/communities/:communityId/promotions": {
    params: community,
    body: { schema: C.PromoteRequest, base: (fx) => ({ kind: "response", responseId: fx.answerId }), fields: ["kind", "responseId", "sessionId", "userId"] }, deniedTo: ["member", "sponsor"] },
  "GET /api/communities/:communityId/insights": { params: community, query: { schema: C.InsightsQuery } },
  "GET /api/communities/:communityId/insights/export": { params: community, query: { schema: C.ExportQuery, base: { format: "md" } } },
  "GET /api/communities/:communityId/me/data": { params: community },
  "POST /api/communities/:communityId/me/erase": { params: community, body: { schema: C.EraseMeRequest, base: () => ({ confirm: "Not my name" }), emptyIsObject: true } },
  "GET /api/communities/:communityId/charter": { params: community },
  "PUT /api/communities/:communityId/charter": { params: community, body: { schema: C.CharterUpdateRequest, base: () => ({ baseVersion: 1, cadence: "Fuzz" }) }, deniedTo: ["member", "facilitator", "sponsor"] },
  "POST /api/communities/:communityId/charter/acknowledge": { params: community, body: { schema: C.CharterAcknowledgeRequest, base: () => ({}), emptyIsObject: true } },
  "GET /api/communities/:communityId/charter/versions/:version": { params: { ...community, version: () => "1" } },
  "GET /api/communities/:communityId/newcomer": { params: community },
  "GET /api/communities/:communityId/members": { params: community },
  "PUT /api/communities/:communityId/members/:userId/role": { params: { ...community, userId: (fx) => fx.userId }, body: { schema: C.MemberRoleRequest, base: () => ({ role: "member" }) }, deniedTo: ["member", "facilitator", "sponsor"] },
  "GET /api/dev/users": { dev: true },
  "GET /api/dev/clock": { dev: true },
  "POST /api/dev/advance": { dev: true, body: { schema: C.DevAdvanceRequest, base: (fx) => ({ to: new Date(fx.now.getTime() + 3_600_000).toISOString() }) } },
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const splitKey = (key: string) => {
  const [method, path] = key.split(" ") as [string, string];
  return { method, path };
};
const methodsByPath = new Map<string, Set<string>>();
for (const key of Object.keys(ROUTES)) {
  const { method, path } = splitKey(key);
  methodsByPath.set(path, (methodsByPath.get(path) ?? new Set()).add(method));
}

// ── Generated bad requests ──────────────────────────────────────────────────

/** What one generated request breaks; compact, so a counterexample stays readable. */
type Fault =
  | { kind: "identity"; header: string | string[] | null; authorization?: string }
  | { kind: "param"; param: string; segment: PathSegment }
  | { kind: "query"; pairs: [string, string][] }
  | { kind: "body"; contentType: string | null; body: BodyValue }
  | { kind: "malformedJson"; contentType: string; text: string }
  | { kind: "tooLarge" }
  | { kind: "unsupported"; header: "content-type" | "content-encoding"; value: string }
  | { kind: "method"; method: string }
  | { kind: "policy"; role: RoleKey };

/** A body: an object (base with one field replaced, and extra keys) or any JSON, or no body at all. */
type BodyValue =
  | { shape: "object"; field?: string; value?: unknown; remove?: boolean; deep?: { depth: number; kind: "array" | "object" }; extras: [string, unknown][] }
  | { shape: "json"; value: unknown }
  | { shape: "empty" }
  | { shape: "none" };

interface Generated {
  route: string;
  role: RoleKey;
  fault: Fault;
  /** Harmless query noise on top (keys no route reads). */
  noise: [string, string][];
}

const DEEP = "\u0000deep\u0000";

function bodyText(spec: BodySpec, fx: Fixture, b: BodyValue): string | undefined {
  if (b.shape === "none") return undefined;
  if (b.shape === "empty") return "";
  if (b.shape === "json") return JSON.stringify(b.value) ?? "null";
  const obj: Record<string, unknown> = { ...spec.base(fx) };
  if (b.field !== undefined) {
    if (b.remove) delete obj[b.field];
    else obj[b.field] = b.deep ? DEEP : b.value;
  }
  // Extra keys as own properties, `__proto__` included (a plain assignment would set the prototype).
  for (const [k, v] of b.extras) Object.defineProperty(obj, k, { value: v, enumerable: true, configurable: true, writable: true });
  const text = JSON.stringify(obj);
  return b.field !== undefined && b.deep ? text.replace(JSON.stringify(DEEP), deeplyNestedJson(b.deep.depth, b.deep.kind)) : text;
}

const isJsonType = (ct: string | null) => ct !== null && /^application\/([a-z.+-]*\+)?json(\s*;.*)?$/i.test(ct.trim());

/** What the route's handler receives as `req.body` (express.json: strict, objects and arrays only, empty → {}). */
function bodySeenByServer(contentType: string | null, text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || !isJsonType(contentType)) return { ok: true, value: undefined };
  if (text === "") return { ok: true, value: {} };
  if (!isJsonObjectOrArray(text)) return { ok: false };
  return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) };
}

const fieldPath = (issue: z.core.$ZodIssue | undefined) => (issue && issue.path.length ? issue.path.map(String).join(".") : undefined);

interface Expectation {
  /** The exact status, when the fault decides it. */
  status?: number;
  code?: string;
  /** For a 400 `bad_request`: the field the answer must name. */
  field?: string;
}

/**
 * The oracle: is this request certainly refused, and what must a 400 name? Returns null
 * for a request that might be valid (those are filtered out, never sent in part (a)).
 */
function expectationFor(g: Generated, fx: Fixture): Expectation | null {
  const spec = ROUTES[g.route]!;
  const f = g.fault;
  switch (f.kind) {
    case "identity":
    case "tooLarge":
    case "unsupported":
    case "method":
    case "malformedJson":
      return {
        identity: { status: 401, code: "unauthorized" },
        tooLarge: { status: 413, code: "payload_too_large" },
        unsupported: { status: 415 },
        method: { status: 404, code: "not_found" },
        malformedJson: { status: 400, code: "malformed_json" },
      }[f.kind];
    case "policy":
      return { status: 403, code: "forbidden" };
    case "param": {
      const decoded = f.segment.decoded;
      if (decoded === null) return { status: 400 };
      if (f.param === "version") {
        const n = Number(decoded);
        if (Number.isSafeInteger(n) && n >= 1) return n > 100 ? {} : null;
        return { status: 400, field: "version" };
      }
      const parsed = C.Id.safeParse(decoded);
      if (!parsed.success) return { status: 400, field: f.param };
      return fx.existingIds.has(parsed.data) ? null : {};
    }
    case "query": {
      const query = querystring.parse(queryString(f.pairs));
      const result = spec.query!.schema.safeParse(query);
      return result.success ? null : { field: fieldPath(result.error.issues[0]) };
    }
    case "body": {
      const text = bodyText(spec.body!, fx, f.body);
      const seen = bodySeenByServer(f.contentType, text);
      if (!seen.ok) return { status: 400, code: "malformed_json" };
      const value = seen.value === undefined && spec.body!.emptyIsObject ? {} : seen.value;
      const result = spec.body!.schema.safeParse(value);
      return result.success ? null : { field: fieldPath(result.error.issues[0]) };
    }
  }
}

const queryString = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join("&");

let largeBody: Buffer | undefined;

function build(g: Generated, fx: Fixture): RawRequest {
  const spec = ROUTES[g.route]!;
  const { method: routeMethod, path: pattern } = splitKey(g.route);
  const f = g.fault;
  let path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => (f.kind === "param" && f.param === name ? f.segment.encoded : encodeURIComponent(spec.params![name]!(fx))));
  const pairs: [string, string][] = f.kind === "query" ? f.pairs : Object.entries(spec.query?.base ?? {});
  const all = [...pairs, ...g.noise];
  if (all.length) path += `?${queryString(all)}`;

  const headers: Record<string, string | string[]> = { "x-dev-user": USERS[f.kind === "policy" ? f.role : g.role] };
  let body: Buffer | undefined;
  const validBody = () => (spec.body ? JSON.stringify(spec.body.base(fx)) : undefined);
  const setJson = (text: string | undefined, contentType: string | null = "application/json") => {
    if (text === undefined) return;
    body = Buffer.from(text, "utf8");
    if (contentType !== null) headers["content-type"] = contentType;
  };
  let method = routeMethod;
  switch (f.kind) {
    case "identity":
      delete headers["x-dev-user"];
      if (f.header !== null) headers["x-dev-user"] = f.header;
      if (f.authorization) headers.authorization = f.authorization;
      setJson(validBody());
      break;
    case "param":
    case "query":
    case "policy":
      setJson(validBody());
      break;
    case "body":
      setJson(bodyText(spec.body!, fx, f.body), f.contentType);
      break;
    case "malformedJson":
      setJson(f.text, f.contentType);
      break;
    case "tooLarge":
      largeBody ??= Buffer.from(JSON.stringify({ title: "x".repeat(1024 * 1024 + 16) }), "utf8");
      body = largeBody;
      headers["content-type"] = "application/json";
      break;
    case "unsupported":
      setJson(validBody() ?? "{}");
      headers[f.header] = f.header === "content-type" ? `application/json; charset=${f.value}` : f.value;
      break;
    case "method":
      method = f.method;
      setJson(validBody());
      break;
  }
  if (body !== undefined) headers["content-length"] = String(body.length);
  return { method, path, headers, body };
}

/** Values for one body field: anything of any type, too long, removed, deeply nested. */
const fieldValue: fc.Arbitrary<Pick<Extract<BodyValue, { shape: "object" }>, "value" | "remove" | "deep">> = fc.oneof(
  { weight: 6, arbitrary: anyJsonValue.map((value) => ({ value })) },
  { weight: 2, arbitrary: fc.constantFrom(41, 61, 121, 161, 201, 301, 501, 1001, 2001, 4001, 50_001).chain((n) => tooLongText(n)).map((value) => ({ value })) },
  { weight: 2, arbitrary: fc.constant({ remove: true }) },
  { weight: 1, arbitrary: fc.record({ depth: fc.integer({ min: 50, max: 5000 }), kind: fc.constantFrom("array" as const, "object" as const) }).map((deep) => ({ deep })) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "nope", "TRUE", "2026-13-45", "25:99", "javascript:alert(1)", "http://insecure.example").map((value) => ({ value })) },
);

const extraKeys = fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), anyJsonValue), { maxLength: 3 });

function bodyFault(spec: BodySpec): fc.Arbitrary<Fault> {
  const shape = spec.schema instanceof z.ZodObject ? Object.keys(spec.schema.shape) : [];
  const fields = spec.fields ?? shape;
  const object: fc.Arbitrary<BodyValue> = fc
    .tuple(fc.constantFrom(...fields), fieldValue, extraKeys)
    .map(([field, v, extras]) => ({ shape: "object" as const, field, ...v, extras: extras.filter(([k]) => !fields.includes(k)) }));
  const whole: fc.Arbitrary<BodyValue> = fc.oneof(
    anyJsonValue.map((value) => ({ shape: "json" as const, value })),
    fc.constant({ shape: "empty" as const }),
    fc.constant({ shape: "none" as const }),
    extraKeys.map((extras) => ({ shape: "object" as const, extras })),
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "application/vnd.api+json", "application/merge-patch+json") },
    { weight: 2, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/html", "application/jsonx", "application/json-seq", null) },
  );
  return fc.tuple(contentType, fc.oneof({ weight: 3, arbitrary: object }, { weight: 1, arbitrary: whole })).map(([ct, body]) => ({ kind: "body" as const, contentType: body.shape === "none" ? null : ct, body }));
}

function queryFault(schema: z.ZodType, base: Record<string, string>): fc.Arbitrary<Fault> {
  const fields = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const value = fc.oneof(
    hostileText,
    fc.constantFrom("", " ", "0", "-1", "1.5", "1e400", "NaN", "Infinity", "0x10", "101", "9".repeat(400), "true ", "TRUE", "yes", "2026-02-30", "upcoming ", "md,csv"),
    fc.constantFrom(201, 4001).chain((n) => tooLongText(n)),
  );
  return fc
    .tuple(fc.constantFrom(...fields), fc.array(value, { minLength: 1, maxLength: 3 }))
    .map(([field, values]) => ({ kind: "query" as const, pairs: [...Object.entries(base).filter(([k]) => k !== field), ...values.map((v): [string, string] => [field, v])] }));
}

const identityFault: fc.Arbitrary<Fault> = fc.record({
  kind: fc.constant("identity" as const),
  header: fc.oneof<fc.Arbitrary<string | string[] | null>[]>(
    fc.constant(null),
    fc.constantFrom("", " ", "aad-user-nobody", "x".repeat(201), "' OR 1=1 --", "__proto__", "constructor", "toString", "../aad-user-amara", "aad-user-amara, aad-user-jonas", "aad-user-amar", "com-demo", "\u00e9\u00e8"),
    fc.constant<string[]>([USERS.lead, USERS.member]),
    fc.string({ unit: "grapheme-ascii", maxLength: 30 }).filter((s) => !Object.values(USERS).includes(s.trim() as never) && !/^aad-user-[a-z]+$/.test(s.trim())),
  ),
  authorization: fc.option(fc.constantFrom("Bearer ", "Bearer not-a-jwt", "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.", "Basic YTpi", "Bearer " + "A".repeat(3000)), { nil: undefined }),
});

function faultsFor(route: string): fc.Arbitrary<Fault> {
  const spec = ROUTES[route]!;
  const { path } = splitKey(route);
  const registered = methodsByPath.get(path)!;
  const others = METHODS.filter((m) => !registered.has(m));
  const params = Object.keys(spec.params ?? {});
  const options: { weight: number; arbitrary: fc.Arbitrary<Fault> }[] = [
    { weight: 8, arbitrary: malformedJsonText.chain((text) => fc.constantFrom("application/json", "application/json; charset=utf-8", "application/problem+json").map((contentType) => ({ kind: "malformedJson" as const, contentType, text }))) },
    { weight: 4, arbitrary: fc.constantFrom(["content-type", "latin1"], ["content-type", "koi8-r"], ["content-type", "x-nope"], ["content-encoding", "x-nope"], ["content-encoding", "compress"]).map(([header, value]) => ({ kind: "unsupported" as const, header: header as "content-type" | "content-encoding", value: value! })) },
    { weight: 1, arbitrary: fc.constant({ kind: "tooLarge" as const }) },
  ];
  if (others.length) options.push({ weight: 4, arbitrary: fc.constantFrom(...others).map((method) => ({ kind: "method" as const, method })) });
  if (!spec.dev) options.push({ weight: 10, arbitrary: identityFault });
  if (params.length) {
    const segment = (param: string) =>
      param === "version"
        ? fc.oneof(hostileSegment, fc.constantFrom("0", "-1", "1.5", "abc", "1e400", "NaN", "Infinity", "101", "99999999999999999999", " ", "1 ").map((s) => ({ encoded: encodeURIComponent(s), decoded: s })))
        : fc.oneof(hostileSegment, fc.stringMatching(/^[A-Za-z0-9._:@-]{1,40}$/).map((s) => ({ encoded: encodeURIComponent(s), decoded: s })));
    options.push({ weight: 30, arbitrary: fc.constantFrom(...params).chain((param) => segment(param).map((s) => ({ kind: "param" as const, param, segment: s }))) });
  }
  if (spec.deniedTo) options.push({ weight: 8, arbitrary: fc.constantFrom(...spec.deniedTo).map((role) => ({ kind: "policy" as const, role })) });
  if (spec.query) options.push({ weight: 30, arbitrary: queryFault(spec.query.schema, spec.query.base ?? {}) });
  if (spec.body) options.push({ weight: 45, arbitrary: bodyFault(spec.body) });
  return fc.oneof(...options);
}

const noise = fc.array(fc.tuple(fc.constantFrom("__proto__", "constructor", "$where", "a[b]", "x%00", "callback", "_", "utm_source"), fc.oneof(hostileText, fc.constant(""))), { maxLength: 2 });

// ── The tests ───────────────────────────────────────────────────────────────

let server: TestServer;
let fx: Fixture;
let before: Dump;
const sent = new Map<string, number>();
const statuses = new Map<number, number>();
const count = (label: string) => sent.set(label, (sent.get(label) ?? 0) + 1);

beforeAll(async () => {
  server = await startServer();
  before = await dumpStore(server);
  const docs = [...before.values()];
  const now = server.ctx.clock.now();
  const sessions = docs.filter((d) => d.type === "session" && d.status === "scheduled").sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
  // Upcoming, and facilitated by none of the four callers, so their refusals come from their roles alone.
  const upcoming = sessions.find((s) => Date.parse(String(s.startsAt)) > now.getTime() + 2 * 86_400_000 && !Object.values(USERS).includes(s.facilitatorId as never));
  const past = [...sessions].reverse().find((s) => Date.parse(String(s.startsAt)) < now.getTime());
  const activePilot = docs.find((d) => d.type === "pilot" && d.status === "active" && d.userId === "aad-user-olivia");
  if (!upcoming || !past || !activePilot) throw new Error("The demo seed changed: the fuzz fixture needs an upcoming and a past session and Olivia's active pilot.");
  const existingIds = new Set<string>(["com-demo", ...docs.map((d) => d.id), ...docs.flatMap((d) => (typeof d.userId === "string" ? [d.userId] : []))]);
  fx = {
    communityId: "com-demo",
    artifactId: "art-demo-01",
    sessionId: upcoming.id,
    pastSessionId: past.id,
    seriesId: String(upcoming.seriesId),
    followUpId: "fup-demo-1",
    roundId: "rnd-demo-1",
    practiceId: "prc-demo-1",
    pilotId: activePilot.id,
    promptId: "prm-demo-1",
    postingId: "pst-demo-1",
    answerId: "ans-demo-1",
    userId: "aad-user-sam",
    existingIds,
    now,
  };
  for (const id of [fx.artifactId, fx.followUpId, fx.roundId, fx.practiceId, fx.promptId, fx.postingId, fx.answerId, fx.userId]) {
    if (!existingIds.has(id)) throw new Error(`The demo seed changed: ${id} is gone; update the fuzz fixture.`);
  }
});

afterAll(async () => {
  agent.destroy();
  await server?.close();
});

test("the fuzz table covers exactly the API's routes and the local dev routes", () => {
  const api = listApiRoutes(server.ctx).map((r) => `${r.method} ${r.path}`);
  const dev: string[] = [];
  for (const layer of devRoutes(server.ctx, { advance: async () => ({ ran: 0, delivered: 0, skipped: 0, failed: 0 }) }).stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    for (const [method, on] of Object.entries(layer.route?.methods ?? {})) if (on && method !== "_all") dev.push(`${method.toUpperCase()} /api/dev${layer.route!.path}`);
  }
  expect(api).toHaveLength(new Set(api).size);
  expect(Object.keys(ROUTES).sort()).toEqual([...api, ...dev].sort());
});

test("at least 10,000 guaranteed-invalid requests across every route: each refused with a 4xx that says what to fix, and the store unchanged", async () => {
  const routes = Object.keys(ROUTES);
  for (const [index, route] of routes.entries()) {
    const arbitrary = fc
      .record({ route: fc.constant(route), role: fc.constantFrom(...ROLE_KEYS), fault: faultsFor(route), noise })
      .filter((g) => expectationFor(g, fx) !== null);
    const property = fc.asyncProperty(arbitrary, async (g) => {
      const expected = expectationFor(g, fx)!;
      const request = build(g, fx);
      count(`${route.split(" ")[0]} ${area(route)}|${g.fault.kind}`);
      const res = await send(server.baseUrl, request);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `${request.method} ${request.path.slice(0, 300)} as ${g.role} (${g.fault.kind})`;
      if (res.status >= 500) throw new Error(`${where}: ${res.status} ${res.text.slice(0, 500)}`);
      if (res.status < 400) throw new Error(`${where}: accepted (${res.status}) a request its contract refuses: ${res.text.slice(0, 300)}`);
      if (!/^application\/json/.test(res.contentType)) throw new Error(`${where}: ${res.status} answered with ${res.contentType || "no content type"}: ${res.text.slice(0, 200)}`);
      const parsed = C.ErrorBody.safeParse(safeJson(res.text));
      if (!parsed.success) throw new Error(`${where}: ${res.status} body is not the error shape: ${res.text.slice(0, 300)}`);
      const { code, message, field } = parsed.data.error;
      if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new Error(`${where}: error code '${code}' is not a stable snake_case code`);
      const problem = messageProblem(message);
      if (problem) throw new Error(`${where}: ${res.status} message ${problem}: ${JSON.stringify(message)}`);
      if (expected.status !== undefined && res.status !== expected.status) throw new Error(`${where}: expected ${expected.status}, got ${res.status} ${JSON.stringify(parsed.data)}`);
      if (expected.code !== undefined && code !== expected.code) throw new Error(`${where}: expected code ${expected.code}, got ${JSON.stringify(parsed.data)}`);
      if (res.status === 400 && code === "bad_request" && expected.field !== undefined) {
        if (field !== expected.field || !message.startsWith(`${expected.field}: `)) {
          throw new Error(`${where}: a 400 must name the field '${expected.field}' (as \`field\` and at the start of the message); got ${JSON.stringify(parsed.data)}`);
        }
      }
    });
    await fc.assert(property, { numRuns: RUNS_PER_ROUTE, seed: SEED + index });
    const after = await dumpStore(server);
    const diff = diffDumps(before, after);
    if (diff.added.length || diff.changed.length || diff.removed.length) throw new Error(`Refused requests to ${route} changed the store: ${describeDiff(diff)}`);
  }
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(10_000);
  report("guaranteed-invalid requests", total);
});

// ── (b) Hostile but valid ───────────────────────────────────────────────────

const sentinel = (k: string) => `INJECTED-${k}`;
/** Extra keys a client must not be able to set: prototypes, system fields, server-owned fields. */
const hostileExtras = fc.subarray(["__proto__", "constructor", "prototype", "id", "type", "tenantId", "communityId", "userId", "authorId", "createdBy", "role", "openCount", "deleted", "_etag", "_ts", "ttl", "schemaVersion"], { maxLength: 5 });

function withExtras(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const obj = { ...body };
  for (const k of keys) {
    if (Object.hasOwn(body, k)) continue;
    const value = k === "__proto__" ? { polluted: sentinel(k), isAdmin: true } : sentinel(k);
    Object.defineProperty(obj, k, { value, enumerable: true, configurable: true, writable: true });
  }
  return obj;
}

/** Every string anywhere in a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}
function ownKeysDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) ownKeysDeep(v, out);
  else if (value && typeof value === "object") {
    for (const k of Object.getOwnPropertyNames(value)) {
      out.push(k);
      ownKeysDeep((value as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

interface Scenario {
  name: string;
  route: string;
  user: string;
  body: (state: ScenarioState) => fc.Arbitrary<Record<string, unknown>>;
  path: (state: ScenarioState) => string;
  /** The request contract: what the stored text must equal is what it makes of the input. */
  schema: z.ZodType;
  /** The document type that holds the text, and its stored contract. */
  target: string;
  targetSchema: z.ZodType;
  /** Which stored fields must equal which request fields (as the contract parsed them). */
  compare: (doc: Doc, req: Record<string, unknown>) => [unknown, unknown];
  /** Document types this request may add or change, beyond its target. */
  alsoWrites: string[];
  after?: (response: unknown, state: ScenarioState) => void;
}
type ScenarioState = Record<string, unknown>;

const H = hostileTextFor;
const pickFields = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** Library items last: their 50,000-character bodies make every later store dump slower. */
function scenarios(): Scenario[] {
  const c = `/api/communities/${fx.communityId}`;
  return [
    {
      name: "a new follow-up",
      route: "POST /api/communities/:communityId/followups",
      user: USERS.lead,
      body: () => fc.record({ title: H(200, true), ownerId: fc.constant(USERS.member), dueOn: fc.constant(inDays(fx, 20)) }),
      path: () => `${c}/followups`,
      schema: C.FollowUpCreateRequest,
      target: "followUp",
      targetSchema: C.FollowUp,
      compare: (doc, req) => [doc.title, req.title],
      alsoWrites: ["job", "jobIndex", "jobCursor"],
    },
    {
      name: "a follow-up's new title",
      route: "PATCH /api/communities/:communityId/followups/:followUpId",
      user: USERS.lead,
      body: () => fc.record({ title: H(200, true) }),
      path: () => `${c}/followups/${fx.followUpId}`,
      schema: C.FollowUpUpdateRequest,
      target: "followUp",
      targetSchema: C.FollowUp,
      compare: (doc, req) => [doc.title, req.title],
      alsoWrites: ["job", "jobIndex", "jobCursor"],
    },
    {
      name: "a check-in",
      route: "PUT /api/communities/:communityId/sessions/:sessionId/checkin",
      user: USERS.member,
      body: () => fc.record({ win: H(500), challenge: H(500), ask: H(500), practice: H(200), energy: fc.integer({ min: 1, max: 5 }) }),
      path: () => `${c}/sessions/${fx.sessionId}/checkin`,
      schema: C.CheckInRequest,
      target: "checkIn",
      targetSchema: C.CheckIn,
      compare: (doc, req) => [pickFields(doc, ["win", "challenge", "ask", "practice", "energy"]), pickFields(req, ["win", "challenge", "ask", "practice", "energy"])],
      alsoWrites: [],
    },
    {
      name: "feedback on a past session",
      route: "PUT /api/communities/:communityId/sessions/:sessionId/feedback",
      user: USERS.member,
      body: () => fc.record({ usefulness: fc.integer({ min: 1, max: 5 }), willTry: H(300) }),
      path: () => `${c}/sessions/${fx.pastSessionId}/feedback`,
      schema: C.FeedbackRequest,
      target: "feedback",
      targetSchema: C.Feedback,
      compare: (doc, req) => [pickFields(doc, ["usefulness", "willTry"]), pickFields(req, ["usefulness", "willTry"])],
      alsoWrites: [],
    },
    {
      name: "a session's theme",
      route: "PATCH /api/communities/:communityId/sessions/:sessionId",
      user: USERS.lead,
      body: () => fc.record({ theme: fc.record({ title: H(120, true) }) }),
      path: () => `${c}/sessions/${fx.sessionId}`,
      schema: C.SessionUpdateRequest,
      target: "session",
      targetSchema: C.Session,
      compare: (doc, req) => [(doc.theme as { title: string }).title, (req.theme as { title: string }).title],
      alsoWrites: ["job", "jobIndex", "jobCursor"],
    },
    {
      name: "a new practice",
      route: "POST /api/communities/:communityId/practices",
      user: USERS.facilitator,
      body: () => fc.record({ name: H(120, true), description: H(2000), priority: fc.constant("feedback") }),
      path: () => `${c}/practices`,
      schema: C.CreatePracticeRequest,
      target: "practice",
      targetSchema: C.Practice,
      compare: (doc, req) => [pickFields(doc, ["name", "description"]), pickFields(req, ["name", "description"])],
      alsoWrites: [],
    },
    {
      name: "a practice's description",
      route: "PATCH /api/communities/:communityId/practices/:practiceId",
      user: USERS.facilitator,
      body: () => fc.record({ description: H(2000) }),
      path: () => `${c}/practices/${fx.practiceId}`,
      schema: C.UpdatePracticeRequest,
      target: "practice",
      targetSchema: C.Practice,
      compare: (doc, req) => [doc.description, req.description],
      alsoWrites: [],
    },
    {
      name: "a pilot report",
      route: "PUT /api/communities/:communityId/pilots/:pilotId/report",
      user: "aad-user-olivia",
      body: () => fc.record({ outcome: fc.constantFrom("worked", "mixed", "did-not-work"), whatChanged: H(1000), signal: H(500), stillUsing: fc.boolean() }),
      path: () => `${c}/pilots/${fx.pilotId}/report`,
      schema: C.PilotReportRequest,
      target: "pilot",
      targetSchema: C.Pilot,
      compare: (doc, req) => [pickFields(doc.report as Record<string, unknown>, ["outcome", "whatChanged", "signal", "stillUsing"]), req],
      alsoWrites: [],
    },
    {
      name: "a new prompt",
      route: "POST /api/communities/:communityId/prompts",
      user: USERS.lead,
      body: () => fc.record({ kind: fc.constantFrom("discussion", "reflective", "weekly-question"), text: H(500, true), value: fc.constant("Curiosity") }),
      path: () => `${c}/prompts`,
      schema: C.CreatePromptRequest,
      target: "prompt",
      targetSchema: C.Prompt,
      compare: (doc, req) => [pickFields(doc, ["kind", "text", "value"]), req],
      alsoWrites: [],
    },
    {
      name: "an answer to a posted prompt",
      route: "PUT /api/communities/:communityId/postings/:postingId/answer",
      user: USERS.member,
      body: () => fc.record({ answer: H(2000, true), anonymous: fc.boolean() }),
      path: () => `${c}/postings/${fx.postingId}/answer`,
      schema: C.RespondRequest,
      target: "promptAnswer",
      targetSchema: C.PromptAnswer,
      compare: (doc, req) => [pickFields(doc, ["answer", "anonymous"]), pickFields(req, ["answer", "anonymous"])],
      alsoWrites: ["promptAnswerKey"],
    },
    {
      name: "a charter edit",
      route: "PUT /api/communities/:communityId/charter",
      user: USERS.lead,
      body: () =>
        fc.record({
          baseVersion: fc.constant(0),
          purpose: H(2000, true),
          goals: fc.array(H(300, true), { minLength: 1, maxLength: 3 }),
          norms: fc.array(H(300, true), { maxLength: 3 }),
          cadence: H(300, true),
          note: H(200),
        }),
      path: () => `${c}/charter`,
      schema: C.CharterUpdateRequest,
      target: "community",
      targetSchema: C.Community,
      compare: (doc, req) => [pickFields(doc.charter as Record<string, unknown>, ["purpose", "goals", "norms", "cadence", "note"]), pickFields(req, ["purpose", "goals", "norms", "cadence", "note"])],
      alsoWrites: ["charterVersion"],
      after: (res, s) => void (s.version = (res as { charter: { version: number } }).charter.version),
    },
    {
      name: "a series title",
      route: "PATCH /api/communities/:communityId/series/:seriesId",
      user: USERS.lead,
      body: () => fc.record({ title: H(120, true) }),
      path: () => `${c}/series/${fx.seriesId}`,
      schema: C.SeriesUpdateRequest,
      target: "series",
      targetSchema: C.SessionSeries,
      compare: (doc, req) => [doc.title, req.title],
      alsoWrites: ["session", "job", "jobIndex", "jobCursor"],
    },
    {
      name: "a new library item",
      route: "POST /api/communities/:communityId/artifacts",
      user: USERS.member,
      body: () =>
        fc.record({
          title: H(160, true),
          summary: H(500),
          body: H(50_000),
          fields: fc.record({ type: fc.constant("template"), whenToUse: H(1000) }),
          topics: fc.array(H(40, true), { maxLength: 3 }),
          visibility: fc.constant("community"),
        }),
      path: () => `${c}/artifacts`,
      schema: C.ArtifactCreateRequest,
      target: "artifact",
      targetSchema: C.Artifact,
      compare: (doc, req) => [pickFields(doc, ["title", "summary", "body", "fields", "topics"]), pickFields(req, ["title", "summary", "body", "fields", "topics"])],
      alsoWrites: ["artifactVersion"],
    },
    {
      name: "an edit of a library item",
      route: "PUT /api/communities/:communityId/artifacts/:artifactId",
      user: USERS.member,
      body: () =>
        fc.record({
          title: H(160, true),
          summary: H(500),
          body: H(50_000),
          fields: fc.record({ type: fc.constant("checklist"), items: fc.array(fc.record({ text: H(300, true) }), { minLength: 1, maxLength: 3 }) }),
          baseVersion: fc.constant(0),
          note: H(200),
        }),
      path: (s) => `${c}/artifacts/${s.artifactId as string}`,
      schema: C.ArtifactUpdateRequest,
      target: "artifact",
      targetSchema: C.Artifact,
      compare: (doc, req) => [pickFields(doc, ["title", "summary", "body", "fields"]), pickFields(req, ["title", "summary", "body", "fields"])],
      alsoWrites: ["artifactVersion"],
      after: (res, s) => void (s.version = (res as { version: number }).version),
    },
  ];
}

test("hostile but valid text is accepted, stored exactly as the contract reads it, and nothing else is written", async () => {
  const list = scenarios();
  let last = await dumpStore(server);
  for (const [index, scenario] of list.entries()) {
    const user = asUser(server.baseUrl, scenario.user);
    const state: ScenarioState = {};
    // Edits need a starting point of their own: a fresh item (or the charter as it stands).
    if (scenario.route.startsWith("PUT /api/communities/:communityId/artifacts/")) {
      const res = await user(`/api/communities/${fx.communityId}/artifacts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "To be edited", fields: { type: "checklist", items: [{ text: "First" }] } }) });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; version: number };
      Object.assign(state, { artifactId: created.id, version: created.version });
      last = await dumpStore(server);
    }
    if (scenario.route === "PUT /api/communities/:communityId/charter") {
      const res = await user(`/api/communities/${fx.communityId}/charter`);
      state.version = ((await res.json()) as { charter: { version: number } }).charter.version;
    }
    const property = fc.asyncProperty(
      fc.constant(null).chain(() => scenario.body(state)),
      hostileExtras,
      async (body, extras) => {
        // An edit names the version it starts from: the one the previous run left (read now, so a shrink replays correctly).
        if ("baseVersion" in body) body = { ...body, baseVersion: state.version };
        const sentBody = withExtras(body, extras);
        const res = await user(scenario.path(state), { method: splitKey(scenario.route).method, headers: { "content-type": "application/json" }, body: JSON.stringify(sentBody) });
        count(`${splitKey(scenario.route).method} ${area(scenario.route)}|hostile-valid`);
        const text = await res.text();
        if (res.status < 200 || res.status >= 300) throw new Error(`${scenario.name}: a valid request was refused (${res.status}): ${text.slice(0, 400)}`);
        const response = JSON.parse(text) as unknown;
        scenario.after?.(response, state);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();

        const now = await dumpStore(server);
        const diff = diffDumps(last, now);
        last = now;
        const touched = [...diff.added, ...diff.changed.map((c) => c.after)];
        const unexpected = touched.filter((d) => d.type !== scenario.target && !scenario.alsoWrites.includes(d.type));
        if (unexpected.length || diff.removed.length) throw new Error(`${scenario.name} wrote more than it should: ${describeDiff(diff)}`);
        const targets = touched.filter((d) => d.type === scenario.target);
        if (targets.length !== 1) throw new Error(`${scenario.name}: expected one ${scenario.target} written, found ${targets.length}: ${describeDiff(diff)}`);
        const doc = targets[0]!;

        // Whole and well-formed: the stored document (and everything else it wrote) still parses with its contract.
        const stored = scenario.targetSchema.safeParse(asEntity(doc));
        if (!stored.success) throw new Error(`${scenario.name}: the stored ${scenario.target} no longer parses: ${stored.error.issues[0]?.path.join(".")}: ${stored.error.issues[0]?.message}`);
        // Exactly the text the contract makes of the input: trimmed, nothing cut, escaped or replaced.
        const req = scenario.schema.parse(body) as Record<string, unknown>;
        const [actual, expected] = scenario.compare(doc, req);
        expect(actual).toEqual(expected);
        // The answer shows it back unchanged too.
        const shown = new Set(strings(response));
        for (const s of strings(expected)) if (s !== "") expect(shown.has(s)).toBe(true);
        // No extra key reached any written document, nor the prototype of anything.
        for (const d of touched) {
          expect(ownKeysDeep(d)).not.toContain("__proto__");
          expect(ownKeysDeep(d)).not.toContain("constructor");
          for (const s of strings(d)) expect(s.startsWith("INJECTED-")).toBe(false);
        }
      },
    );
    await fc.assert(property, { numRuns: HOSTILE_RUNS_PER_SCENARIO, seed: SEED + 1000 + index });
  }
  report("hostile-but-valid requests", [...sent.entries()].filter(([k]) => k.endsWith("|hostile-valid")).reduce((a, [, n]) => a + n, 0));
});

test("the server is still up and every document it holds still parses with its contract", async () => {
  const res = await fetch(`${server.baseUrl}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
  const contracts: Record<string, z.ZodType> = {
    artifact: C.Artifact,
    artifactVersion: C.ArtifactVersion,
    followUp: C.FollowUp,
    checkIn: C.CheckIn,
    feedback: C.Feedback,
    session: C.Session,
    series: C.SessionSeries,
    practice: C.Practice,
    pilot: C.Pilot,
    prompt: C.Prompt,
    promptAnswer: C.PromptAnswer,
    community: C.Community,
    member: C.Member,
    charterVersion: C.CharterVersion,
  };
  const broken: string[] = [];
  for (const doc of (await dumpStore(server)).values()) {
    const schema = contracts[doc.type];
    const result = schema?.safeParse(asEntity(doc));
    if (result && !result.success) broken.push(`${doc.type}:${doc.id}: ${result.error.issues[0]?.path.join(".")}: ${result.error.issues[0]?.message}`);
  }
  expect(broken).toEqual([]);
  printSummary();
});

// ── Bookkeeping ─────────────────────────────────────────────────────────────

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The area a route belongs to, for the summary: me, artifacts, sessions, buddies, … */
function area(route: string): string {
  const { path } = splitKey(route);
  if (path.startsWith("/api/dev")) return "dev";
  const rest = path.replace("/api/communities/:communityId", "").split("/").filter(Boolean)[0];
  return rest ?? (path === "/api/communities/:communityId" ? "community" : path.slice(5));
}

const reports: string[] = [];
function report(what: string, n: number) {
  reports.push(`${n} ${what}`);
}

function printSummary() {
  const byArea = new Map<string, number>();
  const byFault = new Map<string, number>();
  for (const [key, n] of sent) {
    const [route, fault] = key.split("|") as [string, string];
    byArea.set(route.split(" ")[1]!, (byArea.get(route.split(" ")[1]!) ?? 0) + n);
    byFault.set(fault, (byFault.get(fault) ?? 0) + n);
  }
  const lines = [
    `API fuzz: ${reports.join(", ")}`,
    `by area: ${[...byArea].sort().map(([k, n]) => `${k} ${n}`).join(", ")}`,
    `by input class: ${[...byFault].sort().map(([k, n]) => `${k} ${n}`).join(", ")}`,
    `refusals by status: ${[...statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k} ${n}`).join(", ")}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
