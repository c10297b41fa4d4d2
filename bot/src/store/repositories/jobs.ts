import { createHash } from "node:crypto";
import { Job, NewJob as NewJobSchema, type JobState, type NewJob } from "../../contracts";
import { type Clock } from "../../domain/clock";
import { isAppError } from "../../domain/errors";
import { stripSystemFields } from "../cosmos/systemFields";
import { type DocumentContainer, type Stored } from "../documents";

/**
 * Due jobs in the `jobs` container (partition key `/bucket`). Three kinds of document:
 *
 * - **job** — partition = its hour bucket (UTC, `2026-11-24T08`), id = the caller's job id.
 *   The bucket is the hour of `dueAt`, but never earlier than the hour the job is enqueued
 *   in, so a job due in the past lands where the scheduler still looks. Leases are fields
 *   on the job (`leaseOwner`, `leaseUntil`); every state change is a replace conditional on
 *   the etag, which is what makes a claim exclusive across instances. A finished job gets
 *   a TTL ({@link FINISHED_JOB_TTL_SECONDS}). Stored with one derived field, `wakeAt`:
 *   when the job next needs an instance — `nextAttemptAt` while pending, `leaseUntil`
 *   while leased or sending, absent once final — so "what is due" is one range condition
 *   on one indexed field (and cheap for the embedded server, whose query parser slows
 *   down steeply with every level of nested parentheses).
 * - **jobIndex** — partition `idx-<2 hex of sha256(id)>`, id = the job id, holding the
 *   bucket the job went to. Because "never earlier than now" makes a job's bucket depend on
 *   when it was enqueued, the id alone does not say where it is; this small index makes
 *   `enqueue` idempotent by id across buckets (re-planning the same job an hour later must
 *   not create a second one in the new hour) and lets `get` find any job with two point
 *   reads. It expires {@link INDEX_RETENTION_SECONDS} after the job is due.
 * - **jobCursor** — partition and id `cursor`: the earliest bucket that may still hold open
 *   jobs. The scheduler reads buckets from the cursor to the current hour and moves it on
 *   (etag-conditional) past empty buckets older than now minus a skew margin.
 *
 * Every scheduler read is a point read or a single-partition query on one bucket.
 */
export const FINISHED_JOB_TTL_SECONDS = 7 * 24 * 60 * 60;
/** How long after its due time a job's id stays reserved (its index document lives). */
export const INDEX_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/**
 * A job due longer ago than this is refused by `enqueue` (returns false, nothing written).
 * Kept well under the finished-job TTL: a finished job stays readable at least that long
 * after its due time, so a late re-enqueue of the same id still finds it and is a no-op.
 */
export const MAX_PAST_DUE_MS = 3 * 24 * 60 * 60 * 1000;

const CURSOR_PARTITION = "cursor";
const CURSOR_ID = "cursor";
const SYSTEM_TENANT = "system";
const SCHEMA_VERSION = 1;
const HOUR_MS = 60 * 60 * 1000;

/** The hour bucket (UTC) an instant falls in, e.g. "2026-11-24T08". */
export function bucketOf(at: Date | string | number): string {
  return new Date(at).toISOString().slice(0, 13);
}

/** When a bucket starts. */
export function bucketStart(bucket: string): Date {
  return new Date(`${bucket}:00:00.000Z`);
}

/** The bucket after this one. */
export function nextBucket(bucket: string): string {
  return bucketOf(bucketStart(bucket).getTime() + HOUR_MS);
}

/** Every bucket from `from` to `to`, both included, in order (empty when from > to). */
export function bucketsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let b = from; b <= to; b = nextBucket(b)) out.push(b);
  return out;
}

const laterBucket = (a: string, b: string) => (a > b ? a : b);

const indexPartition = (jobId: string) => `idx-${createHash("sha256").update(jobId).digest("hex").slice(0, 2)}`;

interface JobDoc extends Job {
  type: "job";
  schemaVersion: number;
  /** Derived: see the file comment. Dropped again on read (the contract does not know it). */
  wakeAt?: string;
  ttl?: number;
}

interface IndexDoc {
  id: string;
  bucket: string;
  type: "jobIndex";
  schemaVersion: number;
  tenantId: string;
  jobBucket: string;
  dueAt: string;
  ttl: number;
}

interface CursorDoc {
  id: string;
  bucket: string;
  type: "jobCursor";
  schemaVersion: number;
  tenantId: string;
  /** The earliest bucket that may still hold open jobs. */
  earliest: string;
  updatedAt: string;
}

export interface JobCursor {
  earliest: string;
  etag: string;
}

