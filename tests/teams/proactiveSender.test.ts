/**
 * The proactive sender reaches a conversation from the reference stored at install, and
 * turns the connector's refusals into outcomes the scheduler can act on.
 */
import pino from "pino";
import { createProactiveSender, type ProactiveSender } from "../../bot/src/teams";
import { hintCard } from "../../bot/src/teams/cards";
import { classify } from "../../bot/src/teams/proactiveSender";
import { JONAS, TENANT, botAdded, personalChat, teamChannel } from "./activities";
import { type BotHarness, LOCAL_CONFIG, cardOf, recordingLogger, startBotHarness } from "./harness";
import { startRecordingConnector, type RecordingConnector } from "../support/connector";

let h: BotHarness;
let sender: ProactiveSender;
let personalReference: Record<string, unknown>;

beforeAll(async () => {
  h = await startBotHarness();
  sender = createProactiveSender({ config: LOCAL_CONFIG, logger: h.log });
  await h.post(botAdded(personalChat(h.connector.serviceUrl, JONAS), JONAS));
  personalReference = (await h.repos.directory.getPersonalConversation(TENANT, JONAS.aadObjectId))!.reference;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.connector.reset());

it("posts a card as a new message in the stored conversation", async () => {
  const outcome = await sender.sendCard(personalReference, hintCard());
  const [sent] = await h.connector.waitForActivities(1);
  expect(outcome).toEqual({ status: "sent", activityId: sent!.id });
  expect(sent).toMatchObject({ method: "POST", conversationId: personalChat(h.connector.serviceUrl, JONAS).conversationId, targetActivityId: undefined });
  expect(cardOf(sent!.activity)).toEqual(hintCard());
  expect(sent!.activity).toMatchObject({ recipient: { id: JONAS.id }, conversation: { id: personalChat(h.connector.serviceUrl, JONAS).conversationId } });
});

it("posts into a team's channel from the team's stored reference", async () => {
  const where = teamChannel(h.connector.serviceUrl, "19:proactive-team@thread.tacv2", "Proactive Team");
  await h.post(botAdded(where));
  h.connector.reset();
  const stored = await h.repos.directory.getConversation(TENANT, where.conversationId);
  const outcome = await sender.sendText(stored!.reference, "Session tomorrow at 10:00");
  expect(outcome.status).toBe("sent");
  expect(h.connector.activities.map((a) => [a.conversationId, a.activity.text])).toEqual([[where.conversationId, "Session tomorrow at 10:00"]]);
});

it.each([
  [403, { status: "gone", httpStatus: 403 }],
  [404, { status: "gone", httpStatus: 404 }],
])("reports %i as gone so the reference can be dropped", async (status, expected) => {
  h.connector.failNext({ status }, 5);
  expect(await sender.sendText(personalReference, "hello")).toEqual(expected);
  expect(h.connector.activities).toHaveLength(0);
});

it("retries a passing 503 itself and delivers", async () => {
  h.connector.failNext({ status: 503 });
  const outcome = await sender.sendText(personalReference, "hello");
  expect(outcome.status).toBe("sent");
  expect(h.connector.activities).toHaveLength(1);
  expect(h.connector.stats.requests).toBe(2);
});

it("sees a 429 at once: the connector client's own retry, which would sleep through Retry-After, is off", async () => {
  h.connector.failNext({ status: 429, headers: { "retry-after": "5" } }, 5);
  const started = Date.now();
  expect(await sender.sendText(personalReference, "hello", { attempts: 1 })).toEqual({ status: "throttled", retryAfterSeconds: 5 });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(h.connector.stats.requests).toBe(1);
});

it("reports a refused request as a failure not worth retrying", async () => {
  h.connector.failNext({ status: 400 }, 5);
  expect(await sender.sendText(personalReference, "hello")).toEqual({ status: "failed", retryable: false, httpStatus: 400 });
});

it("reports an unusable reference without calling Teams", async () => {
  expect(await sender.sendText({ conversation: { id: "x" } }, "hello")).toEqual({ status: "failed", retryable: false });
  expect(h.connector.activities).toHaveLength(0);
});

describe("classify", () => {
  const httpError = (statusCode: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => headers[n.toLowerCase()] } } });

  it.each([
    ["429 with Retry-After", httpError(429, { "retry-after": "7" }), { status: "throttled", retryAfterSeconds: 7 }],
    ["429 without Retry-After", httpError(429), { status: "throttled", retryAfterSeconds: 1 }],
    ["412", httpError(412), { status: "failed", retryable: true, httpStatus: 412 }],
    ["502", httpError(502), { status: "failed", retryable: true, httpStatus: 502 }],
    ["503", httpError(503), { status: "failed", retryable: true, httpStatus: 503 }],
    ["504", httpError(504), { status: "failed", retryable: true, httpStatus: 504 }],
    ["401", httpError(401), { status: "failed", retryable: false, httpStatus: 401 }],
    ["a network error", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), { status: "failed", retryable: true }],
  ])("%s → %j", (_name, error, expected) => {
    expect(classify(error)).toEqual(expected);
  });
});

