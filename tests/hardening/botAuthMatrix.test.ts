/**
 * The bot endpoint's authorisation matrix, in Azure-like mode (a bot identity configured, so
 * every activity needs a Bot Framework token), with botbuilder's own token check pointed at
 * a local OpenID metadata document and keys generated here (startServer's test-only
 * `botChannelTokens`; everything else about the check is botbuilder's).
 *
 * Every invoke (each card verb, the messaging extension's query, fetchTask and submitAction,
 * the preview's edit and send, link unfurling) × {no token, bad signature, wrong audience,
 * wrong issuer, expired, unsigned, not yet valid} → 401, nothing written, nothing sent.
 * Then with a valid token, the person named by `from.aadObjectId` in the demo tenant
 * (outside the community, a harbour-circle member, a member of the other circle, a
 * facilitator, the lead, the sponsor) gets the outcome in the table, written by hand from
 * the product's rules. Refusals are a sentence and write nothing.
 */
import { randomUUID } from "node:crypto";
import { DEMO_TENANT_ID } from "../../bot/src/commands/demo/people";
import { type FollowUp, type Pilot, type Session, type SwapRequest } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { VERBS } from "../../bot/src/teams/cards/verbs";
import { startRecordingConnector, type RecordingConnector } from "../support/connector";
import { startLocalBotFramework, type LocalBotFramework } from "../support/sso";
import { startMatrixServer, type MatrixServer } from "./authMatrixServer";

const APP_ID = "11111111-2222-4333-8444-555555555555";
const C = "com-demo";
const DIEGO = "aad-user-diego";
const PRIYA = "aad-user-priya";
/** Confidential to the harbour circle: Priya, Jonas and Amara are in it; Fatima and Grace are not. */
const HARBOUR_CASE = "art-demo-08";
const clock = new ManualClock("2026-11-20T09:00:00Z");

const WHO = ["nonMember", "member", "otherCircle", "facilitator", "lead", "sponsor"] as const;
type Who = (typeof WHO)[number];
const PERSON: Record<Who, { aadObjectId: string; name: string }> = {
  nonMember: { aadObjectId: "aad-user-stranger", name: "Sam Stranger" },
  member: { aadObjectId: PRIYA, name: "Priya Raman" },
  otherCircle: { aadObjectId: "aad-user-fatima", name: "Fatima Haddad" },
  facilitator: { aadObjectId: "aad-user-jonas", name: "Jonas Weber" },
  lead: { aadObjectId: "aad-user-amara", name: "Amara Okafor" },
  sponsor: { aadObjectId: "aad-user-grace", name: "Grace Mensah" },
};

let bf: LocalBotFramework;
let connector: RecordingConnector;
let server: MatrixServer;
const repos = () => server.ctx.repos;
const base = { communityId: C, tenantId: DEMO_TENANT_ID };
const iso = () => clock.now().toISOString();
let serial = 0;

// ── Activities as Teams posts them ──

type Activity = Record<string, unknown>;
function activity(who: Who, name: string, value: unknown): Activity {
  const p = PERSON[who];
  return {
    id: randomUUID(),
    type: "invoke",
    name,
    value,
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    timestamp: iso(),
    locale: "en-GB",
    from: { id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: `28:${APP_ID}`, name: "Practice Circles" },
    conversation: { id: `a:personal-${p.aadObjectId}`, conversationType: "personal", tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: "compose" } },
  };
}
const cardAction = (verb: string, data: Record<string, unknown>, trigger: "manual" | "automatic" = "manual") => (who: Who) =>
  activity(who, "adaptiveCard/action", { action: { type: "Action.Execute", verb, data }, trigger });
const extension = (name: string, value: Record<string, unknown>) => (who: Who) => activity(who, name, value);

// ── Fresh resources, written straight to the store ──

