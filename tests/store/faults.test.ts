/**
 * Retries and `unavailable`, through a fault-injecting proxy between the real Cosmos
 * client and the embedded server.
 */
import { CosmosDocumentStore } from "../../bot/src/store/cosmos/cosmosDocumentStore";
import { startEmbeddedServer, type EmbeddedServer } from "../../bot/src/store/embedded/server";
import { isDocumentRequest, startFaultProxy, type FaultProxy } from "../support/faultProxy";
import { appErrorCode, artifact, type ArtifactDoc } from "./helpers";

let server: EmbeddedServer;
let proxy: FaultProxy;
let store: CosmosDocumentStore;
let direct: CosmosDocumentStore;

const retry = { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 200, budgetMs: 1500, deadlineMs: 5000 };

beforeAll(async () => {
  server = await startEmbeddedServer();
  proxy = await startFaultProxy(server);
  store = new CosmosDocumentStore({
    endpoint: proxy.endpoint,
    database: "faults",
    auth: { kind: "embedded", agent: server.agent },
    retry,
    throttleRetry: { maxRetryAttemptCount: 1, maxWaitTimeInSeconds: 1 },
  });
  direct = new CosmosDocumentStore({ endpoint: server.endpoint, database: "faults", auth: { kind: "embedded", agent: server.agent } });
  await direct.ensureSchema();
});

afterEach(() => proxy.setRule(null));

afterAll(async () => {
  await store.close();
  await direct.close();
  await proxy.close();
  await server.close();
});

const everything = (partition: string) => direct.container("communities").queryAll<ArtifactDoc>(partition, { query: "SELECT * FROM c" });

/** Faults every document write by position: lost answers, 503s and 429s, then lets one through. */
function flakyWrites(): () => number {
  let writes = 0;
  proxy.setRule((r) => {
    if (!isDocumentRequest(r) || r.method === "GET") return null;
    writes += 1;
    switch (writes % 4) {
      case 1:
        return { kind: "resetAfter" };
      case 2:
        return { kind: "status", status: 503 };
      case 3:
        return { kind: "status", status: 429, retryAfterMs: 10 };
      default:
        return null;
    }
  });
  return () => writes;
}

test("creates succeed exactly once under lost answers, 503s and 429s", async () => {
  const seenBefore = proxy.seen.length;
  const countBefore = store.requestCount;
  flakyWrites();
  const docs = Array.from({ length: 12 }, (_, i) => artifact("c-flaky", `d${i}`, { n: i }));

  const saved = [];
  for (const doc of docs) saved.push(await store.container("communities").create(doc));

  const faults = proxy.seen.slice(seenBefore).map((r) => r.fault);
  expect(faults).toEqual(expect.arrayContaining(["resetAfter", "status"]));
  const stored = await everything("c-flaky");
  expect(stored.sort((a, b) => a.n! - b.n!)).toEqual(docs);
  for (const [i, s] of saved.entries()) expect((await direct.container("communities").read("c-flaky", `d${i}`))?.etag).toBe(s.etag);
  expect(store.requestCount - countBefore).toBe(proxy.seen.length - seenBefore);
});

test("a replace whose answer was lost is recognised as applied, not reported as a conflict", async () => {
  const first = await direct.container("communities").create(artifact("c-flaky-replace", "r", { title: "v1" }));
  let puts = 0;
  proxy.setRule((r) => (r.method === "PUT" && puts++ === 0 ? { kind: "resetAfter" } : null));

  const saved = await store.container("communities").replace({ ...first.doc, title: "v2" }, first.etag);

  expect(puts).toBe(2);
  expect(await direct.container("communities").read("c-flaky-replace", "r")).toEqual({ doc: { ...first.doc, title: "v2" }, etag: saved.etag });
});

test("a real conflict is still a conflict after a lost answer", async () => {
  const first = await direct.container("communities").create(artifact("c-flaky-dup", "x", { title: "someone else's" }));
  let posts = 0;
  proxy.setRule((r) => (isDocumentRequest(r) && r.method === "POST" && posts++ === 0 ? { kind: "resetBefore" } : null));

  expect(await appErrorCode(store.container("communities").create(artifact("c-flaky-dup", "x", { title: "mine" })))).toBe("already_exists");
  expect(await direct.container("communities").read("c-flaky-dup", "x")).toEqual(first);
});

test("createAll under faults lands every document once", async () => {
  flakyWrites();
  const docs = Array.from({ length: 20 }, (_, i) => artifact("c-flaky-batch", `b${i}`, { n: i }));
  await store.container("communities").createAll("c-flaky-batch", docs);
  expect((await everything("c-flaky-batch")).sort((a, b) => a.n! - b.n!)).toEqual(docs);
});

test("x-ms-retry-after-ms is honoured before the next attempt", async () => {
  await direct.container("communities").create(artifact("c-throttle", "t"));
  let reads = 0;
  proxy.setRule((r) => (isDocumentRequest(r) && r.method === "GET" && reads++ === 0 ? { kind: "status", status: 429, retryAfterMs: 300 } : null));
  const before = proxy.seen.length;

  expect((await store.container("communities").read("c-throttle", "t"))?.doc.id).toBe("t");

  const [throttled, retried] = proxy.seen.slice(before);
  expect(throttled?.status).toBe(429);
  expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(290);
});

test("when every request fails with 503 the caller gets unavailable, quickly, and nothing is stored", async () => {
  proxy.setRule(() => ({ kind: "status", status: 503 }));
  const seenBefore = proxy.seen.length;
  const started = Date.now();

  expect(await appErrorCode(store.container("communities").create(artifact("c-down", "never")))).toBe("unavailable");
  expect(await appErrorCode(store.container("communities").read("c-down", "never"))).toBe("unavailable");

  expect(Date.now() - started).toBeLessThan(5000);
  expect(proxy.seen.length - seenBefore).toBe(2 * retry.maxAttempts);
  proxy.setRule(null);
  expect(await direct.container("communities").read("c-down", "never")).toBeNull();
});

test("when every request is throttled, both retry layers run and then give up", async () => {
  proxy.setRule(() => ({ kind: "status", status: 429, retryAfterMs: 5 }));
  const seenBefore = proxy.seen.length;
  const countBefore = store.requestCount;

  expect(await appErrorCode(store.container("communities").upsert(artifact("c-throttled", "u")))).toBe("unavailable");

  const sdkAttemptsPerCall = 1 + 1;
  expect(proxy.seen.length - seenBefore).toBe(sdkAttemptsPerCall * retry.maxAttempts);
  expect(store.requestCount - countBefore).toBe(proxy.seen.length - seenBefore);
});

test("dropped connections on reads end at the deadline even though the SDK keeps retrying reads", async () => {
  const impatient = new CosmosDocumentStore({
    endpoint: proxy.endpoint,
    database: "faults",
    auth: { kind: "embedded", agent: server.agent },
    retry: { ...retry, deadlineMs: 1200 },
  });
  proxy.setRule(() => ({ kind: "resetBefore" }));
  const started = Date.now();
  try {
    expect(await appErrorCode(impatient.container("communities").read("c-reset", "r"))).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(4500);
  } finally {
    await impatient.close();
  }
});
