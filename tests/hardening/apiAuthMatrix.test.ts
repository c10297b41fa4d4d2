/**
 * The API's authorisation matrix: every route × every kind of caller, each outcome written
 * down by hand from the product's rules (bot/src/policies, the seeded demo and the
 * commands' own checks), never computed by the policy code under test.
 *
 * Callers: six token failures (none, bad signature, wrong audience, wrong issuer, expired,
 * a tenant that is not allowed) must get 401 with a sentence and change nothing; then six
 * identities of the demo tenant (someone outside the community, a member of the harbour
 * circle, a member of the other peer circle, a facilitator, the lead and the sponsor) and a
 * seventh, the lead's own object id signed in from a second allowed tenant that holds no
 * community, get the outcome in the table. Refusals carry the error code and write nothing.
 * Circle-scoped resources are shared with the harbour circle only.
 *
 * Then the SSO key handling itself: rotation, `alg: none`, HS256 signed with the public key,
 * no key fetch for a refused tenant, `nbf` in the future and a token without `oid`.
 */
import { createHmac } from "node:crypto";
import { listApiRoutes } from "../../bot/src/api/app";
import { DEMO_PEOPLE, DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { type Artifact, type ArtifactVersion, type BuddyRound, type CheckIn, ErrorBody, type FollowUp, type Member, type Pilot, type Practice, type Session, type SwapRequest } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { startLocalEntra, ssoEnv, type LocalEntra } from "../support/sso";
import { startMatrixServer, type MatrixServer } from "./authMatrixServer";

const C = "com-demo";
const TENANT_B = "0f0e0d0c-0b0a-4909-8807-060504030201"; // allowed, and holds no community
const TENANT_C = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"; // not allowed
const HARBOUR = "circle-harbour";
/** Confidential to the harbour circle (Diego's anonymous case): Priya, Jonas and Amara are in that circle; Fatima and Grace are not. */
const HARBOUR_CASE = "art-demo-08";
const LIGHTHOUSE_CASE = "art-demo-09";
const clock = new ManualClock("2026-11-20T09:00:00Z"); // a Friday; sessions are on Tuesdays

const WHO = ["nonMember", "member", "otherCircle", "facilitator", "lead", "sponsor", "otherTenant"] as const;
type Who = (typeof WHO)[number];
const USER: Record<Who, { tid: string; oid: string; name: string }> = {
  nonMember: { tid: DEMO_TENANT_ID, oid: "aad-user-stranger", name: "Sam Stranger" },
  member: { tid: DEMO_TENANT_ID, oid: "aad-user-priya", name: "Priya Raman" }, // harbour circle
  otherCircle: { tid: DEMO_TENANT_ID, oid: "aad-user-fatima", name: "Fatima Haddad" }, // lighthouse circle
  facilitator: { tid: DEMO_TENANT_ID, oid: "aad-user-jonas", name: "Jonas Weber" }, // harbour circle
  lead: { tid: DEMO_TENANT_ID, oid: "aad-user-amara", name: "Amara Okafor" }, // harbour circle, the only lead
  sponsor: { tid: DEMO_TENANT_ID, oid: "aad-user-grace", name: "Grace Mensah" }, // no circle
  otherTenant: { tid: TENANT_B, oid: "aad-user-amara", name: "Amara elsewhere" },
};

const TOKEN_FAILURES = ["no token", "bad signature", "wrong audience", "wrong issuer", "expired", "tenant not allowed"] as const;

type Status = 200 | 201 | 204 | 403 | 404 | 409;
/** The outcome per caller, in the order of WHO: nonMember, member, otherCircle, facilitator, lead, sponsor, otherTenant. */
type Expect = [Status, Status, Status, Status, Status, Status, Status];
const CODE: Partial<Record<number, string>> = { 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict" };

interface Req {
  path: string;
  body?: unknown;
}
interface Row {
  route: string;
  expect: Expect;
  /** The request; `who` is null for the token-failure cells, which must not prepare anything. */
  send(who: Who | null): Req | Promise<Req>;
  /** Hand-written checks of a successful answer (circle confidentiality, roles). */
  check?(who: Who, body: unknown): string | null;
}

let entra: LocalEntra;
let server: MatrixServer;
const tokens = new Map<string, string>();

// ── Fresh resources: each written straight to the store, so one cell's success never changes another's outcome ──

let serial = 0;
const next = () => ++serial;
const iso = () => clock.now().toISOString();
const repos = () => server.ctx.repos;
const base = { communityId: C, tenantId: DEMO_TENANT_ID };
const DIEGO = "aad-user-diego";
const PRIYA = "aad-user-priya";

const checklist = (title: string) => ({ type: "checklist" as const, items: [{ text: `${title}: first step` }] });

/** A checklist confidential to the harbour circle, written by Diego (who is none of the callers). */
async function harbourItem(options: { versions?: 1 | 2; deleted?: boolean } = {}): Promise<string> {
  const id = `art-matrix-${next()}`;
  const contentOf = (title: string) => ({ title, summary: "", body: "", fields: checklist(title), priorities: [], topics: [], visibility: "circle" as const, circleId: HARBOUR, anonymous: false });
  const versions = options.versions ?? 1;
  const latest = contentOf(versions === 2 ? "Harbour checklist, second version" : "Harbour checklist");
  const artifact: Artifact = {
    ...base,
    ...latest,
    id,
    type: "checklist",
    authorId: DIEGO,
    authorName: "Diego Alvarez",
    openCount: 0,
    version: versions,
    createdAt: iso(),
    updatedAt: iso(),
    updatedBy: DIEGO,
    deleted: options.deleted ?? false,
    ...(options.deleted ? { deletedAt: iso() } : {}),
  };
  const version = (n: number, content: ReturnType<typeof contentOf>): ArtifactVersion => ({ ...base, artifactId: id, version: n, editedBy: DIEGO, editedAt: iso(), changed: n === 1 ? [] : ["title"], note: n === 1 ? "Created" : "Edited", content });
  await repos().artifacts.createWithFirstVersion(artifact, version(1, contentOf("Harbour checklist")));
  if (versions === 2) await repos().artifacts.createVersion(version(2, latest));
  return id;
}

const sessions: Record<"read" | "manage" | "swap" | "decide" | "past", Session> = {} as never;

/** Puts a session back as it was planned, with these changes. */
async function resetSession(key: keyof typeof sessions, change: Partial<Session> = {}): Promise<string> {
  const s = sessions[key];
  await repos().rhythm.sessions.upsert({ ...s, ...change });
  return s.id;
}

async function followUpOfPriya(): Promise<string> {
  const f: FollowUp = { ...base, id: `fup-matrix-${next()}`, title: "Share the rota template", ownerId: PRIYA, dueOn: "2026-12-01", status: "open", createdBy: DIEGO, createdAt: iso(), updatedAt: iso() };
  await repos().rhythm.followUps.create(f);
  return f.id;
}

async function pilotOfPriya(): Promise<string> {
  const p: Pilot = { ...base, id: `plt-matrix-${next()}`, practiceId: "prc-demo-5", userId: PRIYA, commitment: "Let my reports set the agenda.", startOn: "2026-11-02", checkBackOn: "2026-11-30", status: "active", createdAt: iso(), updatedAt: iso() };
  await repos().practices.pilots.create(p);
  return p.id;
}

/** Diego asks Priya to take a session; pending. */
async function swapAskingPriya(): Promise<string> {
  const s: SwapRequest = { ...base, id: `swp-matrix-${next()}`, sessionId: sessions.decide.id, fromUserId: DIEGO, toUserId: PRIYA, status: "pending", createdAt: iso() };
  await repos().rhythm.swaps.create(s);
  return s.id;
}

/** No swap request waiting for the swap session (one may be pending per session). */
async function clearSwaps(): Promise<void> {
  for (const s of await repos().rhythm.pendingSwaps(C)) if (s.sessionId === sessions.swap.id) await repos().rhythm.swaps.upsert({ ...s, status: "withdrawn", decidedAt: iso() });
}

async function draftRound(): Promise<string> {
  const group = (n: number, memberIds: string[]) => ({ id: `grp-${n}`, memberIds, reasons: ["different departments"], relaxed: [] });
  const r: BuddyRound = {
    ...base,
    id: `rnd-matrix-${next()}`,
    status: "draft",
    seed: 1,
    groups: [group(1, ["aad-user-sam", DIEGO]), group(2, ["aad-user-noah", "aad-user-lucas"])],
    unmatched: [],
    relaxed: [],
    sprint: { startsOn: "2026-11-23", midOn: "2026-11-30", endsOn: "2026-12-06" },
    createdBy: "aad-user-jonas",
    createdAt: iso(),
    updatedAt: iso(),
  };
  await repos().buddies.rounds.create(r);
  return r.id;
}

/** Diego's check-in to the past session, with a win and a new first-sent time (so its promotion is a new item). */
async function winToPromote(): Promise<{ sessionId: string; userId: string }> {
  const submittedAt = new Date(Date.parse("2026-11-16T08:00:00Z") + next() * 1000).toISOString();
  const c: CheckIn = { ...base, sessionId: sessions.past.id, userId: DIEGO, win: "The night shift ran the handover on their own.", challenge: "", ask: "", practice: "", private: false, submittedAt, updatedAt: submittedAt };
  await repos().rhythm.checkIns.upsert(c);
  return { sessionId: c.sessionId, userId: c.userId };
}

let practiceTwo: Practice;
let diego: Member;

async function charterVersion(): Promise<number> {
  return (await repos().communities.get(C, C))!.doc.charter!.version;
}

// ── The table ──

const P = `/api/communities/${C}`;
const NAME: Record<Who, string> = Object.fromEntries(WHO.map((w) => [w, USER[w].name])) as Record<Who, string>;
const ROLE: Partial<Record<Who, string>> = { member: "member", otherCircle: "member", facilitator: "facilitator", lead: "lead", sponsor: "sponsor" };
const inHarbour = (who: Who) => who === "member" || who === "facilitator" || who === "lead";
const ids = (items: unknown) => (items as { id: string }[]).map((i) => i.id);

/** A static request: the same for every caller. */
const at = (path: string, body?: unknown) => () => ({ path, ...(body === undefined ? {} : { body }) });
/** A request on a fresh resource per identity cell; token cells get a placeholder id (refused before any lookup). */
const fresh = (make: () => Promise<string>, path: (id: string) => string, body?: (who: Who) => unknown) => async (who: Who | null) => {
  const id = who ? await make() : "placeholder-id";
  return { path: path(id), ...(body ? { body: body(who ?? "lead") } : {}) };
};

//                                                                    nonMember member otherCircle facilitator lead sponsor otherTenant
const ROWS: Row[] = [
  {
    route: "GET /api/me",
    expect: [200, 200, 200, 200, 200, 200, 200],
    send: at("/api/me"),
    check: (who, body) => {
      const roles = (body as { communities: { id: string; role: string }[] }).communities.map((c) => `${c.id}:${c.role}`);
      const want = ROLE[who] ? [`${C}:${ROLE[who]}`] : [];
      return JSON.stringify(roles) === JSON.stringify(want) ? null : `communities ${JSON.stringify(roles)}, expected ${JSON.stringify(want)}`;
    },
  },
  { route: "GET /api/communities/:communityId", expect: [403, 200, 200, 200, 200, 200, 403], send: at(P) },

  // Library
  { route: "GET /api/artifact-templates", expect: [200, 200, 200, 200, 200, 200, 200], send: at("/api/artifact-templates") },
  {
    route: "GET /api/communities/:communityId/artifacts",
    expect: [403, 200, 200, 200, 200, 200, 403],
    send: at(`${P}/artifacts?type=case-summary&limit=50`),
    check: (who, body) => {
      const listed = ids((body as { items: unknown }).items);
      const harbour = listed.includes(HARBOUR_CASE);
      const lighthouse = listed.includes(LIGHTHOUSE_CASE);
      return harbour === inHarbour(who) && lighthouse === (who === "otherCircle") ? null : `lists harbour case: ${harbour}, lighthouse case: ${lighthouse}`;
    },
  },
  {
    route: "POST /api/communities/:communityId/artifacts",
    expect: [403, 201, 201, 201, 201, 403, 403], // sponsors read only
    send: (who) => ({ path: `${P}/artifacts`, body: { title: `A checklist from the matrix (${who ?? "token"})`, fields: checklist("New") } }),
  },
  {
    route: "GET /api/communities/:communityId/artifacts/:artifactId",
    expect: [403, 200, 404, 200, 200, 404, 403], // the harbour case: another circle and the sponsor get the same 404 as for no item
    send: at(`${P}/artifacts/${HARBOUR_CASE}`),
  },
  {
    route: "PUT /api/communities/:communityId/artifacts/:artifactId",
    expect: [403, 403, 404, 200, 200, 404, 403], // the author, facilitators and leads edit what they can see
    send: fresh(harbourItem, (id) => `${P}/artifacts/${id}`, (who) => ({ title: `Harbour checklist, edited by ${who}`, fields: checklist("Edited"), visibility: "circle", circleId: HARBOUR, baseVersion: 1 })),
  },
  {
    route: "DELETE /api/communities/:communityId/artifacts/:artifactId",
    expect: [403, 403, 404, 403, 200, 404, 403], // leads delete
    send: fresh(harbourItem, (id) => `${P}/artifacts/${id}`),
  },
  {
    route: "POST /api/communities/:communityId/artifacts/:artifactId/undelete",
    expect: [403, 404, 404, 404, 200, 404, 403], // a deleted item exists for leads only
    send: fresh(() => harbourItem({ deleted: true }), (id) => `${P}/artifacts/${id}/undelete`),
  },
  { route: "GET /api/communities/:communityId/artifacts/:artifactId/versions", expect: [403, 200, 404, 200, 200, 404, 403], send: at(`${P}/artifacts/${HARBOUR_CASE}/versions`) },
  { route: "GET /api/communities/:communityId/artifacts/:artifactId/versions/:version", expect: [403, 200, 404, 200, 200, 404, 403], send: at(`${P}/artifacts/${HARBOUR_CASE}/versions/1`) },
  {
    route: "POST /api/communities/:communityId/artifacts/:artifactId/versions/:version/restore",
    expect: [403, 403, 404, 200, 200, 404, 403],
    send: fresh(() => harbourItem({ versions: 2 }), (id) => `${P}/artifacts/${id}/versions/1/restore`, () => ({ baseVersion: 2 })),
  },

  // Sessions: community-wide, so the other circle's member is a member like any other
  { route: "GET /api/communities/:communityId/sessions", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/sessions`) },
  { route: "GET /api/communities/:communityId/sessions/:sessionId", expect: [403, 200, 200, 200, 200, 200, 403], send: () => ({ path: `${P}/sessions/${sessions.read.id}` }) },
  {
    route: "PATCH /api/communities/:communityId/sessions/:sessionId",
    expect: [403, 403, 403, 200, 200, 403, 403], // Diego facilitates it: facilitators and leads manage
    send: async (who) => ({ path: `${P}/sessions/${who ? await resetSession("manage") : sessions.manage.id}`, body: { joinUrl: "https://teams.microsoft.com/l/meetup-join/matrix" } }),
  },
  {
    route: "POST /api/communities/:communityId/sessions/:sessionId/skip",
    expect: [403, 403, 403, 200, 200, 403, 403],
    send: async (who) => ({ path: `${P}/sessions/${who ? await resetSession("manage") : sessions.manage.id}/skip`, body: { reason: "Bank holiday" } }),
  },
  {
    route: "POST /api/communities/:communityId/sessions/:sessionId/restore",
    expect: [403, 403, 403, 200, 200, 403, 403],
    send: async (who) => ({ path: `${P}/sessions/${who ? await resetSession("manage", { status: "skipped", revision: sessions.manage.revision + 1 }) : sessions.manage.id}/restore` }),
  },
  {
    route: "POST /api/communities/:communityId/sessions/:sessionId/move",
    expect: [403, 403, 403, 200, 200, 403, 403],
    send: async (who) => ({ path: `${P}/sessions/${who ? await resetSession("manage") : sessions.manage.id}/move`, body: { to: "2026-12-02T10:00", reason: "Room clash" } }),
  },
  { route: "PUT /api/communities/:communityId/sessions/:sessionId/rsvp", expect: [403, 200, 200, 200, 200, 403, 403], send: () => ({ path: `${P}/sessions/${sessions.read.id}/rsvp`, body: { answer: "going" } }) },
  { route: "PUT /api/communities/:communityId/sessions/:sessionId/checkin", expect: [403, 200, 200, 200, 200, 403, 403], send: () => ({ path: `${P}/sessions/${sessions.read.id}/checkin`, body: { win: "Handed the planning meeting to my team.", energy: 4 } }) },
  {
    route: "GET /api/communities/:communityId/sessions/:sessionId/checkins",
    expect: [403, 403, 403, 200, 200, 403, 403], // the past session Diego facilitated: its facilitator, facilitators and leads read everyone's
    send: () => ({ path: `${P}/sessions/${sessions.past.id}/checkins` }),
  },
  { route: "PUT /api/communities/:communityId/sessions/:sessionId/feedback", expect: [403, 200, 200, 200, 200, 403, 403], send: () => ({ path: `${P}/sessions/${sessions.past.id}/feedback`, body: { usefulness: 4, willTry: "Ask before advising." } }) },
  { route: "GET /api/communities/:communityId/sessions/:sessionId/calendar.ics", expect: [403, 200, 200, 200, 200, 200, 403], send: () => ({ path: `${P}/sessions/${sessions.read.id}/calendar.ics` }) },
  { route: "GET /api/communities/:communityId/series", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/series`) },
  {
    route: "PATCH /api/communities/:communityId/series/:seriesId",
    expect: [403, 403, 403, 200, 200, 403, 403],
    send: (who) => ({ path: `${P}/series/ser-demo-deepdive`, body: { joinUrl: `https://teams.microsoft.com/l/meetup-join/deep-dive-${who ?? "token"}` } }),
  },
  { route: "GET /api/communities/:communityId/rota", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/rota`) },
  {
    route: "POST /api/communities/:communityId/sessions/:sessionId/swaps",
    expect: [403, 201, 403, 403, 201, 403, 403], // Priya facilitates this one: only she (or a lead) hands it on; a facilitator's role is not enough
    send: async (who) => {
      if (who) {
        await clearSwaps();
        await resetSession("swap", { facilitatorId: PRIYA });
      }
      return { path: `${P}/sessions/${sessions.swap.id}/swaps`, body: { toUserId: "aad-user-sam" } };
    },
  },
  {
    route: "POST /api/communities/:communityId/swaps/:swapId/decision",
    expect: [403, 200, 403, 403, 403, 403, 403], // Priya was asked: only she answers, leads included
    send: fresh(swapAskingPriya, (id) => `${P}/swaps/${id}/decision`, () => ({ decision: "decline" })),
  },
  { route: "GET /api/communities/:communityId/followups", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/followups`) },
  {
    route: "POST /api/communities/:communityId/followups",
    expect: [403, 201, 201, 201, 201, 403, 403],
    send: at(`${P}/followups`, { title: "Try the handover template", ownerId: PRIYA, dueOn: "2026-12-01" }),
  },
  {
    route: "PATCH /api/communities/:communityId/followups/:followUpId",
    expect: [403, 200, 403, 200, 200, 403, 403], // Priya owns it, Diego created it: the owner, facilitators and leads change it
    send: fresh(followUpOfPriya, (id) => `${P}/followups/${id}`, (who) => ({ title: `Share the rota template (${who})` })),
  },
  { route: "GET /api/communities/:communityId/me/preferences", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/me/preferences`) },
  { route: "PUT /api/communities/:communityId/me/preferences", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/me/preferences`, { personalReminders: true }) },

  // Buddies
  {
    route: "GET /api/communities/:communityId/buddies",
    expect: [403, 200, 200, 200, 200, 200, 403],
    send: at(`${P}/buddies`),
    check: (who, body) => {
      const circles = ids((body as { circles: unknown }).circles);
      const want = inHarbour(who) ? [HARBOUR] : who === "otherCircle" ? ["circle-lighthouse"] : [];
      return JSON.stringify(circles) === JSON.stringify(want) ? null : `sees circles ${JSON.stringify(circles)}, expected ${JSON.stringify(want)}`;
    },
  },
  { route: "POST /api/communities/:communityId/buddies/rounds", expect: [403, 403, 403, 201, 201, 403, 403], send: at(`${P}/buddies/rounds`, { seed: 7 }) },
  {
    route: "POST /api/communities/:communityId/buddies/rounds/:roundId/swap",
    expect: [403, 403, 403, 200, 200, 403, 403],
    send: fresh(draftRound, (id) => `${P}/buddies/rounds/${id}/swap`, () => ({ a: "aad-user-sam", b: "aad-user-noah" })),
  },
  { route: "POST /api/communities/:communityId/buddies/rounds/:roundId/publish", expect: [403, 403, 403, 200, 200, 403, 403], send: fresh(draftRound, (id) => `${P}/buddies/rounds/${id}/publish`, () => ({})) },
  { route: "POST /api/communities/:communityId/buddies/rounds/:roundId/discard", expect: [403, 403, 403, 204, 204, 403, 403], send: fresh(draftRound, (id) => `${P}/buddies/rounds/${id}/discard`, () => ({})) },
  {
    route: "PUT /api/communities/:communityId/buddies/rounds/:roundId/reflection",
    expect: [403, 200, 200, 200, 200, 403, 403], // the demo's published round pairs all four; sponsors are not in buddy rounds
    send: at(`${P}/buddies/rounds/rnd-demo-1/reflection`, { kind: "mid", stepsDone: ["observe"], text: "Sat in on my buddy's stand-up." }),
  },
  { route: "PUT /api/communities/:communityId/buddies/me", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/buddies/me`, { optedOut: false }) },
  { route: "PUT /api/communities/:communityId/buddies/settings", expect: [403, 403, 403, 200, 200, 403, 403], send: at(`${P}/buddies/settings`, { sprintDays: 14 }) },

  // Practices and pilots
  { route: "GET /api/communities/:communityId/practices", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/practices`) },
  {
    route: "POST /api/communities/:communityId/practices",
    expect: [403, 403, 403, 201, 201, 403, 403],
    send: (who) => ({ path: `${P}/practices`, body: { name: `Matrix practice (${who ?? "token"})`, description: "", priority: "feedback" } }),
  },
  { route: "PATCH /api/communities/:communityId/practices/:practiceId", expect: [403, 403, 403, 200, 200, 403, 403], send: (who) => ({ path: `${P}/practices/prc-demo-6`, body: { description: `Edited by ${who ?? "token"}.` } }) },
  {
    route: "POST /api/communities/:communityId/practices/:practiceId/move",
    expect: [403, 403, 403, 200, 200, 403, 403], // back a stage, with a reason, from where the demo left it
    send: async (who) => {
      if (who) await repos().practices.practices.upsert(practiceTwo);
      return { path: `${P}/practices/prc-demo-2/move`, body: { to: "piloting", reason: "Two teams stopped using it." } };
    },
  },
  { route: "GET /api/communities/:communityId/practices/:practiceId/timeline", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/practices/prc-demo-1/timeline`) },
  {
    route: "POST /api/communities/:communityId/practices/:practiceId/pilots",
    expect: [403, 201, 201, 201, 201, 403, 403], // nobody of these runs a pilot of practice 3 yet
    send: at(`${P}/practices/prc-demo-3/pilots`, { startOn: "2026-11-23", checkBackOn: "2026-12-07", commitment: "Run one blameless review." }),
  },
  {
    route: "PUT /api/communities/:communityId/pilots/:pilotId/report",
    expect: [403, 200, 403, 403, 403, 403, 403], // Priya's pilot: only she reports, leads included
    send: fresh(pilotOfPriya, (id) => `${P}/pilots/${id}/report`, () => ({ outcome: "worked", whatChanged: "Reports bring the hard topics.", signal: "Agendas arrive early.", stillUsing: true })),
  },
  { route: "POST /api/communities/:communityId/pilots/:pilotId/withdraw", expect: [403, 200, 403, 403, 200, 403, 403], send: fresh(pilotOfPriya, (id) => `${P}/pilots/${id}/withdraw`, () => ({})) },
  { route: "PUT /api/communities/:communityId/practice-rules", expect: [403, 403, 403, 200, 200, 403, 403], send: (who) => ({ path: `${P}/practice-rules`, body: { habitMinWeeks: who === "lead" ? 6 : 8 } }) },

  // Prompts and reflections
  { route: "GET /api/communities/:communityId/prompts", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/prompts`) },
  {
    route: "POST /api/communities/:communityId/prompts",
    expect: [403, 403, 403, 201, 201, 403, 403],
    send: at(`${P}/prompts`, { kind: "discussion", text: "What did you stop doing this month?", value: "Curiosity" }),
  },
  { route: "PATCH /api/communities/:communityId/prompts/:promptId", expect: [403, 403, 403, 200, 200, 403, 403], send: (who) => ({ path: `${P}/prompts/prm-demo-8`, body: { text: `What did a newcomer teach you this month? (${who ?? "token"})` } }) },
  { route: "POST /api/communities/:communityId/prompts/:promptId/post", expect: [403, 403, 403, 201, 201, 403, 403], send: at(`${P}/prompts/prm-demo-4/post`, {}) },
  { route: "PUT /api/communities/:communityId/prompt-settings", expect: [403, 403, 403, 200, 200, 403, 403], send: (who) => ({ path: `${P}/prompt-settings`, body: { time: who === "lead" ? "09:30" : "10:00" } }) },
  { route: "GET /api/communities/:communityId/reflections", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/reflections`) },
  {
    route: "PUT /api/communities/:communityId/postings/:postingId/answer",
    expect: [403, 200, 200, 200, 200, 403, 403], // sponsors read the reflections
    send: at(`${P}/postings/pst-demo-1/answer`, { answer: "I thanked the late shift at stand-up." }),
  },
  {
    route: "POST /api/communities/:communityId/promotions",
    expect: [403, 403, 403, 201, 201, 403, 403],
    send: async (who) => ({ path: `${P}/promotions`, body: { kind: "check-in-win", ...(who ? await winToPromote() : { sessionId: sessions.past.id, userId: DIEGO }) } }),
  },

  // Insights and data rights (erasure is the last row: it ends each identity's membership)
  { route: "GET /api/communities/:communityId/insights", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/insights`) },
  {
    route: "GET /api/communities/:communityId/insights/export",
    expect: [403, 403, 403, 200, 200, 200, 403], // for the people who account for the community: facilitators, leads and sponsors
    send: at(`${P}/insights/export?format=md`),
  },
  { route: "GET /api/communities/:communityId/me/data", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/me/data`) },

  // Charter, newcomer path and roles
  { route: "GET /api/communities/:communityId/charter", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/charter`) },
  {
    route: "PUT /api/communities/:communityId/charter",
    expect: [403, 403, 403, 403, 200, 403, 403], // the lead's alone
    send: async (who) => ({ path: `${P}/charter`, body: { baseVersion: who ? await charterVersion() : 1, purpose: `Help every manager here lead a little better (${who ?? "token"}).` } }),
  },
  { route: "POST /api/communities/:communityId/charter/acknowledge", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/charter/acknowledge`, {}) },
  { route: "GET /api/communities/:communityId/charter/versions/:version", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/charter/versions/1`) },
  { route: "GET /api/communities/:communityId/newcomer", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/newcomer`) },
  { route: "GET /api/communities/:communityId/members", expect: [403, 200, 200, 200, 200, 200, 403], send: at(`${P}/members`) },
  {
    route: "PUT /api/communities/:communityId/members/:userId/role",
    expect: [403, 403, 403, 403, 200, 403, 403],
    send: async (who) => {
      if (who) await repos().members.upsert(diego, "Harbour Managers' Circle");
      return { path: `${P}/members/${DIEGO}/role`, body: { role: "facilitator" } };
    },
  },

  {
    route: "POST /api/communities/:communityId/me/erase",
    expect: [403, 200, 200, 200, 409, 200, 403], // everyone may erase their own data; the only lead must hand the role on first
    send: (who) => ({ path: `${P}/me/erase`, body: { confirm: who ? (DEMO_PEOPLE.find((p) => p.userId === USER[who].oid)?.displayName ?? NAME[who]) : "Amara Okafor" } }),
  },
];

// ── Running a cell ──

const routeKey = (method: string, path: string) => `${method} ${path}`;
const pattern = (route: string) => new RegExp(`^${route.split(" ")[1]!.replace(/[.]/g, "\\.").replace(/:[A-Za-z]+/g, "[^/?]+")}(\\?.*)?$`);
const isSentence = (text: unknown) => typeof text === "string" && text.length >= 20 && /^[A-Z]/.test(text) && /[.!?)]$/.test(text.trim());

interface Answer {
  status: number;
  body: unknown;
  writes: string[];
}

async function call(row: Row, req: Req, authorization: string | null): Promise<Answer> {
  const method = row.route.split(" ")[0]!;
  if (!pattern(row.route).test(req.path)) throw new Error(`${row.route}: the table sends ${req.path}, which is not this route`);
  const before = server.store.writeLog.length;
  const res = await fetch(`${server.baseUrl}${req.path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(req.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
  });
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json") && text ? (JSON.parse(text) as unknown) : text;
  return { status: res.status, body: json, writes: server.store.writeLog.slice(before) };
}

