/**
 * `npm run bench`: measures the running system on this machine and writes the table to
 * docs/bench-results.md. Figures come from real HTTP against the real server and store.
 *
 * Sections: `api` (start-up, library, API latencies), `fanout` (reminder fan-out through
 * the real scheduler and proactive sender), `fanout-local` (the same on `npm start`'s
 * snapshotting local store) and `buddies` (buddy matching for 10,000 members, pure domain
 * code). `BENCH_SECTIONS=fanout` runs some of them (quick checks; the
 * results file is then left alone), `BENCH_FANOUT=200` shrinks the fan-out.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { DEMO_COMMUNITY_ID, DEMO_TENANT_ID } from "../bot/src/commands/demo/people";
import { loadConfig } from "../bot/src/config";
import { type Artifact, type Notice } from "../bot/src/contracts";
import { createDelivery } from "../bot/src/jobs/delivery";
import { createScheduler } from "../bot/src/jobs/scheduler";
import { openStore } from "../bot/src/store";
import { EmbeddedDocumentStore } from "../bot/src/store/embedded/embeddedStore";
import { createRepositories } from "../bot/src/store/repositories";
import { createProactiveSender } from "../bot/src/teams";
import { renderNotice } from "../bot/src/teams/cards/notices";
import { crossDepartmentShare, matchBuddies, type BuddyCandidate, type PastRounds } from "../bot/src/domain/buddies";
import { startRecordingConnector } from "../tests/support/connector";

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
const FANOUT = Number(process.env.BENCH_FANOUT ?? 2_000);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "api,fanout,fanout-local,buddies").split(",").map((x) => x.trim()));
const ALL_SECTIONS = ["api", "fanout", "fanout-local", "buddies"].every((x) => SECTIONS.has(x)) && FANOUT === 2_000;
/** Teams' per-app-per-tenant ceiling the fan-out is measured against. */
const TEAMS_APP_CEILING_PER_SECOND = 50;
/** Share of requests the stand-in connector answers with 429 regardless of the limits. */
const RANDOM_429_SHARE = 0.05;

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

