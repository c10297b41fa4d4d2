/**
 * `npm run bench`: measures the running system on this machine and writes the table to
 * docs/bench-results.md. Figures come from real HTTP against the real server and store.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../bot/src/commands/demo/people";
import { loadConfig } from "../bot/src/config";
import { type Artifact } from "../bot/src/contracts";

const WORDS = ["onboarding", "retrospective", "feedback", "handover", "recognition", "skip-level", "decision", "meeting", "survey", "coaching"];
import { startServer } from "../bot/src/main";
import { startLocalEntra, ssoEnv, type LocalEntra } from "../tests/support/sso";

interface Row {
  measure: string;
  value: string;
  goal: string;
}

const LIBRARY_SIZE = Number(process.env.BENCH_LIBRARY_SIZE ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timeRequests(url: string, headers: Record<string, string>, count: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - t);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

/** Store requests one API request makes: the median over sequential requests, so background work (TTL sweeps, snapshots) does not blur it. */
async function roundTrips(url: string, headers: Record<string, string>, count: number, requestCount: () => number): Promise<number> {
  const deltas: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = requestCount();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    deltas.push(requestCount() - before);
  }
  return deltas.sort((a, b) => a - b)[Math.floor(count / 2)]!;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "circles-bench-"));
  const rows: Row[] = [];
  let peakRss = process.memoryUsage().rss;
  let entra: LocalEntra | undefined;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const t0 = performance.now();
    // The production auth path: Teams SSO tokens checked against a local key endpoint.
    entra = await startLocalEntra();
    const server = await startServer(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SEED_DEMO: "true", ...ssoEnv(entra) }), { logger: pino({ level: "silent" }), reviewSweepMs: 0 });
    rows.push({ measure: "Start-up with a fresh store and demo seed", value: ms(performance.now() - t0), goal: "< 120 s (healthz)" });

    // Grow the demo library so the list query has real work to do.
    const now = Date.now();
    const extra: Artifact[] = Array.from({ length: LIBRARY_SIZE }, (_, i) => ({
      id: `art-bench-${i}`,
      communityId: DEMO_COMMUNITY_ID,
      tenantId: DEMO_TENANT_ID,
      type: "template",
      title: `Bench item ${i}: ${i % 3 ? "feedback routine" : "decision checklist"} ${WORDS[i % WORDS.length]}`,
      summary: "Generated for the benchmark.",
      body: `${WORDS[(i * 7) % WORDS.length]} `.repeat(60),
      fields: { type: "template", whenToUse: "" },
      priorities: [i % 2 ? "feedback" : "accountability"],
      topics: ["bench"],
      visibility: "community",
      anonymous: false,
      authorId: "aad-user-amara",
      authorName: "Amara Okafor",
      openCount: i % 50,
      version: 1,
      createdAt: new Date(now - i * 60_000).toISOString(),
      updatedAt: new Date(now - i * 60_000).toISOString(),
      updatedBy: "aad-user-amara",
      deleted: false,
    }));
    const tSeed = performance.now();
    await server.ctx.repos.artifacts.collection.createMany(DEMO_COMMUNITY_ID, extra);
    rows.push({ measure: `Write ${LIBRARY_SIZE} artifacts (batches of 100)`, value: ms(performance.now() - tSeed), goal: "—" });
    await server.store.flush(); // let the local snapshot finish so its reads do not count below

    const headers = { authorization: `Bearer ${await entra.token({ tid: DEMO_TENANT_ID, oid: "aad-user-amara", name: "Amara Okafor" })}` };
    const listUrl = `${server.url}/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=25`;
    await timeRequests(listUrl, headers, 10, 2); // warm-up
    const list = await timeRequests(listUrl, headers, REQUESTS, 1);
    const listTrips = await roundTrips(listUrl, headers, 21, () => server.store.requestCount);
    rows.push({ measure: `Library first page (${LIBRARY_SIZE + 23} items) p50`, value: ms(percentile(list, 50)), goal: "—" });
    rows.push({ measure: `Library first page (${LIBRARY_SIZE + 23} items) p95`, value: ms(percentile(list, 95)), goal: "—" });
    rows.push({ measure: "Store round trips per library page (median)", value: String(listTrips), goal: "≤ 2" });

    const searchUrl = `${listUrl}&q=handover+checklist&type=template&sort=opened`;
    await timeRequests(searchUrl, headers, 4, 2); // the embedded server compiles each new query once
    const search = await timeRequests(searchUrl, headers, REQUESTS / 2, 1);
    const searchTrips = await roundTrips(searchUrl, headers, 21, () => server.store.requestCount);
    rows.push({ measure: `Library search, two words + type filter + sort (${LIBRARY_SIZE + 23} items) p50`, value: ms(percentile(search, 50)), goal: "—" });
    rows.push({ measure: `Library search, two words + type filter + sort (${LIBRARY_SIZE + 23} items) p95`, value: ms(percentile(search, 95)), goal: "—" });
    rows.push({ measure: "Store round trips per library search (median)", value: String(searchTrips), goal: "≤ 2" });

    const loaded = await timeRequests(searchUrl, headers, REQUESTS / 2, 4);
    rows.push({ measure: "Library search at 4 concurrent requests p50 / p95", value: `${ms(percentile(loaded, 50))} / ${ms(percentile(loaded, 95))}`, goal: "—" });
    const health = await timeRequests(`${server.url}/healthz`, {}, REQUESTS, 4);
    rows.push({ measure: "GET /healthz p50 / p95", value: `${ms(percentile(health, 50))} / ${ms(percentile(health, 95))}`, goal: "—" });
    const me = await timeRequests(`${server.url}/api/me`, headers, REQUESTS, 4);
    rows.push({ measure: "GET /api/me p50 / p95", value: `${ms(percentile(me, 50))} / ${ms(percentile(me, 95))}`, goal: "—" });

    await server.close();
    rows.push({ measure: "Peak memory (RSS) of the process", value: `${Math.round(peakRss / 1024 / 1024)} MiB`, goal: "—" });
  } finally {
    clearInterval(sampler);
    await entra?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const machine = `${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  const table = ["| measure | value | goal |", "|---|---|---|", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.goal} |`)].join("\n");
  const report = `# Benchmark results\n\nMeasured ${new Date().toISOString()} on ${machine}: the real server on the embedded Cosmos store, requests signed with Teams SSO tokens (the production auth path), latencies one request at a time unless stated.\n\n${table}\n`;
  writeFileSync(join(__dirname, "..", "docs", "bench-results.md"), report);
  console.log(table);
  console.log("\nWritten to docs/bench-results.md");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