const FINAL_STATES: ReadonlySet<JobState> = new Set(["done", "gone", "failed", "uncertain", "skipped"]);

const isCode = (e: unknown, ...codes: string[]) => isAppError(e) && codes.includes(e.code);

export class JobRepository {
  private cursorEnsured = false;

  constructor(
    readonly container: DocumentContainer,
    private readonly clock: Clock,
  ) {}

  private toDoc(job: Job): JobDoc {
    const wakeAt = job.state === "pending" ? job.nextAttemptAt : job.state === "leased" || job.state === "sending" ? job.leaseUntil : undefined;
    if (!FINAL_STATES.has(job.state) && !wakeAt) throw new TypeError(`job ${job.id}: a ${job.state} job needs ${job.state === "pending" ? "nextAttemptAt" : "leaseUntil"}`);
    return { ...job, type: "job", schemaVersion: SCHEMA_VERSION, ...(wakeAt ? { wakeAt } : {}), ...(FINAL_STATES.has(job.state) ? { ttl: FINISHED_JOB_TTL_SECONDS } : {}) };
  }

  private fromDoc(doc: unknown): Job | null {
    const d = doc as { type?: unknown } | null;
    if (!d || d.type !== "job") return null;
    const parsed = Job.safeParse(stripSystemFields(d));
    return parsed.success ? parsed.data : null;
  }

  /**
   * Adds a job unless one with its id exists (then leaves it alone and returns false).
   * Order of writes: the cursor exists, then the index (reserves the id), then the job. A
   * crash between index and job leaves an index pointing at a missing job; the next
   * enqueue of that id finds the job missing, re-points the index and creates it.
   */
  async enqueue(input: NewJob): Promise<boolean> {
    const parsed = NewJobSchema.parse(input);
    // Normalised to UTC milliseconds, so string comparison in queries is time order.
    const dueAt = new Date(parsed.dueAt).toISOString();
    const now = this.clock.now();
    if (Date.parse(dueAt) < now.getTime() - MAX_PAST_DUE_MS) return false;
    await this.ensureCursor();

    const partition = indexPartition(parsed.id);
    for (let round = 0; round < 5; round++) {
      // Computed right before writing: the scheduler only moves its cursor past an hour once
      // it is older than now minus its skew margin (minutes), far longer than this takes.
      const jobBucket = laterBucket(bucketOf(dueAt), bucketOf(this.clock.now()));
      const ttl = Math.max(0, Math.ceil((Date.parse(dueAt) - now.getTime()) / 1000)) + INDEX_RETENTION_SECONDS;
      const index: IndexDoc = { id: parsed.id, bucket: partition, type: "jobIndex", schemaVersion: SCHEMA_VERSION, tenantId: parsed.tenantId, jobBucket, dueAt, ttl };
      try {
        await this.container.create(index);
      } catch (e) {
        if (!isCode(e, "already_exists")) throw e;
        const existing = await this.container.read<IndexDoc>(partition, parsed.id);
        if (!existing) continue; // expired or removed meanwhile: try again
        if (await this.container.read(existing.doc.jobBucket, parsed.id)) return false;
        // The index survived a crash without its job: point it at a bucket the scheduler still reads.
        try {
          await this.container.replace({ ...index, ttl: existing.doc.ttl }, existing.etag);
        } catch (err) {
          if (isCode(err, "edit_conflict", "not_found")) continue;
          throw err;
        }
      }
      const job: Job = {
        id: parsed.id,
        bucket: jobBucket,
        tenantId: parsed.tenantId,
        kind: parsed.kind,
        dueAt,
        state: "pending",
        attempts: 0,
        nextAttemptAt: dueAt,
        payload: parsed.payload,
        createdAt: now.toISOString(),
      };
      try {
        await this.container.create(this.toDoc(job));
        return true;
      } catch (e) {
        if (isCode(e, "already_exists")) return false;
        throw e;
      }
    }
    throw new Error(`enqueue(${parsed.id}): the job index kept changing under us`);
  }

