/**
 * The scheduler on the real store and the real proactive sender, with Teams played by the
 * recording connector: due times, buckets and the cursor, work jobs, retries, 429s, gone
 * conversations, the local clock, and what reaches the logs.
 */
import { type Job } from "../../bot/src/contracts";
import { type WorkHandler } from "../../bot/src/jobs/scheduler";
import { bucketOf, MAX_PAST_DUE_MS } from "../../bot/src/store/repositories/jobs";
import {
  conversationIdOf,
  countsByConversation,
  deliverJob,
  type JobsWorld,
  newScheduler,
  personalChat,
  recordingLogger,
  savePersonalChats,
  START,
  TENANT,
  textOf,
  useJobsWorld,
} from "./helpers";

const getWorld = useJobsWorld();
let world: JobsWorld;
beforeEach(() => {
  world = getWorld();
});

const at = (iso: string) => new Date(iso);

describe("the job repository", () => {
  it("enqueues a job once per id, whenever and with whatever due time it is enqueued again", async () => {
    const { repos, clock } = world;
    expect(await repos.jobs.enqueue(deliverJob("remind-1", "u1", "2026-11-24T09:30:00Z"))).toBe(true);
    expect(await repos.jobs.enqueue(deliverJob("remind-1", "u1", "2026-11-24T09:30:00Z"))).toBe(false);
    // Re-planned two hours later, with a due time now in the past: still the same job.
    clock.set("2026-11-24T10:20:00Z");
    expect(await repos.jobs.enqueue(deliverJob("remind-1", "u1", "2026-11-24T08:00:00Z"))).toBe(false);
    const stored = await repos.jobs.get("remind-1", "2026-11-24T09:30:00Z");
    expect(stored?.doc).toMatchObject({ id: "remind-1", bucket: "2026-11-24T09", state: "pending", attempts: 0, dueAt: "2026-11-24T09:30:00.000Z" });

    const batch = [deliverJob("remind-2", "u2", "2026-11-24T11:00:00Z"), deliverJob("remind-2", "u2", "2026-11-24T11:00:00Z"), deliverJob("remind-3", "u3", "2026-11-24T12:00:00Z"), deliverJob("remind-1", "u1", "2026-11-24T09:30:00Z")];
    expect(await repos.jobs.enqueueMany(batch)).toBe(2);
  });

  it("puts a job due in the past in the current hour, where the scheduler still looks, and finds it by id", async () => {
    const { repos } = world;
    expect(await repos.jobs.enqueue(deliverJob("late-1", "u1", "2026-11-24T05:00:00+01:00"))).toBe(true);
    const byDue = await repos.jobs.get("late-1", "2026-11-24T04:00:00Z");
    expect(byDue?.doc).toMatchObject({ bucket: bucketOf(START), dueAt: "2026-11-24T04:00:00.000Z", nextAttemptAt: "2026-11-24T04:00:00.000Z" });
    expect((await repos.jobs.get("late-1"))?.doc.id).toBe("late-1");
    expect(await repos.jobs.get("never-enqueued", START)).toBeNull();
  });

  it("refuses a job due so long ago that its id may have been forgotten", async () => {
    const longAgo = new Date(Date.parse(START) - MAX_PAST_DUE_MS - 60_000).toISOString();
    expect(await world.repos.jobs.enqueue(deliverJob("ancient", "u1", longAgo))).toBe(false);
    expect(await world.repos.jobs.get("ancient")).toBeNull();
  });

  it("repairs an id index a crash left without its job", async () => {
    const { repos, clock } = world;
    await repos.jobs.enqueue(deliverJob("half-done", "u1", "2026-11-24T08:30:00Z"));
    // The job document is gone (as if the process died between index and job), and time has moved on.
    await world.store.container("jobs").delete("2026-11-24T08", "half-done");
    clock.set("2026-11-24T10:00:00Z");
    expect(await repos.jobs.enqueue(deliverJob("half-done", "u1", "2026-11-24T08:30:00Z"))).toBe(true);
    expect((await repos.jobs.get("half-done"))?.doc.bucket).toBe("2026-11-24T10");
  });

  it("rejects ids Cosmos or the contracts would not accept", async () => {
    await expect(world.repos.jobs.enqueue(deliverJob("has/slash", "u1", START))).rejects.toThrow();
  });
});