const sessions: Record<"read" | "manage" | "swap" | "decide" | "past", Session> = {} as never;
async function resetSession(key: keyof typeof sessions, change: Partial<Session> = {}): Promise<string> {
  await repos().rhythm.sessions.upsert({ ...sessions[key], ...change });
  return sessions[key].id;
}
async function followUpOfPriya(): Promise<string> {
  const f: FollowUp = { ...base, id: `fup-bot-${++serial}`, title: "Share the rota template", ownerId: PRIYA, dueOn: "2026-12-01", status: "open", createdBy: DIEGO, createdAt: iso(), updatedAt: iso() };
  await repos().rhythm.followUps.create(f);
  return f.id;
}
async function pilotOfPriya(): Promise<string> {
  const p: Pilot = { ...base, id: `plt-bot-${++serial}`, practiceId: "prc-demo-5", userId: PRIYA, commitment: "Let my reports set the agenda.", startOn: "2026-11-02", checkBackOn: "2026-11-30", status: "active", createdAt: iso(), updatedAt: iso() };
  await repos().practices.pilots.create(p);
  return p.id;
}
async function swapAskingPriya(): Promise<string> {
  const s: SwapRequest = { ...base, id: `swp-bot-${++serial}`, sessionId: sessions.decide.id, fromUserId: DIEGO, toUserId: PRIYA, status: "pending", createdAt: iso() };
  await repos().rhythm.swaps.create(s);
  return s.id;
}
async function swapSessionOfPriya(): Promise<string> {
  for (const s of await repos().rhythm.pendingSwaps(C)) if (s.sessionId === sessions.swap.id) await repos().rhythm.swaps.upsert({ ...s, status: "withdrawn", decidedAt: iso() });
  return resetSession("swap", { facilitatorId: PRIYA });
}

// ── The table ──

type Kind = "card" | "message" | "dialog" | "preview" | "results" | "searchMessage";
interface Outcome {
  kind: Kind;
  /** Text the answer must contain (for a refusal, the sentence that says why). */
  says?: RegExp;
  /** Text it must not contain (another circle's case). */
  hides?: RegExp;
  writes: boolean;
  /** For results: how many. */
  count?: number;
}
interface Row {
  invoke: string;
  /** The activity for a caller; `prepared` is null for the token cells, which must not prepare anything. */
  activity(who: Who, prepared: string | null): Activity;
  prepare?(): Promise<string>;
  /** Outcomes in the order of WHO; null: this invoke is only checked for tokens (see its note). */
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome] | null;
}

