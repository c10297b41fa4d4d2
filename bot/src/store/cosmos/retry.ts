import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";
import { unavailable } from "../../domain/errors";

/** How hard the store tries before telling the caller `unavailable`. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  /** No single wait is longer than this, even when the server asks for more. */
  maxDelayMs: number;
  /** Total time spent waiting between attempts; once spent, the next failure is final. */
  budgetMs: number;
  /**
   * Wall-clock limit for the whole call, the SDK's own retries included (it retries reads
   * on a reset connection up to 10 times, 1 s apart, and that cannot be configured).
   */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 1000, budgetMs: 2000, deadlineMs: 8000 };

/** The SDK's own 429 handling, kept short: the store's retry wraps it, and Teams invokes must answer in 5 s. */
export const SDK_THROTTLE_RETRY = { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 2 } as const;

const TRANSIENT_STATUS = new Set([408, 429, 449, 503]);
const TRANSIENT_NETWORK = new Set(["TimeoutError", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNREFUSED", "ECONNABORTED", "REQUEST_SEND_ERROR", "UND_ERR_SOCKET"]);

interface ErrorShape {
  code?: unknown;
  statusCode?: unknown;
  retryAfterInMs?: unknown;
  retryAfterInMilliseconds?: unknown;
  headers?: Record<string, unknown>;
  cause?: unknown;
}

const shape = (e: unknown): ErrorShape => (typeof e === "object" && e !== null ? (e as ErrorShape) : {});

/** The HTTP status a Cosmos error carries, or undefined for network failures. */
export function statusOf(e: unknown): number | undefined {
  const s = shape(e);
  if (typeof s.code === "number") return s.code;
  if (typeof s.statusCode === "number") return s.statusCode;
  return undefined;
}

function networkCodeOf(e: unknown): string | undefined {
  for (let current: unknown = e, depth = 0; current && depth < 4; current = shape(current).cause, depth += 1) {
    const code = shape(current).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export type Transience = "throttled" | "ambiguous" | "permanent";

/**
 * Throttling (429) is never applied by Cosmos; timeouts, resets and 503/408 may have
 * been applied before the answer was lost, so a retried write has to check what it finds.
 */
export function classify(e: unknown): Transience {
  const status = statusOf(e);
  if (status === 429) return "throttled";
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return "ambiguous";
  const network = networkCodeOf(e);
  if (network && TRANSIENT_NETWORK.has(network)) return "ambiguous";
  if (e instanceof Error && e.name === "AbortError") return "ambiguous";
  return "permanent";
}

/** The server's `x-ms-retry-after-ms`, when it sent one. */
export function retryAfterMs(e: unknown): number | undefined {
  const s = shape(e);
  const fromHeader = s.headers?.["x-ms-retry-after-ms"];
  const candidates = [s.retryAfterInMs, s.retryAfterInMilliseconds, fromHeader];
  for (const c of candidates) {
    const n = typeof c === "string" ? Number(c) : c;
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

/** Full-jitter exponential backoff, raised to the server's hint when it gave one. */
export function backoffMs(policy: RetryPolicy, attempt: number, hintMs: number | undefined, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * ceiling);
  return Math.min(policy.maxDelayMs, Math.max(jittered, hintMs ?? 0));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the operation learns about earlier attempts, so a write can recognise its own lost success. */
export interface AttemptInfo {
  attempt: number;
  /** An earlier attempt may have been applied even though its answer never came back. */
  mayHaveApplied: boolean;
  /** Aborts at the call's deadline; pass it to every SDK call of the attempt. */
  signal: AbortSignal;
}

/**
 * One unit of work (an API request): whether one of its writes has already been saved. When
 * a later call gives up, "nothing was saved" would be untrue, and "try again" would save twice.
 */
const unitOfWork = new AsyncLocalStorage<{ saved: boolean }>();

/** Runs `fn` as one unit of work (see `unitOfWork`); the API wraps each request in one. */
export function withWriteTracking<T>(fn: () => T): T {
  return unitOfWork.run({ saved: false }, fn);
}

/** Called after each write the store confirmed. */
export function noteSavedWrite(): void {
  const unit = unitOfWork.getStore();
  if (unit) unit.saved = true;
}

/** The message must not promise "nothing was saved" when a lost answer, or an earlier write of the same request, may hide a save. */
function exhausted(kind: "read" | "write", mayHaveApplied: boolean, cause: unknown) {
  const savedEarlier = unitOfWork.getStore()?.saved ?? false;
  const error =
    kind === "read" && !savedEarlier
      ? unavailable("The data store is busy. Try again in a moment.")
      : mayHaveApplied || savedEarlier
        ? unavailable("The data store did not confirm the save in time, so it may or may not have been saved. Reload to check before trying again.")
        : unavailable();
  error.cause = cause;
  return error;
}

/**
 * Runs `operation` until it succeeds, fails permanently, or the budget is spent; then
 * throws `unavailable`. Permanent errors pass through untouched for the caller to map.
 */
export async function withRetry<T>(policy: RetryPolicy, operation: (info: AttemptInfo) => Promise<T>, kind: "read" | "write" = "read"): Promise<T> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(policy.deadlineMs);
  // One call may run up to a batch's worth (100) of requests in parallel on this signal.
  setMaxListeners(256, deadline);
  let waited = 0;
  let mayHaveApplied = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation({ attempt, mayHaveApplied, signal: deadline });
    } catch (e) {
      const transience = classify(e);
      if (transience === "permanent") throw e;
      if (transience === "ambiguous") mayHaveApplied = true;
      const delay = backoffMs(policy, attempt, retryAfterMs(e));
      const outOfTime = deadline.aborted || Date.now() - started + delay >= policy.deadlineMs;
      if (attempt >= policy.maxAttempts || waited + delay > policy.budgetMs || outOfTime) throw exhausted(kind, mayHaveApplied, e);
      waited += delay;
      await sleep(delay);
    }
  }
}
