/**
 * Several server instances on one store: each reminder reaches its conversation exactly
 * once, also when an instance dies in the middle of a fan-out. Each instance has its own
 * repositories, its own proactive sender (own rate limiter, own HTTP client) and its own
 * instance id; they share the store, the clock and Teams (the recording connector).
 */
import { type WorkHandler } from "../../bot/src/jobs/scheduler";
import { createRepositories } from "../../bot/src/store/repositories";
import { type ProactiveSender } from "../../bot/src/teams";
import { conversationIdOf, countsByConversation, deliverJob, type JobsWorld, newScheduler, recordingLogger, savePersonalChats, START, TENANT, useJobsWorld } from "./helpers";

const getWorld = useJobsWorld();
let world: JobsWorld;
beforeEach(() => {
  world = getWorld();
});

const LEASE_MS = 60_000;
const users = (n: number, prefix = "user") => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);

/** A second instance: its own repositories over the same store. */
const instance = (id: string, extra: Parameters<typeof newScheduler>[1] = {}) =>
  newScheduler({ repos: createRepositories(world.store, world.clock), clock: world.clock }, { instanceId: id, leaseMs: LEASE_MS, ...extra });

const never = <T>() => new Promise<T>(() => undefined);

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expectEachExactlyOnce(ids: string[]): void {
  const counts = countsByConversation(world.connector);
  const expected = new Map(ids.map((u) => [conversationIdOf(u), 1]));
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(counts).toEqual(expected);
}

async function states(ids: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const state = (await world.repos.jobs.get(id, START))?.doc.state ?? "missing";
    out[state] = (out[state] ?? 0) + 1;
  }
  return out;
}

it("two instances running the same due jobs at once deliver each of 240 messages exactly once", async () => {
  const ids = users(240);
  await savePersonalChats(world, ids);
  expect(await world.repos.jobs.enqueueMany(ids.map((u) => deliverJob(`remind-${u}`, u, START)))).toBe(240);
  const a = instance("instance-a");
  const b = instance("instance-b");

  const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
  expectEachExactlyOnce(ids);
  expect(ra.delivered + rb.delivered).toBe(240);
  expect(ra.delivered).toBeGreaterThan(0);
  expect(rb.delivered).toBeGreaterThan(0);
  expect(await states(ids.map((u) => `remind-${u}`))).toEqual({ done: 240 });
}, 180_000); // 480 store round trips per instance: slow on a busy machine, and only a hang should fail it

it("two background instances share a fan-out produced by a work job; the work job itself runs once", async () => {
  const ids = users(200, "fan");
  await savePersonalChats(world, ids);
  const calls: string[] = [];
  const remind: WorkHandler = async (job) => {
    calls.push(job.id);
    return { deliveries: ids.map((userId) => ({ id: `remind-s9-${userId}`, target: { kind: "personal" as const, tenantId: TENANT, userId }, notice: { kind: "test.note", text: `hi ${userId}` } })) };
  };
  const a = instance("instance-a", { work: { remind }, tickMs: 25 });
  const b = instance("instance-b", { work: { remind }, tickMs: 25 });
  a.start();
  b.start();
  await world.repos.jobs.enqueue({ id: "remind-s9", tenantId: TENANT, kind: "remind", dueAt: START, payload: {} });
  await world.connector.waitForActivities(200, { timeoutMs: 30_000 });
  // Give both a few more passes: nothing more may arrive.
  await new Promise((r) => setTimeout(r, 300));
  await Promise.all([a.stop(), b.stop()]);
  expect(calls).toEqual(["remind-s9"]);
  expectEachExactlyOnce(ids);
});

