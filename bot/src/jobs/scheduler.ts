import { type Logger } from "../commands/context";
import { DELIVER_JOB_KIND, DeliverPayload, DeliveryTarget, type Job, type NewJob } from "../contracts";
import { backoffDelayMs } from "../domain/backoff";
import { type Clock } from "../domain/clock";
import { isAppError } from "../domain/errors";
import { type Stored } from "../store";
import { type Repositories } from "../store/repositories";
import { bucketOf, bucketStart, bucketsBetween, nextBucket, type JobCursor } from "../store/repositories/jobs";
import { type SendOutcome } from "../teams";
import { type BeforeSend, type DeliverFn } from "./delivery";

/**
 * The scheduler: due jobs in Cosmos, one partition per hour, claimed with etag leases so
 * any number of server instances run each job once.
 *
 * **A pass** reads the cursor (the earliest hour that may hold open jobs), then each hour
 * from there to the current one with one single-partition query (jobs whose time has come,
 * and jobs whose lease has run out), claims them one by one and runs them, `concurrency`
 * at a time, until nothing due is left. Afterwards the cursor moves past hours with no open
 * job that ended more than `skewMs` ago (etag-conditional; losing that race is harmless).
 * The margin covers clock skew between instances and an enqueue that computed its hour
 * just before the hour turned: enqueue never targets an hour older than its own "now".
 *
 * **Exactly once.** A claim is a replace conditional on the etag read, to `leased` with
 * this instance as owner until now + `leaseMs`; a lost race (`edit_conflict`) means another
 * instance has it, and we move on. A delivery then waits for a rate-limit slot and, right
 * before the HTTP call, writes `sending` — again conditional on the etag, so a lease that
 * ran out and was taken over is noticed and the send abandoned. After the call the job
 * becomes done / gone / failed, or pending again with `nextAttemptAt` (429: Retry-After;
 * 412/5xx/network: backoff with jitter; at most `maxAttempts`).
 *
 * **Crashes.** A job found `leased` with an expired lease was never sent: it is claimed
 * again. A job found `sending` with an expired lease is ambiguous — the process died during
 * the HTTP call, and Teams may or may not have the message. It is NOT sent again: it is
 * marked `uncertain` and logged as `delivery_unconfirmed` (warn). That window (a few ms per
 * message) is the one place a message can be lost; we accept it because a duplicate is
 * worse for a peer community — two identical reminders in a channel read as a broken bot
 * and train people to ignore it, while one missing reminder is rare and recoverable (the
 * other offset's reminder, the session itself). If the "dead" instance was only slow and
 * finishes after all, its success turns the `uncertain` job into `done`.
 *
 * **Work jobs** (any kind but "deliver") run their handler, enqueue what it returns
 * (deliveries and further jobs, with the handler's deterministic ids, so a rerun after a
 * crash adds nothing twice), then finish. A throwing handler is retried with backoff up to
 * `maxAttempts`, then the job fails with an error log. Handlers must finish well within
 * the lease; they are not extended.
 */

export interface WorkDelivery {
  /** Deterministic, e.g. `remind-<sessionId>-<startsAt ms>-1440-<userId>`: a rerun must produce the same ids. */
  id: string;
  target: DeliveryTarget;
  /** `{ kind, ... }`, rendered by teams/ when sent. */
  notice: Record<string, unknown>;
  /** Default: now. */
  dueAt?: string;
}

export interface WorkResult {
  deliveries?: WorkDelivery[];
  jobs?: NewJob[];
  /** "skipped" marks the job skipped (nothing to do); anything else is kept as the job's last outcome. */
  note?: string;
}

/** Must be idempotent: it may run again after a crash. Reads the time from the clock. */
export type WorkHandler = (job: Job) => Promise<WorkResult>;

export interface SchedulerDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  /** Unique per process, e.g. host name + pid; recorded as the lease owner. */
  instanceId: string;
  /** kind → handler; "deliver" is built in. */
  work: Record<string, WorkHandler>;
  /** Resolves the conversation, renders and sends; see createDelivery in ./delivery. */
  deliver: DeliverFn;
  /** How long a claim holds; default 60 s (well above the sender's wait for a rate-limit slot plus one HTTP call). */
  leaseMs?: number;
  /** Jobs in flight at once per instance; default 32, enough for 50 sends/s with a few ms per store write. */
  concurrency?: number;
  /**
   * Longest pause between passes of the background loop; default 2 s. When something
   * (a retry after Retry-After, say) falls due sooner, the loop wakes for it instead.
   */
  tickMs?: number;
  /** Attempts before a job fails for good; default 8. */
  maxAttempts?: number;
  /** An hour is left behind by the cursor only this long after it ended; default 5 min. */
  skewMs?: number;
  /** Jobs read per query; default 256. */
  batchSize?: number;
  random?: () => number;
}