/** What is wrong with a refusal: status, error code, a sentence, and no write. */
function refusalProblems(answer: Answer, status: number): string[] {
  const problems: string[] = [];
  if (answer.status !== status) return [`status ${answer.status}, expected ${status} (${JSON.stringify(answer.body).slice(0, 160)})`];
  const parsed = ErrorBody.safeParse(answer.body);
  if (!parsed.success) return [`body is not an error: ${JSON.stringify(answer.body).slice(0, 160)}`];
  if (parsed.data.error.code !== CODE[status]) problems.push(`code ${parsed.data.error.code}, expected ${CODE[status]}`);
  if (!isSentence(parsed.data.error.message)) problems.push(`message is not a sentence: ${JSON.stringify(parsed.data.error.message)}`);
  if (answer.writes.length) problems.push(`refused but wrote: ${answer.writes.join(", ")}`);
  return problems;
}

// ── Setup ──

beforeAll(async () => {
  entra = await startLocalEntra();
  server = await startMatrixServer({ ...ssoEnv(entra), AAD_ALLOWED_TENANT_IDS: `${DEMO_TENANT_ID},${TENANT_B}`, AAD_JWKS_COOLDOWN_MS: "0" }, { clock });

  // The weekly check-ins still ahead, and the last one that has ended.
  const planned = await repos().rhythm.sessionsBetween(C, "2026-10-01T00:00:00Z", "2027-03-01T00:00:00Z", { limit: 100 });
  const weekly = planned.filter((s) => s.seriesId === "ser-demo-checkin" && s.status === "scheduled");
  const ahead = weekly.filter((s) => Date.parse(s.startsAt) > clock.now().getTime());
  const past = weekly.filter((s) => Date.parse(s.endsAt) < clock.now().getTime()).at(-1);
  if (ahead.length < 4 || !past) throw new Error(`the demo rhythm changed: ${ahead.length} weekly sessions ahead, past ${past?.id}`);
  Object.assign(sessions, { read: ahead[0], manage: { ...ahead[1], facilitatorId: DIEGO }, swap: ahead[2], decide: ahead[3], past: { ...past, facilitatorId: DIEGO } });
  await resetSession("manage");
  await resetSession("past");
  practiceTwo = (await repos().practices.practices.get(C, "prc-demo-2"))!.doc;
  diego = (await repos().members.get(C, DIEGO))!.doc;
  expect(practiceTwo.stage).toBe("adopted");
  expect(diego.role).toBe("member");

  const sign = (claims: { tid: string; oid: string; name: string }, options: Parameters<LocalEntra["token"]>[1] = {}) => entra.token(claims, options);
  for (const who of WHO) tokens.set(who, await sign(USER[who]));
  const lead = USER.lead;
  tokens.set("bad signature", await sign(lead, { sign: "other-key" }));
  tokens.set("wrong audience", await sign(lead, { audience: "api://someone-else" }));
  tokens.set("wrong issuer", await sign(lead, { issuer: "https://login.example.com/v2.0" }));
  tokens.set("expired", await sign(lead, { expiresIn: "-5 minutes" }));
  tokens.set("tenant not allowed", await sign({ ...lead, tid: TENANT_C }));
});

