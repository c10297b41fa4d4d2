/** The retry rules on their own, without a network. */
import { isAppError } from "../../bot/src/domain/errors";
import { backoffMs, classify, retryAfterMs, withRetry, type RetryPolicy } from "../../bot/src/store/cosmos/retry";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 80, budgetMs: 1000, deadlineMs: 5000 };
const httpError = (code: number, headers: Record<string, string> = {}) => Object.assign(new Error(`status ${code}`), { code, headers });
const networkError = (code: string) => Object.assign(new Error(code), { code });

describe("classify", () => {
  test.each([
    [httpError(429), "throttled"],
    [httpError(503), "ambiguous"],
    [httpError(408), "ambiguous"],
    [networkError("ECONNRESET"), "ambiguous"],
    [networkError("TimeoutError"), "ambiguous"],
    [Object.assign(new Error("wrapped"), { cause: networkError("EPIPE") }), "ambiguous"],
    [httpError(409), "permanent"],
    [httpError(412), "permanent"],
    [httpError(400), "permanent"],
    [new TypeError("bug"), "permanent"],
  ])("%s is %s", (error, expected) => {
    expect(classify(error)).toBe(expected);
  });
});

describe("backoff", () => {
  test("grows exponentially under full jitter and stays under the cap", () => {
    expect(backoffMs(policy, 1, undefined, () => 1)).toBe(10);
    expect(backoffMs(policy, 3, undefined, () => 1)).toBe(40);
    expect(backoffMs(policy, 10, undefined, () => 1)).toBe(80);
    expect(backoffMs(policy, 3, undefined, () => 0)).toBe(0);
  });

  test("waits at least what the server asked for, up to the cap", () => {
    expect(backoffMs(policy, 1, 50, () => 0)).toBe(50);
    expect(backoffMs(policy, 1, 5000, () => 0)).toBe(80);
  });

  test("reads the server's hint from the error or its headers", () => {
    expect(retryAfterMs(Object.assign(httpError(429), { retryAfterInMs: 120 }))).toBe(120);
    expect(retryAfterMs(httpError(429, { "x-ms-retry-after-ms": "75" }))).toBe(75);
    expect(retryAfterMs(httpError(503))).toBeUndefined();
  });
});

describe("withRetry", () => {
  test("retries transient failures and returns the first success", async () => {
    const failures = [httpError(429), networkError("ECONNRESET")];
    let calls = 0;
    const result = await withRetry(policy, async () => {
      calls += 1;
      const next = failures.shift();
      if (next) throw next;
      return "done";
    });
    expect([result, calls]).toEqual(["done", 3]);
  });

  test("tells the operation when an earlier attempt may have been applied", async () => {
    const seen: boolean[] = [];
    await withRetry(policy, async ({ mayHaveApplied, attempt }) => {
      seen.push(mayHaveApplied);
      if (attempt === 1) throw httpError(429);
      if (attempt === 2) throw networkError("ECONNRESET");
      return null;
    });
    expect(seen).toEqual([false, false, true]);
  });

  test("passes permanent errors through after one attempt", async () => {
    let calls = 0;
    const conflict = httpError(412);
    await expect(
      withRetry(policy, async () => {
        calls += 1;
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(1);
  });

  test("stops after maxAttempts with unavailable, keeping the last cause", async () => {
    let calls = 0;
    const error = await withRetry(policy, async () => {
      calls += 1;
      throw httpError(503);
    }, "write").catch((e: unknown) => e);
    expect(calls).toBe(policy.maxAttempts);
    expect(isAppError(error) && error.code).toBe("unavailable");
    expect((error as Error).message).toMatch(/may or may not have been saved/);
    expect((error as Error).cause).toMatchObject({ code: 503 });
  });

  test("a write that was only ever throttled says nothing was saved", async () => {
    const error = await withRetry(policy, async () => Promise.reject(httpError(429)), "write").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Nothing was saved/);
  });

  test("stops early when the waiting budget is spent", async () => {
    let calls = 0;
    const tight = { ...policy, maxAttempts: 100, budgetMs: 100 };
    await expect(
      withRetry(tight, async () => {
        calls += 1;
        throw httpError(429, { "x-ms-retry-after-ms": "60" });
      }),
    ).rejects.toMatchObject({ code: "unavailable" });
    expect(calls).toBe(2);
  });
});