export interface Scheduler {
  /** The background loop: a pass every `tickMs`; timers are unref'd. */
  start(): void;
  /**
   * Stops claiming, lets in-flight jobs finish; leases are not released (they expire).
   * Meant for shutdown: until `start()` again, runDue and runUntil return at once.
   */
  stop(): Promise<void>;
  /** Runs everything due now, until nothing due remains (including jobs produced in this pass, and retries whose time has come). */
  runDue(): Promise<RunReport>;
  /**
   * Local clock: steps through due times in order up to `to`, moving the clock to each
   * before running what is due then (handlers read clock.now()), and finally to `to`.
   */
  runUntil(to: Date, advanceClock: (at: Date) => void): Promise<RunReport>;
}

export interface RunReport {
  /** Jobs this instance claimed and worked on (deliveries and work jobs). */
  ran: number;
  delivered: number;
  gone: number;
  failed: number;
  retried: number;
  uncertain: number;
  skipped: number;
}

/** What one pass carries through its jobs. */
interface Pass {
  report: RunReport;
  /** A job just put back as pending: keep it here and claim it again when due, if that is soon. */
  retryLater(saved: Stored<Job>): void;
}

const emptyReport = (): RunReport => ({ ran: 0, delivered: 0, gone: 0, failed: 0, retried: 0, uncertain: 0, skipped: 0 });

function addTo(total: RunReport, part: RunReport): RunReport {
  for (const key of Object.keys(total) as (keyof RunReport)[]) total[key] += part[key];
  return total;
}