describe("rate limits, against a connector that enforces Teams' limits", () => {
  let teams: RecordingConnector;
  beforeAll(async () => {
    teams = await startRecordingConnector({ limits: true });
  });
  afterAll(async () => {
    await teams.close();
  });
  beforeEach(() => teams.reset());

  const reference = (tenantId: string, conversationId: string) => ({
    serviceUrl: teams.serviceUrl,
    channelId: "msteams",
    conversation: { id: conversationId, tenantId },
    bot: { id: "28:bot" },
    user: { id: `29:${conversationId}` },
  });
  const newSender = (log = pino({ level: "silent" })) => createProactiveSender({ config: LOCAL_CONFIG, logger: log });
  const arrivals = (conversationId: string) => teams.activities.filter((a) => a.conversationId === conversationId);

  it("(the stand-in does enforce them: the same bursts from a sender without limits are throttled)", async () => {
    const unlimited = createProactiveSender({ config: LOCAL_CONFIG, logger: pino({ level: "silent" }), limits: false });
    const one = await Promise.all(Array.from({ length: 12 }, (_, i) => unlimited.sendText(reference("t-flood", "a:flood"), `m${i}`, { attempts: 1 })));
    expect(one.filter((o) => o.status === "throttled").length).toBeGreaterThan(0);
    const many = await Promise.all(Array.from({ length: 80 }, (_, i) => unlimited.sendText(reference("t-flood-app", `a:f-${i}`), "hi", { attempts: 1 })));
    expect(many.filter((o) => o.status === "throttled").length).toBeGreaterThan(0);
    expect(teams.stats.throttledByLimit.conversationPerSecond).toBeGreaterThan(0);
    expect(teams.stats.throttledByLimit.appPerSecond).toBeGreaterThan(0);
  });

  it("keeps one conversation under 7 per second, in order, queueing instead of failing", async () => {
    const s = newSender();
    const started = Date.now();
    const outcomes = await Promise.all(Array.from({ length: 15 }, (_, i) => s.sendText(reference("t-conv", "a:busy"), `message ${i}`)));
    expect(outcomes.map((o) => o.status)).toEqual(Array(15).fill("sent"));
    expect(teams.stats.throttledByLimit).toEqual({ conversationPerSecond: 0, conversationPer30Seconds: 0, appPerSecond: 0 });
    expect(arrivals("a:busy").map((a) => a.activity.text)).toEqual(Array.from({ length: 15 }, (_, i) => `message ${i}`));
    // 7 + 7 + 1: the third window opens two seconds after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it("keeps a tenant under 50 per second across conversations", async () => {
    const s = newSender();
    const started = Date.now();
    const outcomes = await Promise.all(Array.from({ length: 120 }, (_, i) => s.sendText(reference("t-app", `a:user-${i}`), "hello")));
    expect(outcomes.every((o) => o.status === "sent")).toBe(true);
    expect(teams.activities).toHaveLength(120);
    expect(teams.stats.throttledByLimit.appPerSecond).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it("gives other tenants their own 50 per second", async () => {
    const s = newSender();
    const started = Date.now();
    // 150 sends for one tenant would need three windows (about 3 s); for three tenants, one each.
    await Promise.all(Array.from({ length: 150 }, (_, i) => s.sendText(reference(`t-many-${i % 3}`, `a:u-${i}`), "hello")));
    expect(teams.activities).toHaveLength(150);
    expect(teams.stats.throttledByLimit.appPerSecond).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("waits out a conversation's Retry-After before its next send, without holding up other conversations", async () => {
    const s = newSender();
    teams.failNext({ status: 429, headers: { "retry-after": "1" } });
    expect(await s.sendText(reference("t-retry", "a:slow"), "first", { attempts: 1 })).toEqual({ status: "throttled", retryAfterSeconds: 1 });
    const throttledAt = Date.now();
    const [again, other] = await Promise.all([s.sendText(reference("t-retry", "a:slow"), "again"), s.sendText(reference("t-retry", "a:other"), "other")]);
    expect([again.status, other.status]).toEqual(["sent", "sent"]);
    expect(teams.activities.map((a) => a.activity.text)).toEqual(["other", "again"]);
    expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(950);
  });

  it("retries a 429 itself when attempts allow, after Retry-After", async () => {
    const s = newSender();
    teams.failNext({ status: 429, headers: { "retry-after": "1" } });
    const started = Date.now();
    expect((await s.sendText(reference("t-retry2", "a:x"), "hello")).status).toBe("sent");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(teams.stats.requests).toBe(2);
  });

  it("answers throttled without sending when the conversation is paused for longer than maxWaitMs", async () => {
    const s = newSender();
    teams.failNext({ status: 429, headers: { "retry-after": "30" } });
    await s.sendText(reference("t-wait", "a:paused"), "first", { attempts: 1 });
    const outcome = await s.sendText(reference("t-wait", "a:paused"), "second", { maxWaitMs: 1000 });
    expect(outcome.status).toBe("throttled");
    expect(outcome.status === "throttled" && outcome.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(teams.stats.requests).toBe(1);
  });

  it("pauses the whole tenant briefly when several of its conversations are throttled at once", async () => {
    const log = recordingLogger();
    const s = newSender(log as unknown as pino.Logger);
    teams.failNext({ status: 429, headers: { "retry-after": "3" } }, 3);
    const outcomes = await Promise.all(["a:p1", "a:p2", "a:p3"].map((c) => s.sendText(reference("t-pause", c), "hi", { attempts: 1 })));
    expect(outcomes.map((o) => o.status)).toEqual(["throttled", "throttled", "throttled"]);
    expect(log.entries.some((e) => (e.obj as { event?: string }).event === "proactive_tenant_paused")).toBe(true);
    // A fourth conversation of that tenant waits too; another tenant does not.
    expect((await s.sendText(reference("t-pause", "a:p4"), "hi", { maxWaitMs: 500 })).status).toBe("throttled");
    expect((await s.sendText(reference("t-calm", "a:q1"), "hi", { maxWaitMs: 500 })).status).toBe("sent");
    expect(teams.stats.requests).toBe(4);
  });

  it("sends nothing when beforeSend says no, and gives the slot back", async () => {
    const s = newSender();
    const outcome = await s.sendText(reference("t-abandon", "a:z"), "never", { beforeSend: async () => false });
    expect(outcome).toEqual({ status: "failed", retryable: true });
    expect(teams.stats.requests).toBe(0);
    // The conversation is not blocked and its window not spent: 7 more go out within the second.
    const started = Date.now();
    await Promise.all(Array.from({ length: 7 }, () => s.sendText(reference("t-abandon", "a:z"), "ok")));
    expect(Date.now() - started).toBeLessThan(900);
    expect(teams.activities).toHaveLength(7);
  });

  it("calls beforeSend only once the limits allow the send", async () => {
    const s = newSender();
    const calledAt: number[] = [];
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => s.sendText(reference("t-hook", "a:h"), "x", { beforeSend: async () => (calledAt.push(Date.now() - started), true) })));
    expect(calledAt).toHaveLength(8);
    expect(calledAt[7]!).toBeGreaterThanOrEqual(1000);
  });
});

describe("the stand-in's random 429s", () => {
  it("throttle a seeded, reproducible share of requests, with Retry-After", async () => {
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      const teams = await startRecordingConnector({ randomThrottle: { fraction: 0.2, seed: 7, retryAfterSeconds: 3 } });
      const s = createProactiveSender({ config: LOCAL_CONFIG, logger: pino({ level: "silent" }), limits: false });
      const ref = (i: number) => ({ serviceUrl: teams.serviceUrl, channelId: "msteams", conversation: { id: `a:r-${i}`, tenantId: "t-random" } });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) {
        const o = await s.sendText(ref(i), "hi", { attempts: 1 });
        outcomes.push(o.status === "throttled" ? `throttled:${o.retryAfterSeconds}` : o.status);
      }
      await teams.close();
      expect(outcomes.filter((o) => o === "throttled:3")).toHaveLength(teams.stats.throttledAtRandom);
      counts.push(teams.stats.throttledAtRandom);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeGreaterThan(8);
    expect(counts[0]).toBeLessThan(35);
  });
});