afterAll(async () => {
  await server?.close();
  await entra?.close();
});

it("the table has exactly one row for every API route", () => {
  const listed = listApiRoutes(server.ctx).map((r) => routeKey(r.method, r.path)).sort();
  const tabled = ROWS.map((r) => r.route).sort();
  expect(tabled).toEqual(listed);
  expect(new Set(tabled).size).toBe(tabled.length);
});

describe("token failures: 401 with a sentence, nothing written", () => {
  let before: string;
  beforeAll(async () => {
    before = await server.store.dump();
  });

  it.each(ROWS.map((r) => [r.route, r] as const))("%s", async (_route, row) => {
    const problems: string[] = [];
    for (const failure of TOKEN_FAILURES) {
      const answer = await call(row, await row.send(null), failure === "no token" ? null : `Bearer ${tokens.get(failure)}`);
      for (const p of refusalProblems(answer, 401)) problems.push(`${failure}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("left every document as it was, and never fetched keys for the refused tenant", async () => {
    expect(await server.store.dump()).toBe(before);
    expect(entra.keyFetches.filter((p) => p.includes(TENANT_C))).toEqual([]);
  });
});

describe("identities: the outcome in the table; refusals say why and write nothing", () => {
  it.each(ROWS.map((r) => [r.route, r] as const))("%s", async (_route, row) => {
    const problems: string[] = [];
    for (const [i, who] of WHO.entries()) {
      const want = row.expect[i]!;
      const answer = await call(row, await row.send(who), `Bearer ${tokens.get(who)}`);
      if (want >= 400) {
        for (const p of refusalProblems(answer, want)) problems.push(`${who}: ${p}`);
        continue;
      }
      if (answer.status !== want) {
        problems.push(`${who}: status ${answer.status}, expected ${want} (${JSON.stringify(answer.body).slice(0, 200)})`);
        continue;
      }
      if (!row.route.startsWith("GET ") && answer.writes.length === 0) problems.push(`${who}: ${want} but nothing was written`);
      const checked = row.check?.(who, answer.body);
      if (checked) problems.push(`${who}: ${checked}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("Teams SSO keys", () => {
  const me = (token: string) => fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  const refused = async (token: string, message: RegExp) => {
    const before = server.store.writeLog.length;
    const res = await me(token);
    expect(res.status).toBe(401);
    const { error } = ErrorBody.parse(await res.json());
    expect(error.code).toBe("unauthorized");
    expect(error.message).toMatch(message);
    expect(isSentence(error.message)).toBe(true);
    expect(server.store.writeLog.length).toBe(before);
  };
  const demoFetches = () => entra.keyFetches.filter((p) => p.startsWith(`/${DEMO_TENANT_ID}/`)).length;
  const member = { tid: DEMO_TENANT_ID, oid: "aad-user-priya", name: "Priya Raman" };

  it("a key published later is fetched and accepted; a key taken out of the set is refused once the set is fetched again", async () => {
    const kid2 = await entra.rotate();
    let fetched = demoFetches();
    expect((await me(await entra.token(member, { kid: kid2 }))).status).toBe(200);
    expect(demoFetches()).toBe(fetched + 1); // the unknown kid made it fetch the set again
    expect((await me(await entra.token(member, { kid: "key-1" }))).status).toBe(200); // the old key is still published

    const kid3 = await entra.rotate({ drop: true });
    expect(entra.publishedKids()).toEqual([kid3]);
    fetched = demoFetches();
    expect((await me(await entra.token(member, { kid: kid3 }))).status).toBe(200);
    expect(demoFetches()).toBe(fetched + 1);
    fetched = demoFetches();
    await refused(await entra.token(member, { kid: "key-1" }), /refused/);
    expect(demoFetches()).toBeGreaterThan(fetched); // looked again before refusing
    await refused(await entra.token(member, { kid: kid2 }), /refused/);
  });

  const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = () => ({ ...member, ver: "2.0", aud: entra.clientId, iss: `${entra.authority}/${DEMO_TENANT_ID}/v2.0`, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });

  it("refuses an unsigned token (alg none)", async () => {
    await refused(`${segment({ alg: "none", typ: "JWT" })}.${segment(claims())}.`, /refused/);
  });

  it("refuses HS256 signed with the published public key as the secret", async () => {
    const kid = entra.publishedKids()[0]!;
    const unsigned = `${segment({ alg: "HS256", typ: "JWT", kid })}.${segment(claims())}`;
    const signature = createHmac("sha256", await entra.publicKeyPem(kid)).update(unsigned).digest("base64url");
    await refused(`${unsigned}.${signature}`, /refused/);
  });

  it("refuses a tenant that is not allowed without fetching keys for it", async () => {
    await refused(await entra.token({ ...member, tid: TENANT_C }), /organisation is not allowed/);
    expect(entra.keyFetches.filter((p) => p.includes(TENANT_C))).toEqual([]);
  });

  it("refuses a token that is not valid yet (nbf ten minutes ahead)", async () => {
    await refused(await entra.token({ ...member, nbf: Math.floor(Date.now() / 1000) + 600 }), /refused/);
  });

  it("refuses a token without a user (no oid)", async () => {
    await refused(await entra.token({ tid: DEMO_TENANT_ID, name: "Nobody" }), /oid/);
  });
});