/** A retry is never sooner than this, so a frozen clock cannot spin on one job. */
const MIN_RETRY_MS = 1000;
const MAX_ROUNDS = 10_000;
const MIN_TICK_MS = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const isConflict = (e: unknown) => isAppError(e) && (e.code === "edit_conflict" || e.code === "not_found");
const errorSummary = (err: unknown) => (err instanceof Error ? { name: err.name, message: err.message, ...(isAppError(err) ? { code: err.code } : {}) } : { name: "NonError", type: typeof err });

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const repo = deps.repos.jobs;
  const { clock, log } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = Math.max(1, deps.concurrency ?? 32);
  const tickMs = deps.tickMs ?? 2_000;
  const maxAttempts = Math.max(1, deps.maxAttempts ?? 8);
  const skewMs = deps.skewMs ?? 5 * 60_000;
  const batchSize = Math.max(1, deps.batchSize ?? 256);
  const random = deps.random ?? Math.random;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  /** Passes of one instance run one at a time (background loop, dev advance, tests). */
  let exclusive: Promise<unknown> = Promise.resolve();
  let warnedNoBeforeSend = false;

  const iso = (ms: number) => new Date(ms).toISOString();

  function serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = exclusive.then(fn, fn);
    exclusive = run.catch(() => undefined);
    return run;
  }

  /** Claimable jobs across the open hours, up to one batch. */
  async function listDue(now: Date): Promise<Stored<Job>[]> {
    const cursor = await repo.readCursor();
    const due: Stored<Job>[] = [];
    for (const bucket of bucketsBetween(cursor.earliest, bucketOf(now))) {
      if (due.length >= batchSize) break;
      due.push(...(await repo.listDue(bucket, now, batchSize - due.length)));
    }
    // Two instances reading the same batch should not walk it in the same order.
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [due[i], due[j]] = [due[j]!, due[i]!];
    }
    return due;
  }

  async function runOne(found: Stored<Job>, pass: Pass): Promise<boolean> {
    const job = found.doc;
    const now = clock.now();
    if (job.state === "sending") {
      const marked = await repo.replaceIfUnchanged({ ...job, state: "uncertain", finishedAt: now.toISOString(), lastOutcome: "unconfirmed" }, found.etag);
      if (!marked) return false;
      pass.report.uncertain++;
      log.warn(
        { event: "delivery_unconfirmed", jobId: job.id, kind: noticeKind(job), attempt: job.attempts, leaseOwner: job.leaseOwner ?? null },
        "an instance stopped while sending this message; it may or may not have arrived and is not sent again",
      );
      return true;
    }
    const claimed = await repo.replaceIfUnchanged({ ...job, state: "leased", leaseOwner: deps.instanceId, leaseUntil: iso(now.getTime() + leaseMs), attempts: job.attempts + 1 }, found.etag);
    if (!claimed) return false;
    pass.report.ran++;
    if (job.kind === DELIVER_JOB_KIND) await runDelivery(claimed, pass);
    else await runWork(claimed, pass);
    return true;
  }

  async function runDelivery(claimed: Stored<Job>, pass: Pass): Promise<void> {
    const started = Date.now();
    const payload = DeliverPayload.safeParse(claimed.doc.payload);
    if (!payload.success) {
      await settle(claimed, finished(claimed.doc, "failed", "bad_payload"), pass, "failed");
      log.error({ event: "delivery", jobId: claimed.doc.id, kind: null, outcome: "bad_payload", attempt: claimed.doc.attempts, ms: Date.now() - started }, "a delivery job carries no valid target or notice");
      return;
    }
    const { target, notice } = payload.data;
    let current = claimed;
    let called = false;
    let lost = false;
    let unsure = false;
    const beforeSend: BeforeSend = async () => {
      called = true;
      try {
        current = await repo.replace({ ...current.doc, state: "sending", leaseUntil: iso(clock.now().getTime() + leaseMs) }, current.etag);
        return true;
      } catch (err) {
        if (isConflict(err)) lost = true;
        else unsure = true;
        return false;
      }
    };

    let outcome: SendOutcome;
    try {
      outcome = await deps.deliver(target, notice, claimed.doc, beforeSend);
    } catch (err) {
      log.error({ event: "delivery_error", jobId: claimed.doc.id, err: errorSummary(err) }, "deliver threw; treated as a retryable failure");
      outcome = { status: "failed", retryable: true };
    }
    const ms = Date.now() - started;
    const line = { event: "delivery", jobId: claimed.doc.id, kind: notice.kind, target: target.kind, attempt: claimed.doc.attempts, ms };

    if (lost) {
      log.info({ ...line, outcome: "lease_lost" }, "another instance took this job over; not sent here");
      return;
    }
    if (unsure) {
      // The "sending" write failed without a clear answer. Nothing was sent: put the job back if that write did land.
      const back = await restoreAfterUnsureWrite(claimed);
      log.warn({ ...line, outcome: back ? "not_sent_retry" : "not_sent" }, "could not record the send; nothing was sent");
      if (back) pass.report.retried++;
      return;
    }
    if (outcome.status === "sent" && !called && !warnedNoBeforeSend) {
      warnedNoBeforeSend = true;
      log.warn({ event: "delivery_without_before_send" }, "deliver sent without calling beforeSend; a crash during sending could repeat a message");
    }

    const now = clock.now().getTime();
    const attempt = claimed.doc.attempts;
    switch (outcome.status) {
      case "sent": {
        const saved = await settle(current, finished(current.doc, "done", "sent"), pass, "delivered", true);
        log.info({ ...line, outcome: "sent", saved: saved !== null }, "delivered");
        return;
      }
      case "gone": {
        await settle(current, finished(current.doc, "gone", `gone_${outcome.httpStatus}`), pass, "gone");
        log.info({ ...line, outcome: "gone", httpStatus: outcome.httpStatus }, "the conversation is gone; dropped");
        return;
      }
      case "throttled":
      case "failed": {
        const retryable = outcome.status === "throttled" || outcome.retryable;
        const label = outcome.status === "throttled" ? "throttled" : `failed${outcome.httpStatus ? `_${outcome.httpStatus}` : ""}`;
        const httpStatus = outcome.status === "throttled" ? 429 : (outcome.httpStatus ?? null);
        if (!retryable || attempt >= maxAttempts) {
          await settle(current, finished(current.doc, "failed", label), pass, "failed");
          log.error({ ...line, outcome: label, httpStatus, final: true }, "delivery failed for good");
          return;
        }
        const delay =
          outcome.status === "throttled"
            ? outcome.retryAfterSeconds * 1000 + Math.round(random() * 100)
            : Math.max(MIN_RETRY_MS, backoffDelayMs(attempt, { baseMs: 2_000, capMs: 10 * 60_000, random }));
        await settle(current, { ...pendingAgain(current.doc, now + Math.max(MIN_RETRY_MS, delay)), lastOutcome: label }, pass, "retried");
        log.info({ ...line, outcome: label, httpStatus, retryInMs: Math.max(MIN_RETRY_MS, delay) }, "delivery will be retried");
        return;
      }
    }
  }

  async function runWork(claimed: Stored<Job>, pass: Pass): Promise<void> {
    const started = Date.now();
    const job = claimed.doc;
    const line = { event: "job_ran", jobId: job.id, kind: job.kind, attempt: job.attempts };
    const handler = Object.hasOwn(deps.work, job.kind) ? deps.work[job.kind] : undefined;
    if (!handler) {
      await settle(claimed, finished(job, "failed", "no_handler"), pass, "failed");
      log.error({ ...line, outcome: "no_handler", ms: Date.now() - started }, "no handler for this job kind");
      return;
    }
    try {
      const result = await handler(job);
      const now = clock.now().toISOString();
      const produced: NewJob[] = [
        ...(result.deliveries ?? []).map((d) => {
          const target = DeliveryTarget.parse(d.target);
          return { id: d.id, tenantId: target.tenantId, kind: DELIVER_JOB_KIND, dueAt: d.dueAt ?? now, payload: { target, notice: d.notice } };
        }),
        ...(result.jobs ?? []),
      ];
      const created = produced.length ? await repo.enqueueMany(produced) : 0;
      const skipped = result.note === "skipped";
      await settle(claimed, finished(job, skipped ? "skipped" : "done", result.note ?? "done"), pass, skipped ? "skipped" : undefined);
      log.info({ ...line, outcome: skipped ? "skipped" : "done", produced: produced.length, enqueued: created, ms: Date.now() - started }, "job ran");
    } catch (err) {
      const ms = Date.now() - started;
      if (job.attempts >= maxAttempts) {
        await settle(claimed, finished(job, "failed", "error"), pass, "failed");
        log.error({ ...line, outcome: "failed", final: true, ms, err: errorSummary(err) }, "job failed for good");
        return;
      }
      const delay = Math.max(MIN_RETRY_MS, backoffDelayMs(job.attempts, { baseMs: 5_000, capMs: 15 * 60_000, random }));
      await settle(claimed, { ...pendingAgain(job, clock.now().getTime() + delay), lastOutcome: "error" }, pass, "retried");
      log.warn({ ...line, outcome: "retry", retryInMs: delay, ms, err: errorSummary(err) }, "job failed; will retry");
    }
  }

  function finished(job: Job, state: Job["state"], lastOutcome: string): Job {
    return { ...job, state, lastOutcome, finishedAt: clock.now().toISOString() };
  }

  function pendingAgain(job: Job, at: number): Job {
    const { leaseOwner: _owner, leaseUntil: _until, ...rest } = job;
    return { ...rest, state: "pending", nextAttemptAt: iso(at) };
  }

  /**
   * Writes the job's next state under our lease. A conflict means another instance took the
   * job after our lease ran out; if we did deliver, the job it marked `uncertain` is
   * corrected to `done`. Returns the job as saved, or null when ours was not. A job put
   * back as pending is handed to the pass, which may claim it again when it falls due.
   */
  async function settle(current: Stored<Job>, next: Job, pass: Pass, count?: keyof RunReport, wasSent = false): Promise<Stored<Job> | null> {
    if (count) pass.report[count]++;
    try {
      const saved = await repo.replace(next, current.etag);
      if (next.state === "pending") pass.retryLater(saved);
      return saved;
    } catch (err) {
      if (!isConflict(err)) {
        log.error({ event: "job_state_not_saved", jobId: next.id, state: next.state, err: errorSummary(err) }, "could not save a job's new state; its lease will run out");
        return null;
      }
    }
    const now = await repo.get(next.id, next.dueAt);
    if (wasSent && now && now.doc.state === "uncertain") {
      const fixed = await repo.replaceIfUnchanged({ ...now.doc, state: "done", lastOutcome: "sent_late" }, now.etag);
      log.warn({ event: "delivery_confirmed_late", jobId: next.id, fixed: fixed !== null }, "a send outlived its lease; the job marked unconfirmed is done after all");
      return fixed;
    }
    log.info({ event: "job_lease_lost", jobId: next.id, state: now?.doc.state ?? null }, "another instance changed this job first");
    return null;
  }

  /** After a "sending" write with no clear answer: if it landed (our owner, state sending), put the job back to pending. */
  async function restoreAfterUnsureWrite(claimed: Stored<Job>): Promise<boolean> {
    try {
      const now = await repo.get(claimed.doc.id, claimed.doc.dueAt);
      if (!now) return false;
      const ours = now.doc.leaseOwner === deps.instanceId && now.doc.attempts === claimed.doc.attempts && (now.doc.state === "sending" || now.doc.state === "leased");
      if (!ours) return false;
      return (await repo.replaceIfUnchanged(pendingAgain(now.doc, clock.now().getTime() + MIN_RETRY_MS), now.etag)) !== null;
    } catch {
      return false;
    }
  }

  /** Moves the cursor past hours that ended more than `skewMs` ago and hold no open job. */
  async function advanceCursor(now: Date): Promise<void> {
    const cursor: JobCursor = await repo.readCursor();
    const limit = now.getTime() - skewMs;
    let to = cursor.earliest;
    while (bucketStart(nextBucket(to)).getTime() <= limit && !(await repo.hasOpen(to))) to = nextBucket(to);
    if (to !== cursor.earliest && (await repo.advanceCursor(cursor, to))) log.info({ event: "job_cursor_advanced", from: cursor.earliest, to }, "job cursor moved on");
  }

  /**
   * One pass. `concurrency` workers take jobs from a local queue; the queue is refilled by
   * the due query before it runs dry (the next page is read while the last jobs are still
   * sending, so a long fan-out does not stall at every page), and the pass ends when the
   * queue is empty and a fresh query finds nothing new. A job another instance claimed
   * first is simply skipped (its claim fails) and not listed again.
   *
   * A job put back for a retry soon (a 429's Retry-After, a short backoff) is also kept
   * here and claimed again when its time comes, if the clock is seen to move with real
   * time (not a stopped local clock): the end of a fan-out then waits only for its retries,
   * not for the next pass to find them. Its claim is conditional like any other.
   */
  async function runDueNow(): Promise<RunReport> {
    const report = emptyReport();
    const queue: Stored<Job>[] = [];
    const later: Stored<Job>[] = []; // pending again, due within a tick
    const known = new Set<string>(); // queued, waiting in `later`, or in flight here
    const troubled = new Set<string>(); // hit a store error in this pass: not again until the next one
    let refilling: Promise<number> | null = null;
    let lastAdded = 0;
    // Jobs running here now, and a signal for idle workers each time one of them ends: a work
    // job that fans out (a reminder to everyone) produces its deliveries while the other workers
    // are idle, and they must stay to share them rather than leave one worker to send them all.
    let inFlight = 0;
    let jobEnded = signal();
    let quietSince = 0;
    const lowWater = Math.max(concurrency * 2, Math.floor(batchSize / 4));
    const realStart = Date.now();
    const clockStart = clock.now().getTime();
    /** True once the clock has visibly moved along with real time during this pass. */
    const clockMoves = () => {
      const real = Date.now() - realStart;
      return real >= 100 && clock.now().getTime() - clockStart >= real / 2;
    };
    const pass: Pass = {
      report,
      retryLater: (saved) => {
        if (Date.parse(saved.doc.nextAttemptAt) - clock.now().getTime() > tickMs) return;
        known.add(saved.doc.id);
        later.push(saved);
      },
    };
    const forget = (item: Stored<Job>) => {
      known.delete(item.doc.id);
    };

    const refill = (): Promise<number> =>
      (refilling ??= (async () => {
        try {
          let added = 0;
          for (const item of await listDue(clock.now())) {
            if (known.has(item.doc.id) || troubled.has(item.doc.id)) continue;
            known.add(item.doc.id);
            queue.push(item);
            added++;
          }
          lastAdded = added;
          if (added === 0) quietSince = Date.now();
          return added;
        } finally {
          refilling = null;
        }
      })());

    /** Moves retries whose time has come into the queue; returns the wait (ms) for the next one, or null. */
    const releaseLater = (): number | null => {
      if (later.length === 0) return null;
      const now = clock.now().getTime();
      later.sort((a, b) => Date.parse(a.doc.nextAttemptAt) - Date.parse(b.doc.nextAttemptAt));
      while (later.length > 0 && Date.parse(later[0]!.doc.nextAttemptAt) <= now) queue.push(later.shift()!);
      return later.length > 0 ? Date.parse(later[0]!.doc.nextAttemptAt) - now : null;
    };

    const worker = async () => {
      while (!stopping) {
        // Read ahead; after a read that found nothing new, not again for a moment.
        if (queue.length <= lowWater && !refilling && Date.now() - quietSince > 500) void refill().catch(() => 0);
        const waitMs = releaseLater();
        const item = queue.shift();
        if (!item) {
          if (refilling) await refilling.catch(() => 0);
          else if (lastAdded > 0) await refill();
          else if (waitMs !== null && clockMoves()) await sleep(Math.max(MIN_TICK_MS, waitMs));
          else if (inFlight > 0) await jobEnded.promise;
          else return;
          continue;
        }
        inFlight++;
        try {
          await runOne(item, pass);
        } catch (err) {
          // Store trouble mid-job: the job keeps its state and lease, and is picked up again after the lease.
          troubled.add(item.doc.id);
          log.error({ event: "job_error", jobId: item.doc.id, kind: item.doc.kind, err: errorSummary(err) }, "a job could not be run this time");
        } finally {
          inFlight--;
          if (!later.some((l) => l.doc.id === item.doc.id)) forget(item);
          const ended = jobEnded;
          jobEnded = signal();
          ended.resolve();
        }
      }
    };

    for (let round = 0; round < MAX_ROUNDS && !stopping; round++) {
      // Workers stop when nothing new turns up; what the last of them produced is looked for here.
      quietSince = 0;
      if ((await refill()) === 0 && queue.length === 0) break;
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
    // Retries not taken up here are in the store as pending; a later pass finds them.
    later.length = 0;
    await advanceCursor(clock.now());
    return report;
  }

  /** The earliest time after `now` and not after `to` when something becomes due, or null. */
  async function nextWakeUp(now: number, to: number): Promise<number | null> {
    const cursor = await repo.readCursor();
    let best: number | null = null;
    for (const bucket of bucketsBetween(cursor.earliest, bucketOf(to))) {
      // Hours after the current one hold only jobs due within or after them.
      if (best !== null && bucketStart(bucket).getTime() > best) break;
      const at = await repo.nextWakeUp(bucket, new Date(now));
      if (at === null) continue;
      const ms = Date.parse(at);
      if (best === null || ms < best) best = ms;
    }
    return best !== null && best <= to ? best : null;
  }

  return {
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        // Set when the clock did not move as far as we slept (a manual local clock): then
        // only the regular tick, so a stopped clock with a retry pending is not polled hot.
        let clockStalled = false;
        while (!stopping) {
          let waitMs = tickMs;
          try {
            await serialized(runDueNow);
            const now = clock.now().getTime();
            const next = clockStalled ? null : await nextWakeUp(now, now + tickMs);
            if (next !== null) waitMs = Math.max(MIN_TICK_MS, next - now);
          } catch (err) {
            log.error({ event: "scheduler_pass_failed", err: errorSummary(err) }, "a scheduler pass failed; the next one will try again");
          }
          if (stopping) break;
          const before = clock.now().getTime();
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, waitMs);
            timer.unref();
          });
          clockStalled = clock.now().getTime() - before < waitMs / 2;
        }
      })();
    },

    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      await exclusive;
      loop = undefined;
    },

    runDue: () => serialized(runDueNow),

    runUntil: (to, advanceClock) =>
      serialized(async () => {
        const total = emptyReport();
        const end = to.getTime();
        for (let round = 0; round < MAX_ROUNDS && !stopping; round++) {
          addTo(total, await runDueNow());
          const now = clock.now().getTime();
          if (now >= end) return total;
          const next = await nextWakeUp(now, end);
          if (next === null) break;
          advanceClock(new Date(next));
        }
        if (clock.now().getTime() < end) {
          advanceClock(new Date(end));
          addTo(total, await runDueNow());
        }
        return total;
      }),
  };
}

function noticeKind(job: Job): string | null {
  const notice = (job.payload as { notice?: { kind?: unknown } }).notice;
  return typeof notice?.kind === "string" ? notice.kind : null;
}