const NOT_MEMBER = /not a member of this community/;
const ok = (kind: Kind, writes: boolean, extra: Partial<Outcome> = {}): Outcome => ({ kind, writes, ...extra });
const refused = (kind: Kind, says: RegExp): Outcome => ({ kind, says, writes: false });
const DONE = ok("card", true);
const CARD = ok("card", false);
const SHIFT_LEADS = /Two shift leads who will not hand over/;
const caseLink = () => server.ctx.links.artifact(C, HARBOUR_CASE);
const preview = () => ({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard", version: "1.5", body: [], actions: [{ type: "Action.OpenUrl", title: "Open in Circles", url: caseLink() }] } }] });
const CASE = { communityId: C, title: "Two leads disagree in public", situation: "Two of my team leads argued in the weekly stand-up and the team went silent.", question: "How do I reset the tone without taking sides?", priority: "psychological-safety", visibility: "community", circleId: "", anonymous: "false", messageLink: "" };

//                       nonMember                          member        otherCircle                                facilitator                                  lead          sponsor
const ROWS: Row[] = [
  {
    invoke: `card ${VERBS.rsvp}`,
    activity: (who) => cardAction(VERBS.rsvp, { communityId: C, sessionId: sessions.read.id, answer: "going" })(who),
    expect: [refused("message", NOT_MEMBER), DONE, DONE, DONE, DONE, refused("message", /Sponsors follow the sessions but don't RSVP/)],
  },
  {
    invoke: `card ${VERBS.checkInOpen}`,
    activity: (who) => cardAction(VERBS.checkInOpen, { communityId: C, sessionId: sessions.read.id })(who),
    expect: [refused("card", /Check-ins are for members/), CARD, CARD, CARD, CARD, CARD],
  },
  {
    invoke: `card ${VERBS.checkInEdit}`,
    activity: (who) => cardAction(VERBS.checkInEdit, { communityId: C, sessionId: sessions.read.id })(who),
    expect: [refused("card", /Check-ins are for members/), CARD, CARD, CARD, CARD, CARD],
  },
  {
    invoke: `card ${VERBS.checkInRefresh}`,
    activity: (who) => cardAction(VERBS.checkInRefresh, { communityId: C, sessionId: sessions.read.id }, "automatic")(who),
    expect: [refused("card", /Check-ins are for members/), CARD, CARD, CARD, CARD, CARD],
  },
  {
    invoke: `card ${VERBS.checkInSubmit}`,
    activity: (who) => cardAction(VERBS.checkInSubmit, { communityId: C, sessionId: sessions.read.id, win: "Handed the planning meeting to my team.", energy: "4", private: "false" })(who),
    // The sponsor sees the card again with the sentence; nothing is saved.
    expect: [refused("message", NOT_MEMBER), DONE, DONE, DONE, DONE, refused("card", /Sponsors follow the sessions but don't check in/)],
  },
  {
    invoke: `card ${VERBS.feedbackSubmit}`,
    activity: (who) => cardAction(VERBS.feedbackSubmit, { communityId: C, sessionId: sessions.past.id, usefulness: "4", willTry: "Ask before advising." })(who),
    expect: [refused("message", NOT_MEMBER), DONE, DONE, DONE, DONE, refused("message", /Sponsors follow the sessions but don't give session feedback/)],
  },
  {
    invoke: `card ${VERBS.followUpDone}`,
    prepare: followUpOfPriya,
    activity: (who, id) => cardAction(VERBS.followUpDone, { communityId: C, followUpId: id ?? "fup-placeholder", view: "nudge" })(who),
    expect: [refused("message", NOT_MEMBER), DONE, refused("message", /Only the follow-up's owner/), DONE, DONE, refused("message", /Only the follow-up's owner/)],
  },
  {
    invoke: `card ${VERBS.swapRequest}`,
    prepare: swapSessionOfPriya,
    activity: (who) => cardAction(VERBS.swapRequest, { communityId: C, sessionId: sessions.swap.id, toUserId: "aad-user-sam" })(who),
    // Priya facilitates it: only she or a lead hands it on.
    expect: [refused("message", NOT_MEMBER), DONE, refused("message", /Only the person facilitating this session/), refused("message", /Only the person facilitating this session/), DONE, refused("message", /Only the person facilitating this session/)],
  },
  {
    invoke: `card ${VERBS.swapDecide}`,
    prepare: swapAskingPriya,
    activity: (who, id) => cardAction(VERBS.swapDecide, { communityId: C, swapId: id ?? "swp-placeholder", decision: "decline" })(who),
    expect: [refused("message", NOT_MEMBER), DONE, ...[0, 0, 0, 0].map(() => refused("message", /Only the person who was asked/))] as Row["expect"],
  },
  {
    invoke: `card ${VERBS.sessionSkip}`,
    prepare: () => resetSession("manage"),
    activity: (who) => cardAction(VERBS.sessionSkip, { communityId: C, sessionId: sessions.manage.id })(who),
    // Diego facilitates it: facilitators and leads change it.
    expect: [refused("message", NOT_MEMBER), refused("message", /facilitators and leads can change it/), refused("message", /facilitators and leads can change it/), DONE, DONE, refused("message", /facilitators and leads can change it/)],
  },
  {
    invoke: `card ${VERBS.buddyReflect}`,
    activity: (who) => cardAction(VERBS.buddyReflect, { communityId: C, roundId: "rnd-demo-1", groupId: "grp-1", kind: "mid", stepsDone: "observe", text: "Sat in on my buddy's stand-up." })(who),
    expect: [refused("message", NOT_MEMBER), DONE, DONE, DONE, DONE, refused("message", /Sponsors aren't part of buddy rounds/)],
  },
  {
    invoke: `card ${VERBS.promptRespond}`,
    activity: (who) => cardAction(VERBS.promptRespond, { communityId: C, postingId: "pst-demo-1", answer: "I thanked the late shift at stand-up.", anonymous: "false" })(who),
    expect: [refused("message", NOT_MEMBER), DONE, DONE, DONE, DONE, refused("message", /Sponsors read the reflections/)],
  },
  {
    invoke: `card ${VERBS.pilotReport}`,
    prepare: pilotOfPriya,
    activity: (who, id) => cardAction(VERBS.pilotReport, { communityId: C, pilotId: id ?? "plt-placeholder", outcome: "worked", whatChanged: "Reports bring the hard topics.", signal: "Agendas arrive early.", stillUsing: "true" })(who),
    expect: [refused("message", NOT_MEMBER), DONE, ...[0, 0, 0, 0].map(() => refused("message", /Only the manager who ran this pilot/))] as Row["expect"],
  },
  {
    invoke: "composeExtension/query (findInLibrary)",
    activity: (who) => extension("composeExtension/query", { commandId: "findInLibrary", parameters: [{ name: "searchQuery", value: "shift leads" }], queryOptions: { skip: 0, count: 25 } })(who),
    // The harbour circle's case is found by its members only.
    expect: [
      refused("searchMessage", /not in a Practice Circles community/),
      ok("results", false, { says: SHIFT_LEADS }),
      ok("results", false, { hides: SHIFT_LEADS }),
      ok("results", false, { says: SHIFT_LEADS }),
      ok("results", false, { says: SHIFT_LEADS }),
      ok("results", false, { hides: SHIFT_LEADS }),
    ],
  },
  {
    invoke: "composeExtension/queryLink (unfurl)",
    activity: (who) => extension("composeExtension/queryLink", { url: caseLink() })(who),
    expect: [ok("results", false, { count: 0 }), ok("results", false, { count: 1, says: SHIFT_LEADS }), ok("results", false, { count: 0 }), ok("results", false, { count: 1, says: SHIFT_LEADS }), ok("results", false, { count: 1, says: SHIFT_LEADS }), ok("results", false, { count: 0 })],
  },
  {
    invoke: "composeExtension/fetchTask (shareAsCase)",
    activity: (who) => extension("composeExtension/fetchTask", { commandId: "shareAsCase", commandContext: "compose", context: { theme: "default" } })(who),
    expect: [refused("dialog", /Join a community first/), ...[0, 0, 0, 0, 0].map(() => ok("dialog", false, { says: /Share as case|situation/i, hides: /Join a community first/ }))] as Row["expect"],
  },
  {
    invoke: "composeExtension/submitAction (shareAsCase)",
    activity: (who) => extension("composeExtension/submitAction", { commandId: "shareAsCase", commandContext: "compose", context: { theme: "default" }, data: CASE })(who),
    // Sponsors read the library: the form comes back with the refusal, nothing is saved.
    expect: [refused("dialog", /Join a community first/), ok("preview", true), ok("preview", true), ok("preview", true), ok("preview", true), refused("dialog", /sponsor/)],
  },
  {
    invoke: "composeExtension/submitAction edit (shareAsCase preview)",
    activity: (who) => extension("composeExtension/submitAction", { commandId: "shareAsCase", commandContext: "message", botMessagePreviewAction: "edit", botActivityPreview: [preview()], context: { theme: "default" } })(who),
    // Reopening the harbour case: its circle's members get the form; anyone else learns nothing about it.
    expect: [
      refused("dialog", /This case isn't available/),
      ok("dialog", false, { says: SHIFT_LEADS }),
      refused("dialog", /This case isn't available/),
      ok("dialog", false, { says: SHIFT_LEADS }),
      ok("dialog", false, { says: SHIFT_LEADS }),
      refused("dialog", /This case isn't available/),
    ],
  },
  {
    invoke: "composeExtension/submitAction send (shareAsCase preview)",
    activity: (who) => extension("composeExtension/submitAction", { commandId: "shareAsCase", commandContext: "message", botMessagePreviewAction: "send", botActivityPreview: [preview()], context: { theme: "default" } })(who),
    // Tokens only: a successful send posts through the connector, which needs an outbound
    // token from the bot's managed identity, and there is none on a test machine.
    expect: null,
  },
];

// ── Running a cell ──

interface Answer {
  status: number;
  body: unknown;
  text: string;
  writes: string[];
  sent: number;
}

async function post(act: Activity, authorization: string | null): Promise<Answer> {
  const writesBefore = server.store.writeLog.length;
  const sentBefore = connector.activities.length;
  const res = await fetch(`${server.baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(act),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // botbuilder answers some refusals with plain text
  }
  return { status: res.status, body, text, writes: server.store.writeLog.slice(writesBefore), sent: connector.activities.length - sentBefore };
}

function kindOf(body: unknown): Kind | "other" {
  const b = body as { type?: string; task?: { type?: string }; composeExtension?: { type?: string } } | null;
  if (b?.type === "application/vnd.microsoft.card.adaptive") return "card";
  if (b?.type === "application/vnd.microsoft.activity.message") return "message";
  if (b?.task?.type === "continue") return "dialog";
  if (b?.composeExtension?.type === "botMessagePreview") return "preview";
  if (b?.composeExtension?.type === "result") return "results";
  if (b?.composeExtension?.type === "message") return "searchMessage";
  return "other";
}

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const FAILURES: [string, () => Promise<string | null>][] = [
  ["no token", async () => null],
  ["bad signature", () => bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl, sign: "other-key" })],
  ["wrong audience", () => bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl, audience: "99999999-8888-4777-8666-555555555555" })],
  ["wrong issuer", () => bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl, issuer: "https://login.example.com/" })],
  ["expired", () => bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl, expiresIn: "-10 minutes" })], // botbuilder allows 5 minutes of clock skew
  ["unsigned (alg none)", async () => `${segment({ alg: "none", typ: "JWT", kid: "bf-key-1" })}.${segment({ iss: "https://api.botframework.com", aud: APP_ID, serviceurl: connector.serviceUrl, exp: Math.floor(Date.now() / 1000) + 600 })}.`],
  ["not valid yet (nbf)", () => bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl, notBefore: "10 minutes" })],
];
const tokens = new Map<string, string | null>();

beforeAll(async () => {
  [bf, connector] = await Promise.all([startLocalBotFramework(), startRecordingConnector()]);
  server = await startMatrixServer({ MicrosoftAppId: APP_ID, MicrosoftAppType: "UserAssignedMSI", MicrosoftAppTenantId: DEMO_TENANT_ID }, { clock, botChannelTokens: bf.channelTokens });
  const planned = await repos().rhythm.sessionsBetween(C, "2026-10-01T00:00:00Z", "2027-03-01T00:00:00Z", { limit: 100 });
  const weekly = planned.filter((s) => s.seriesId === "ser-demo-checkin" && s.status === "scheduled");
  const ahead = weekly.filter((s) => Date.parse(s.startsAt) > clock.now().getTime());
  const past = weekly.filter((s) => Date.parse(s.endsAt) < clock.now().getTime()).at(-1);
  if (ahead.length < 4 || !past) throw new Error(`the demo rhythm changed: ${ahead.length} weekly sessions ahead, past ${past?.id}`);
  Object.assign(sessions, { read: ahead[0], manage: { ...ahead[1], facilitatorId: DIEGO }, swap: ahead[2], decide: ahead[3], past });
  await resetSession("manage");
  for (const [name, make] of FAILURES) tokens.set(name, await make());
  tokens.set("valid", await bf.token({ appId: APP_ID, serviceUrl: connector.serviceUrl }));
});

afterAll(async () => {
  await server?.close();
  await Promise.all([bf?.close(), connector?.close()]);
});

describe("without a valid Bot Framework token: 401, nothing written, nothing sent", () => {
  let before: string;
  // botbuilder reports each refusal on console.error; the assertions below are what matters.
  let quiet: jest.SpyInstance;
  beforeAll(async () => {
    quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
    before = await server.store.dump();
  });
  afterAll(() => quiet.mockRestore());

  it.each(ROWS.map((r) => [r.invoke, r] as const))("%s", async (_invoke, row) => {
    const problems: string[] = [];
    for (const [failure] of FAILURES) {
      const token = tokens.get(failure);
      const answer = await post(row.activity("lead", null), token ? `Bearer ${token}` : null);
      if (answer.status !== 401) problems.push(`${failure}: status ${answer.status}, expected 401 (${answer.text.slice(0, 160)})`);
      if (answer.text.trim().length < 10) problems.push(`${failure}: the refusal says nothing`);
      if (answer.writes.length) problems.push(`${failure}: wrote ${answer.writes.join(", ")}`);
      if (answer.sent) problems.push(`${failure}: sent ${answer.sent} activities`);
    }
    expect(problems).toEqual([]);
  });

  it("left every document as it was", async () => {
    expect(await server.store.dump()).toBe(before);
    expect(bf.keyFetches.length).toBeGreaterThan(0); // botbuilder did read our keys
  });
});

describe("with a valid token: each person's outcome; refusals say why and write nothing", () => {
  it("the table has a row for every card verb and every messaging extension command", () => {
    const verbs = ROWS.filter((r) => r.invoke.startsWith("card ")).map((r) => r.invoke.slice(5));
    expect(verbs.sort()).toEqual(Object.values(VERBS).sort());
    for (const name of ["composeExtension/query", "composeExtension/queryLink", "composeExtension/fetchTask", "composeExtension/submitAction"]) expect(ROWS.some((r) => r.invoke.startsWith(`${name} `))).toBe(true);
  });

  it.each(ROWS.filter((r) => r.expect).map((r) => [r.invoke, r] as const))("%s", async (_invoke, row) => {
    const problems: string[] = [];
    for (const [i, who] of WHO.entries()) {
      const want = row.expect![i]!;
      const prepared = row.prepare ? await row.prepare() : "";
      const answer = await post(row.activity(who, prepared), `Bearer ${tokens.get("valid")}`);
      const kind = kindOf(answer.body);
      const where = `${who}: ${answer.text.slice(0, 200)}`;
      if (answer.status !== 200) problems.push(`${who}: status ${answer.status}, expected 200 (${answer.text.slice(0, 200)})`);
      else if (kind !== want.kind) problems.push(`${who}: answered with ${kind}, expected ${want.kind} (${answer.text.slice(0, 200)})`);
      else {
        if (want.says && !want.says.test(answer.text)) problems.push(`${where} does not say ${want.says}`);
        if (want.hides && want.hides.test(answer.text)) problems.push(`${who}: reveals ${want.hides}`);
        if (want.count !== undefined) {
          const count = (answer.body as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments.length;
          if (count !== want.count) problems.push(`${who}: ${count} results, expected ${want.count}`);
        }
      }
      if (want.writes && answer.writes.length === 0) problems.push(`${who}: nothing was written`);
      if (!want.writes && answer.writes.length) problems.push(`${who}: wrote ${answer.writes.join(", ")}`);
      if (answer.sent) problems.push(`${who}: sent ${answer.sent} activities through the connector`);
    }
    expect(problems).toEqual([]);
  });
});