  /** Enqueues many, `concurrency` at a time; returns how many were new. */
  async enqueueMany(jobs: NewJob[], concurrency = 16): Promise<number> {
    let next = 0;
    let created = 0;
    const worker = async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) if (await this.enqueue(job)) created++;
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
    return created;
  }

  /**
   * Point read. With `dueAt`, the job's own hour is tried first (where every job enqueued
   * ahead of time is); otherwise, or when it is not there, the id index says where it went.
   */
  async get(id: string, dueAt?: string): Promise<Stored<Job> | null> {
    if (dueAt) {
      const direct = await this.read(bucketOf(dueAt), id);
      if (direct) return direct;
    }
    const index = await this.container.read<IndexDoc>(indexPartition(id), id);
    return index ? this.read(index.doc.jobBucket, id) : null;
  }

  private async read(bucket: string, id: string): Promise<Stored<Job> | null> {
    const found = await this.container.read<JobDoc>(bucket, id);
    const job = found && this.fromDoc(found.doc);
    return found && job ? { doc: job, etag: found.etag } : null;
  }

  /**
   * Up to `limit` jobs in one bucket that an instance may take now, soonest first:
   * pending ones whose time has come, and leased or sending ones whose lease has expired.
   */
  async listDue(bucket: string, now: Date, limit: number): Promise<Stored<Job>[]> {
    const page = await this.container.query<{ doc: unknown; etag: string }>(
      bucket,
      { query: "SELECT c AS doc, c._etag AS etag FROM c WHERE c.type = 'job' AND c.wakeAt <= @now ORDER BY c.wakeAt", parameters: [{ name: "@now", value: now.toISOString() }] },
      { limit },
    );
    return page.items.flatMap((row) => {
      const job = this.fromDoc(row.doc);
      return job ? [{ doc: job, etag: row.etag }] : [];
    });
  }

  /** The earliest time after `after` at which something in this bucket becomes due (pending) or claimable (lease ends), or null. */
  async nextWakeUp(bucket: string, after: Date): Promise<string | null> {
    const page = await this.container.query<{ at: string }>(
      bucket,
      { query: "SELECT c.wakeAt AS at FROM c WHERE c.type = 'job' AND c.wakeAt > @after ORDER BY c.wakeAt", parameters: [{ name: "@after", value: after.toISOString() }] },
      { limit: 1 },
    );
    return page.items[0]?.at ?? null;
  }

  /** True while the bucket holds a job that is not finished (pending, leased or sending: the ones with a wake-up time). */
  async hasOpen(bucket: string): Promise<boolean> {
    const [count] = await this.container.queryAll<number>(bucket, { query: "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'job' AND c.wakeAt >= @min", parameters: [{ name: "@min", value: "0" }] });
    return (count ?? 0) > 0;
  }

  /**
   * Writes `job` if the stored one still has `etag`; a final state gets the TTL. Throws
   * `edit_conflict` when another instance changed it first (it won; move on).
   */
  async replace(job: Job, etag: string): Promise<Stored<Job>> {
    const saved = await this.container.replace(this.toDoc(job), etag);
    return { doc: job, etag: saved.etag };
  }

  /** Like `replace`, but a lost race is `null` instead of an error. */
  async replaceIfUnchanged(job: Job, etag: string): Promise<Stored<Job> | null> {
    try {
      return await this.replace(job, etag);
    } catch (e) {
      if (isCode(e, "edit_conflict", "not_found")) return null;
      throw e;
    }
  }

  /** The scheduler's cursor, created at the current hour when missing. */
  async readCursor(): Promise<JobCursor> {
    for (let round = 0; round < 3; round++) {
      const found = await this.container.read<CursorDoc>(CURSOR_PARTITION, CURSOR_ID);
      if (found) return { earliest: found.doc.earliest, etag: found.etag };
      try {
        const created = await this.container.create(this.cursorDoc(bucketOf(this.clock.now())));
        this.cursorEnsured = true;
        return { earliest: created.doc.earliest, etag: created.etag };
      } catch (e) {
        if (!isCode(e, "already_exists")) throw e;
      }
    }
    throw new Error("the job cursor could not be read or created");
  }

  /** Moves the cursor on to `to` if nobody moved it since `from` was read; false when someone did. */
  async advanceCursor(from: JobCursor, to: string): Promise<boolean> {
    if (to <= from.earliest) return false;
    try {
      await this.container.replace(this.cursorDoc(to), from.etag);
      return true;
    } catch (e) {
      if (isCode(e, "edit_conflict", "not_found")) return false;
      throw e;
    }
  }

  /** Every enqueued job must find a cursor at or before its bucket; created once per process. */
  private async ensureCursor(): Promise<void> {
    if (this.cursorEnsured) return;
    await this.readCursor();
    this.cursorEnsured = true;
  }

  private cursorDoc(earliest: string): CursorDoc {
    return { id: CURSOR_ID, bucket: CURSOR_PARTITION, type: "jobCursor", schemaVersion: SCHEMA_VERSION, tenantId: SYSTEM_TENANT, earliest, updatedAt: this.clock.now().toISOString() };
  }
}