async function benchApi(rows: Row[], peak: () => number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "circles-bench-"));
  let entra: LocalEntra | undefined;
  try {
    const t0 = performance.now();
    // The production auth path: Teams SSO tokens checked against a local key endpoint.
    entra = await startLocalEntra();
    const server = await startServer(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SEED_DEMO: "true", ...ssoEnv(entra) }), { logger: pino({ level: "silent" }), scheduler: false });
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
    rows.push({ measure: "Peak memory (RSS) of the process", value: `${Math.round(peak() / 1024 / 1024)} MiB`, goal: "—" });
  } finally {
    await entra?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Reminder fan-out: FANOUT personal chats, one session reminder each, planned ahead as
 * delivery jobs (as the planner does) and delivered when due by the real scheduler and
 * the real proactive sender, against a stand-in Teams connector that enforces Teams'
 * limits (7/s and 60/30 s per conversation, 50/s per app per tenant, sliding windows) and
 * answers RANDOM_429_SHARE of all requests with 429 at random. The rate is the one Teams
 * sees: messages from the first to the last.
 *
 * The store is the embedded Cosmos server through the real client. `localSnapshots`
 * false runs it as in Azure, where nothing else reads the whole store meanwhile (no
 * snapshot file, TTL on the server); true is `npm start`'s local store, whose snapshotter
 * re-reads every container after each burst of writes — with thousands of job documents
 * changing that takes most of the one thread, which the second row shows.
 */
async function benchFanOut(rows: Row[], localSnapshots: boolean): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "circles-bench-fanout-"));
  const store = localSnapshots
    ? await openStore({ mode: "local", dataDir, cosmos: { database: "practice-circles" } })
    : await EmbeddedDocumentStore.open({ dataDir, snapshotDebounceMs: 24 * 60 * 60_000, ttlSweepIntervalMs: 0 });
  const connector = await startRecordingConnector({ limits: true, randomThrottle: { fraction: RANDOM_429_SHARE, seed: 2026, retryAfterSeconds: 1 } });
  const log = pino({ level: "silent" });
  const label = `Reminder fan-out to ${FANOUT} personal chats${localSnapshots ? ", local store with snapshots (npm start)" : ""}`;
  try {
    // The local mode's kind of clock (real time plus an offset): once the plan is in, it is
    // moved to the due time, with the scheduler already running, as when a reminder falls due.
    let offsetMs = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    const repos = createRepositories(store, clock);
    const tenantId = "tenant-bench";
    const users = Array.from({ length: FANOUT }, (_, i) => `aad-bench-${String(i).padStart(5, "0")}`);
    const conversationOf = (userId: string) => `a:bench-${userId}`;
    await inParallel(users, 16, (userId) =>
      repos.directory.saveConversation({
        tenantId,
        conversationId: conversationOf(userId),
        scope: "personal",
        userId,
        reference: { serviceUrl: connector.serviceUrl, channelId: "msteams", conversation: { id: conversationOf(userId), conversationType: "personal", tenantId }, bot: { id: "28:bench-bot" }, user: { id: `29:${userId}` } },
        updatedAt: new Date().toISOString(),
      }),
    );

    // Planned ahead: one reminder per member, due ten minutes from now.
    const dueAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const startsAt = new Date(Date.parse(dueAt) + 15 * 60_000);
    const reminder = (userId: string): Notice => ({
      kind: "session.reminder",
      session: {
        sessionId: "ses-bench",
        communityId: "com-bench",
        communityName: "Bench Managers' Circle",
        title: "Weekly check-in",
        kind: "check-in",
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
        timeZone: "Europe/Berlin",
        joinUrl: "https://teams.microsoft.com/l/meetup-join/bench",
        facilitatorName: "Amara Okafor",
        theme: "Feedback that lands",
        agenda: [
          { title: "Input", minutes: 15 },
          { title: "Discussion", minutes: 30 },
          { title: "Planning", minutes: 15 },
        ],
        skipped: false,
      },
      minutesBefore: 15,
      readerTimeZone: userId.endsWith("1") ? "America/New_York" : "Europe/Berlin",
      myRsvp: null,
    });
    const tPlan = performance.now();
    const planned = await repos.jobs.enqueueMany(
      users.map((userId) => ({ id: `remind-ses-bench-15-${userId}`, tenantId, kind: "deliver", dueAt, payload: { target: { kind: "personal", tenantId, userId }, notice: reminder(userId) } })),
    );
    rows.push({ measure: `${label}: plan the ${planned} delivery jobs (enqueue, 16 at a time)`, value: ms(performance.now() - tPlan), goal: "—" });
    if (planned !== FANOUT) throw new Error(`planned ${planned} of ${FANOUT} jobs`);

    const sender = createProactiveSender({ config: { bot: { hasPassword: false } }, logger: log });
    const scheduler = createScheduler({
      repos,
      clock,
      log,
      instanceId: "bench-instance",
      work: {},
      deliver: createDelivery({ repos, sender, render: (notice) => renderNotice(notice), clock, log }),
    });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 3_000)); // its first passes: nothing due yet
    offsetMs = Date.parse(dueAt) - Date.now();
    const started = Date.now();
    const deadline = started + Math.max(120_000, FANOUT * 200);
    const delivered = () => new Set(connector.activities.map((a) => a.conversationId)).size;
    while (delivered() < FANOUT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lastAt = Math.max(...connector.activities.map((a) => a.at));
    const firstAt = Math.min(...connector.activities.map((a) => a.at));
    // Keep running a little: a duplicate or a late retry would show up now.
    await new Promise((r) => setTimeout(r, 3_000));
    await scheduler.stop();

    const counts = new Map<string, number>();
    for (const a of connector.activities) counts.set(a.conversationId, (counts.get(a.conversationId) ?? 0) + 1);
    const expected = new Set(users.map(conversationOf));
    const duplicates = [...counts.values()].reduce((n, c) => n + (c - 1), 0);
    const losses = [...expected].filter((c) => !counts.has(c)).length;
    const strangers = [...counts.keys()].filter((c) => !expected.has(c)).length;
    const seconds = (lastAt - firstAt) / 1000;
    // Messages after the first, over the time from the first to the last, as Teams saw them arrive.
    const rate = (counts.size - 1) / seconds;
    const byLimit = connector.stats.throttledByLimit;
    rows.push({
      measure: `${label}: delivered per second as Teams saw them, first to last message (${counts.size} in ${seconds.toFixed(1)} s)`,
      value: `${rate.toFixed(1)}/s = ${(rate / TEAMS_APP_CEILING_PER_SECOND).toFixed(2)} of the ${TEAMS_APP_CEILING_PER_SECOND}/s ceiling`,
      goal: localSnapshots ? "— (the goal is the row without snapshots)" : "≥ 0.90",
    });
    if (!localSnapshots) rows.push({ measure: `${label}: from the due time to the first message (the loop's wake-up: at most one tick, 2 s)`, value: ms(firstAt - started), goal: "—" });
    rows.push({ measure: `${label}: duplicates (messages beyond one per chat)`, value: String(duplicates + strangers), goal: "0" });
    rows.push({ measure: `${label}: losses (chats with no message)`, value: String(losses), goal: "0" });
    rows.push({
      measure: `${label}: 429s seen (${Math.round(RANDOM_429_SHARE * 100)}% at random / for going over a limit), each retried after its Retry-After`,
      value: `${connector.stats.throttledAtRandom} / ${byLimit.conversationPerSecond + byLimit.conversationPer30Seconds + byLimit.appPerSecond}`,
      goal: "— / 0",
    });
    // Bench path: every job's final state, across partitions.
    const states = await store.container("jobs").queryAcrossPartitionsForAdmin<{ state: string }>({ query: "SELECT c.state FROM c WHERE c.type = 'job'" });
    const count = (state: string) => states.filter((j) => j.state === state).length;
    rows.push({ measure: `${label}: jobs done / failed / uncertain / still open`, value: `${count("done")} / ${count("failed")} / ${count("uncertain")} / ${count("pending") + count("leased") + count("sending")}`, goal: `${FANOUT} / 0 / 0 / 0` });
  } finally {
    await connector.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Buddy matching for 10,000 members in 12 uneven departments, with reporting lines, avoid lists and 3 rounds of history. */
function benchBuddies(rows: Row[]): void {
  const MEMBERS = 10_000;
  const NO_REPEAT_ROUNDS = 3;
  // A fixed LCG so every run measures the same community.
  let state = 20_260_301;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
  const weights = [24, 16, 12, 10, 8, 7, 6, 5, 4, 3, 3, 2];
  const total = weights.reduce((a, b) => a + b, 0);
  const departmentOf = (): string => {
    let x = random() * total;
    for (let d = 0; d < weights.length; d++) if ((x -= weights[d]!) < 0) return `Department ${d + 1}`;
    return `Department ${weights.length}`;
  };
  const candidates: BuddyCandidate[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const department = departmentOf();
    // Reporting lines: most members report to an earlier member, usually in their own department (chains several levels deep).
    const sameDept = candidates.slice(-200).filter((c) => c.department === department);
    const manager = i > 0 && random() < 0.7 ? (sameDept.length > 0 && random() < 0.8 ? sameDept[Math.floor(random() * sameDept.length)]! : candidates[Math.floor(random() * i)]!) : undefined;
    const avoid = random() < 0.03 ? [`bench-${Math.floor(random() * MEMBERS)}`] : [];
    candidates.push({ userId: `bench-${i}`, department, managerId: manager?.userId, avoid });
  }
  const department = new Map(candidates.map((c) => [c.userId, c.department]));
  const history: PastRounds = [];
  for (let round = 1; round <= NO_REPEAT_ROUNDS; round++) history.unshift(matchBuddies(candidates, history, { noRepeatRounds: NO_REPEAT_ROUNDS, seed: round }).groups.map((g) => g.memberIds));

  const times: number[] = [];
  let result = matchBuddies(candidates, history, { noRepeatRounds: NO_REPEAT_ROUNDS, seed: 100 }); // warm-up
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    result = matchBuddies(candidates, history, { noRepeatRounds: NO_REPEAT_ROUNDS, seed: 101 + run });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const { share, best } = crossDepartmentShare(
    result.groups.map((g) => g.memberIds),
    (u) => department.get(u)!,
  );
  const count = (rule: string) => result.groups.filter((g) => g.relaxed.some((r) => r === rule)).length;
  const largest = Math.max(...[...new Set(department.values())].map((d) => [...department.values()].filter((x) => x === d).length));
  const label = `Buddy matching, ${MEMBERS.toLocaleString("en")} members in ${weights.length} departments (largest ${largest}), ${NO_REPEAT_ROUNDS} rounds of history`;
  rows.push({ measure: `${label}: time (median of 5)`, value: ms(times[2]!), goal: "< 1 s" });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  rows.push({ measure: `${label}: cross-department share / best possible`, value: `${pct(share)} / ${pct(best)}`, goal: "= best" });
  rows.push({ measure: `${label}: groups repeating a pair / in one reporting line / members unmatched`, value: `${count("no-repeat")} / ${count("outside-reporting-line")} / ${result.unmatched.length}`, goal: "—" });
}

async function inParallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
    }),
  );
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    if (SECTIONS.has("api")) await benchApi(rows, () => peakRss);
    if (SECTIONS.has("fanout")) await benchFanOut(rows, false);
    if (SECTIONS.has("fanout-local")) await benchFanOut(rows, true);
    if (SECTIONS.has("buddies")) benchBuddies(rows);
  } finally {
    clearInterval(sampler);
  }

  const machine = `${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  const table = ["| measure | value | goal |", "|---|---|---|", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.goal} |`)].join("\n");
  const report =
    `# Benchmark results\n\nMeasured ${new Date().toISOString()} on ${machine}: the real server on the embedded Cosmos store, requests signed with Teams SSO tokens (the production auth path), latencies one request at a time unless stated. ` +
    `The reminder fan-out runs the real scheduler and proactive sender against a stand-in Teams connector that enforces Teams' proactive limits (per conversation 7/s and 60/30 s, per app per tenant 50/s, sliding windows) and answers ${Math.round(RANDOM_429_SHARE * 100)}% of requests with 429 at random (seeded); ` +
    `first on the embedded store as in Azure (nothing else reading the whole store meanwhile), then on \`npm start\`'s local store, whose snapshotter re-reads every container after each burst of writes.\n\n${table}\n`;
  console.log(table);
  if (ALL_SECTIONS) {
    writeFileSync(join(__dirname, "..", "docs", "bench-results.md"), report);
    console.log("\nWritten to docs/bench-results.md");
  } else {
    console.log("\nA partial run (BENCH_SECTIONS / BENCH_FANOUT): docs/bench-results.md left as it was.");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