describe("the scheduler", () => {
  it("delivers a due job once, and a job due later not before its time", async () => {
    const { repos, clock, connector } = world;
    await savePersonalChats(world, ["u1", "u2"]);
    await repos.jobs.enqueue(deliverJob("now-1", "u1", START, "Session tomorrow"));
    await repos.jobs.enqueue(deliverJob("later-1", "u2", "2026-11-24T08:40:00Z", "Session in 15 minutes"));
    const scheduler = newScheduler(world);

    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 1 });
    expect(connector.activities.map((a) => [a.conversationId, textOf(a.activity)])).toEqual([[conversationIdOf("u1"), "Session tomorrow"]]);
    expect(await scheduler.runDue()).toMatchObject({ ran: 0, delivered: 0 });

    clock.set("2026-11-24T08:39:59.999Z");
    expect((await scheduler.runDue()).ran).toBe(0);
    clock.set("2026-11-24T08:40:00Z");
    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 1 });
    expect(connector.activities.map((a) => a.conversationId)).toEqual([conversationIdOf("u1"), conversationIdOf("u2")]);

    const done = await repos.jobs.get("now-1", START);
    expect(done?.doc).toMatchObject({ state: "done", attempts: 1, lastOutcome: "sent", finishedAt: START, leaseOwner: "instance-a" });
    const raw = await world.store.container("jobs").read<{ id: string; type: string; schemaVersion: number; tenantId: string; ttl?: number }>(done!.doc.bucket, "now-1");
    expect(raw?.doc.ttl).toBe(7 * 24 * 60 * 60);
  });

  it("reads each hour from the cursor on, and moves the cursor past empty hours once they are older than the skew margin", async () => {
    const { repos, clock, connector } = world;
    await savePersonalChats(world, ["u1", "u2"]);
    await repos.jobs.enqueue(deliverJob("at-0820", "u1", "2026-11-24T08:20:00Z"));
    await repos.jobs.enqueue(deliverJob("at-1030", "u2", "2026-11-24T10:30:00Z"));
    let attempts = 0;
    const flaky: WorkHandler = async () => {
      attempts++;
      if (attempts < 3) throw new Error("not yet");
      return {};
    };
    const scheduler = newScheduler(world, { work: { flaky } });
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T08");

    clock.set("2026-11-24T08:20:00Z");
    expect((await scheduler.runDue()).delivered).toBe(1);
    clock.set("2026-11-24T09:04:00Z");
    await scheduler.runDue();
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T08"); // 08 ended 4 minutes ago: within the 5-minute margin
    clock.set("2026-11-24T09:06:00Z");
    await scheduler.runDue();
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T09");

    // An open job holds the cursor at its hour, however long it takes.
    await repos.jobs.enqueue({ id: "flaky-1", tenantId: TENANT, kind: "flaky", dueAt: "2026-11-24T09:10:00Z", payload: {} });
    clock.set("2026-11-24T11:10:00Z");
    expect(await scheduler.runDue()).toMatchObject({ delivered: 1, retried: 1 });
    expect(connector.activities).toHaveLength(2);
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T09");
    clock.set("2026-11-24T13:00:00Z");
    await scheduler.runDue();
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T09");
    clock.set("2026-11-24T16:00:00Z");
    await scheduler.runDue();
    expect((await repos.jobs.get("flaky-1"))?.doc.state).toBe("done");
    expect((await repos.jobs.readCursor()).earliest).toBe("2026-11-24T15"); // 15:00–16:00 ended less than 5 minutes ago
  });

  it("sends what a work job returns in the same pass, and a rerun of the handler adds nothing", async () => {
    const { repos, connector } = world;
    const users = ["u1", "u2", "u3"];
    await savePersonalChats(world, users);
    const fanout: WorkHandler = async (job: Job) => ({
      deliveries: users.map((userId) => ({ id: `remind-s1-${userId}`, target: { kind: "personal" as const, tenantId: job.tenantId, userId }, notice: { kind: "test.note", text: `for ${userId}` } })),
    });
    const scheduler = newScheduler(world, { work: { fanout } });
    await repos.jobs.enqueue({ id: "fanout-s1", tenantId: TENANT, kind: "fanout", dueAt: START, payload: {} });
    expect(await scheduler.runDue()).toMatchObject({ ran: 4, delivered: 3 });
    expect([...countsByConversation(connector).values()]).toEqual([1, 1, 1]);
    expect((await repos.jobs.get("fanout-s1"))?.doc.state).toBe("done");

    // The same plan again (as after a crash before the work job was marked done): no new deliveries.
    await repos.jobs.enqueue({ id: "fanout-s1-again", tenantId: TENANT, kind: "fanout", dueAt: START, payload: {} });
    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 0 });
    expect(connector.activities).toHaveLength(3);
  });

  it("marks a work job skipped when its handler says there was nothing to do", async () => {
    const scheduler = newScheduler(world, { work: { idle: async () => ({ note: "skipped" }) } });
    await world.repos.jobs.enqueue({ id: "idle-1", tenantId: TENANT, kind: "idle", dueAt: START, payload: {} });
    expect(await scheduler.runDue()).toMatchObject({ ran: 1, skipped: 1 });
    expect((await world.repos.jobs.get("idle-1"))?.doc).toMatchObject({ state: "skipped", lastOutcome: "skipped" });
  });

  it("retries a 503 with backoff, not before its time, and then delivers", async () => {
    const { repos, clock, connector } = world;
    await savePersonalChats(world, ["u1"]);
    await repos.jobs.enqueue(deliverJob("flaky-send", "u1", START));
    const scheduler = newScheduler(world, { random: () => 0.5 });
    connector.failNext({ status: 503 });

    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 0, retried: 1 });
    const waiting = (await repos.jobs.get("flaky-send", START))!.doc;
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, lastOutcome: "failed_503" });
    expect(waiting.leaseOwner).toBeUndefined();
    const retryAt = Date.parse(waiting.nextAttemptAt);
    expect(retryAt).toBeGreaterThanOrEqual(Date.parse(START) + 1000);
    expect(await scheduler.runDue()).toMatchObject({ ran: 0 });
    expect(connector.stats.requests).toBe(1);

    clock.set(new Date(retryAt));
    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 1 });
    expect((await repos.jobs.get("flaky-send", START))?.doc).toMatchObject({ state: "done", attempts: 2 });
    expect(connector.stats.requests).toBe(2);
    expect(connector.activities).toHaveLength(1);
  });

  it("honours Retry-After on a 429: the next attempt is not before it", async () => {
    const { repos, clock, connector } = world;
    await savePersonalChats(world, ["u1"]);
    await repos.jobs.enqueue(deliverJob("throttled", "u1", START));
    const scheduler = newScheduler(world);
    connector.failNext({ status: 429, headers: { "retry-after": "2" } });

    expect(await scheduler.runDue()).toMatchObject({ retried: 1, delivered: 0 });
    const waiting = (await repos.jobs.get("throttled", START))!.doc;
    expect(waiting).toMatchObject({ state: "pending", lastOutcome: "throttled" });
    expect(Date.parse(waiting.nextAttemptAt)).toBeGreaterThanOrEqual(Date.parse(START) + 2000);

    clock.set(new Date(Date.parse(waiting.nextAttemptAt) - 1));
    expect((await scheduler.runDue()).ran).toBe(0);
    expect(connector.stats.requests).toBe(1);
    clock.set(waiting.nextAttemptAt);
    expect(await scheduler.runDue()).toMatchObject({ ran: 1, delivered: 1 });
    expect(connector.activities).toHaveLength(1);
  });

  it.each([403, 404])("drops the job and marks the conversation gone on %i; later jobs for it are not sent", async (status) => {
    const { repos, connector } = world;
    await savePersonalChats(world, ["u1"]);
    await repos.jobs.enqueue(deliverJob("to-removed", "u1", START));
    const scheduler = newScheduler(world);
    connector.failNext({ status });

    expect(await scheduler.runDue()).toMatchObject({ ran: 1, gone: 1, delivered: 0, retried: 0 });
    expect((await repos.jobs.get("to-removed", START))?.doc).toMatchObject({ state: "gone", lastOutcome: `gone_${status}` });
    expect((await repos.directory.getPersonalConversation(TENANT, "u1"))?.goneAt).toBe(START);

    await repos.jobs.enqueue(deliverJob("to-removed-2", "u1", START));
    expect(await scheduler.runDue()).toMatchObject({ gone: 1 });
    expect(connector.stats.requests).toBe(1);
  });

  it("treats a target with no stored conversation as gone, without calling Teams", async () => {
    await world.repos.jobs.enqueue(deliverJob("nobody", "u-unknown", START));
    expect(await newScheduler(world).runDue()).toMatchObject({ gone: 1 });
    expect(world.connector.stats.requests).toBe(0);
  });

  it("fails a delivery Teams refuses for good (400) without retrying, and logs it as an error", async () => {
    await savePersonalChats(world, ["u1"]);
    await world.repos.jobs.enqueue(deliverJob("refused", "u1", START));
    const log = recordingLogger();
    world.connector.failNext({ status: 400 });
    expect(await newScheduler(world, { log }).runDue()).toMatchObject({ failed: 1, retried: 0 });
    expect((await world.repos.jobs.get("refused", START))?.doc).toMatchObject({ state: "failed", lastOutcome: "failed_400" });
    expect(log.events("delivery").map((e) => [e.level, e.obj.outcome])).toEqual([["error", "failed_400"]]);
  });

  it("retries a throwing work handler with backoff up to the attempt limit, then fails it with an error log", async () => {
    const { repos, clock } = world;
    const log = recordingLogger();
    const broken = jest.fn(async () => {
      throw new Error("database said no");
    });
    const scheduler = newScheduler(world, { work: { broken }, maxAttempts: 3, log });
    await repos.jobs.enqueue({ id: "broken-1", tenantId: TENANT, kind: "broken", dueAt: START, payload: {} });
    for (let i = 0; i < 5; i++) {
      await scheduler.runDue();
      clock.advance(60 * 60 * 1000);
    }
    expect(broken).toHaveBeenCalledTimes(3);
    expect((await repos.jobs.get("broken-1"))?.doc).toMatchObject({ state: "failed", attempts: 3, lastOutcome: "error" });
    expect(log.events("job_ran").map((e) => [e.level, e.obj.outcome])).toEqual([
      ["warn", "retry"],
      ["warn", "retry"],
      ["error", "failed"],
    ]);
  });

  it("fails a job of a kind nobody handles", async () => {
    await world.repos.jobs.enqueue({ id: "mystery", tenantId: TENANT, kind: "mystery", dueAt: START, payload: {} });
    expect(await newScheduler(world).runDue()).toMatchObject({ ran: 1, failed: 1 });
    expect((await world.repos.jobs.get("mystery"))?.doc).toMatchObject({ state: "failed", lastOutcome: "no_handler" });
  });

  it("logs one line per delivery with job id, kind, outcome, attempt and ms, and never the message text", async () => {
    await savePersonalChats(world, ["u1"]);
    await world.repos.jobs.enqueue(deliverJob("logged", "u1", START, "Private words about my team"));
    const log = recordingLogger();
    await newScheduler(world, { log }).runDue();
    const lines = log.events("delivery");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toMatchObject({ jobId: "logged", kind: "test.note", target: "personal", outcome: "sent", attempt: 1 });
    expect(typeof lines[0]!.obj.ms).toBe("number");
    expect(log.text()).not.toContain("Private words");
  });

  it("runUntil steps the clock to each due time in order, including jobs planned on the way, then to the end", async () => {
    const { repos, clock } = world;
    await savePersonalChats(world, ["u1"]);
    const seen: string[] = [];
    const probe: WorkHandler = async (job) => {
      seen.push(`${job.id}@${clock.now().toISOString()}`);
      if (job.id === "p-0930") return { jobs: [{ id: "p-0950", tenantId: TENANT, kind: "probe", dueAt: "2026-11-24T09:50:00Z", payload: {} }] };
      return {};
    };
    const scheduler = newScheduler(world, { work: { probe } });
    for (const [id, due] of [["p-1100", "2026-11-24T11:00:00Z"], ["p-0930", "2026-11-24T09:30:00Z"], ["p-1015", "2026-11-24T10:15:00Z"], ["p-1300", "2026-11-24T13:00:00Z"]] as const) {
      await repos.jobs.enqueue({ id, tenantId: TENANT, kind: "probe", dueAt: due, payload: {} });
    }
    await repos.jobs.enqueue(deliverJob("d-0945", "u1", "2026-11-24T09:45:00Z"));

    const report = await scheduler.runUntil(at("2026-11-24T12:00:00Z"), (to) => clock.set(to));
    expect(seen).toEqual(["p-0930@2026-11-24T09:30:00.000Z", "p-0950@2026-11-24T09:50:00.000Z", "p-1015@2026-11-24T10:15:00.000Z", "p-1100@2026-11-24T11:00:00.000Z"]);
    expect(report).toMatchObject({ ran: 5, delivered: 1 });
    expect(clock.now().toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect((await repos.jobs.get("p-1300"))?.doc.state).toBe("pending");
  });

  it("runs passes in the background until stopped", async () => {
    await savePersonalChats(world, ["u1"]);
    const scheduler = newScheduler(world, { tickMs: 20 });
    scheduler.start();
    await world.repos.jobs.enqueue(deliverJob("background", "u1", START));
    await world.connector.waitForActivities(1);
    await scheduler.stop();
    expect((await world.repos.jobs.get("background", START))?.doc.state).toBe("done");
  });

  it("sends to a channel target through the community's channel record", async () => {
    const { repos, connector } = world;
    const record = { ...personalChat(connector, "x"), conversationId: "19:channel@thread.tacv2", scope: "team" as const, userId: undefined, teamId: "team-1", communityId: "com-1" };
    record.reference = { ...record.reference, conversation: { id: "19:channel@thread.tacv2", tenantId: TENANT } };
    await repos.directory.saveConversation(record);
    await repos.jobs.enqueue({ id: "to-channel", tenantId: TENANT, kind: "deliver", dueAt: START, payload: { target: { kind: "channel", tenantId: TENANT, communityId: "com-1" }, notice: { kind: "test.note", text: "Session today" } } });
    expect(await newScheduler(world).runDue()).toMatchObject({ delivered: 1 });
    expect(connector.activities.map((a) => [a.conversationId, textOf(a.activity)])).toEqual([["19:channel@thread.tacv2", "Session today"]]);
  });
});