it("an instance dies mid-fan-out: after its leases expire another finishes, nothing lost and nothing twice", async () => {
  const ids = users(200, "crash");
  await savePersonalChats(world, ids);
  await world.repos.jobs.enqueueMany(ids.map((u) => deliverJob(`remind-${u}`, u, START)));
  const jobIds = ids.map((u) => `remind-${u}`);

  // Instance A sends 60 messages, then hangs for good before its next send: a process that
  // died with the jobs its workers had claimed still leased to it.
  let started = 0;
  const dying = (real: ProactiveSender): ProactiveSender => ({
    sendCard: (reference, card, options) => (++started > 60 ? never() : real.sendCard(reference, card, options)),
    sendText: (reference, text, options) => real.sendText(reference, text, options),
  });
  const a = instance("instance-a", { wrapSender: dying, concurrency: 16 });
  void a.runDue(); // never settles: A is gone
  await until(() => world.connector.activities.length >= 60 && started >= 60 + 16, "instance A to send 60 and hang on 16");
  const leasedToA = (await states(jobIds)).leased;
  expect(leasedToA).toBe(16);

  // B runs while A's leases still hold: it delivers everything else and leaves A's jobs alone.
  const b = instance("instance-b");
  const first = await b.runDue();
  expect(first.delivered).toBe(200 - 60 - 16);
  expect(world.connector.activities).toHaveLength(200 - 16);

  // Once the leases have run out, B picks up what A had claimed.
  world.clock.advance(LEASE_MS + 1);
  const second = await b.runDue();
  expect(second).toMatchObject({ delivered: 16, uncertain: 0 });
  expectEachExactlyOnce(ids);
  expect(await states(jobIds)).toEqual({ done: 200 });
  // A's claims count as attempts: the 16 it hung on were delivered on their second.
  const attempts = await Promise.all(jobIds.map(async (id) => (await world.repos.jobs.get(id, START))!.doc.attempts));
  expect(attempts.filter((n) => n === 2)).toHaveLength(16);
});

it("a job left 'sending' by an instance that died is not sent again: it is reported uncertain and logged", async () => {
  await savePersonalChats(world, ["u1", "u2"]);
  await world.repos.jobs.enqueue(deliverJob("remind-u1", "u1", START));
  // A records "sending" and dies during the HTTP call.
  const diesWhileSending = (): ProactiveSender => ({
    sendCard: async (_reference, _card, options) => {
      await options?.beforeSend?.();
      return never();
    },
    sendText: () => never(),
  });
  const a = instance("instance-a", { wrapSender: diesWhileSending });
  void a.runDue();
  await until(async () => (await world.repos.jobs.get("remind-u1", START))?.doc.state === "sending", "the job to be sending");

  const log = recordingLogger();
  const b = instance("instance-b", { log });
  await world.repos.jobs.enqueue(deliverJob("remind-u2", "u2", START));
  expect(await b.runDue()).toMatchObject({ delivered: 1, uncertain: 0 }); // the lease still holds: only u2
  world.clock.advance(LEASE_MS + 1);
  expect(await b.runDue()).toMatchObject({ ran: 0, delivered: 0, uncertain: 1 });
  expect(world.connector.activities.map((x) => x.conversationId)).toEqual([conversationIdOf("u2")]);
  expect((await world.repos.jobs.get("remind-u1", START))?.doc).toMatchObject({ state: "uncertain", lastOutcome: "unconfirmed", leaseOwner: "instance-a" });
  const warned = log.events("delivery_unconfirmed");
  expect(warned.map((e) => [e.level, e.obj.jobId, e.obj.kind])).toEqual([["warn", "remind-u1", "test.note"]]);
  // And it stays that way.
  world.clock.advance(LEASE_MS * 10);
  expect(await b.runDue()).toMatchObject({ ran: 0, uncertain: 0 });
  expect(world.connector.activities).toHaveLength(1);
});

it("a slow instance whose send outlived its lease still delivers once, and turns 'uncertain' into 'done'", async () => {
  await savePersonalChats(world, ["u1"]);
  await world.repos.jobs.enqueue(deliverJob("remind-slow", "u1", START));
  let proceed!: () => void;
  const gate = new Promise<void>((r) => (proceed = r));
  const slow = (real: ProactiveSender): ProactiveSender => ({
    sendCard: async (reference, card, options) => {
      if (!(await options!.beforeSend!())) return { status: "failed", retryable: true };
      await gate; // stuck in the HTTP call far longer than the lease
      return real.sendCard(reference, card, { ...options, beforeSend: undefined });
    },
    sendText: (reference, text, options) => real.sendText(reference, text, options),
  });
  const a = instance("instance-a", { wrapSender: slow });
  const running = a.runDue();
  await until(async () => (await world.repos.jobs.get("remind-slow", START))?.doc.state === "sending", "the job to be sending");
  world.clock.advance(LEASE_MS + 1);
  expect(await instance("instance-b").runDue()).toMatchObject({ uncertain: 1 });

  proceed();
  expect(await running).toMatchObject({ delivered: 1 });
  expect(world.connector.activities).toHaveLength(1);
  expect((await world.repos.jobs.get("remind-slow", START))?.doc).toMatchObject({ state: "done", lastOutcome: "sent_late" });
});
