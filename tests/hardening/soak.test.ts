/**
 * Soak: the server runs in a process of its own (as `npm run serve` runs it: tsx, local mode,
 * the embedded store, the scheduler's background loop, the product's rate limits) while the
 * demo community's eleven members use it steadily for SOAK_MINUTES (default 10; try 1 while
 * developing). Its memory is measured apart from Jest's: every 15 s after warm-up, after a
 * full garbage collection (memoryProbe.cjs, loaded with --expose-gc), RSS from
 * /proc/<pid>/status and the V8 heap. The median of the first third of those readings is
 * compared with the median of the last third (single readings swing by tens of MB as V8 and
 * malloc grow and give back memory): neither RSS nor the heap may grow by 10% or more, and
 * no request may fail.
 *
 * Data growth is bounded and accounted for: people update what exists (RSVPs, check-ins,
 * preferences, prompt answers, follow-up status) rather than creating without end; each
 * person creates at most two things and edits their library items at most three times (each
 * edit adds a version to the item's history). The store file's size is printed at both
 * points so the memory figures can be read against it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_COMMUNITY_ID, DEMO_PEOPLE } from "../../bot/src/commands/demo/people";
import { mulberry32 } from "../../bot/src/domain/random";
import { type Answer, client, mixedUser, percentile, sleep } from "./traffic";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const DURATION_MS = MINUTES * 60_000;
/** The first fifth (at least 30 s) warms up: JIT, caches, the first snapshots, V8's heap sizing. */
const WARM_UP_MS = Math.max(30_000, DURATION_MS / 5);
const SAMPLE_EVERY_MS = 15_000;
const ROOT = join(__dirname, "..", "..");

let child: ChildProcess;
let dataDir: string;
let baseUrl: string;
interface Probe {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  at: number;
}
const probes: Probe[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "circles-soak-"));
  child = spawn(process.execPath, ["--expose-gc", "--require", join(__dirname, "memoryProbe.cjs"), "--import", "tsx", "bot/src/main.ts"], {
    cwd: ROOT,
    // Local mode with the product's defaults (rate limits included); only the port, folder and log level are set.
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (line.startsWith('{"memoryProbe"')) probes.push((JSON.parse(line) as { memoryProbe: (typeof probes)[number] }).memoryProbe);
      else if (line.trim()) stderr += `${line}\n`;
    }
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start within 90 s:\n${stdout}\n${stderr}`)), 90_000);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited during start-up (${code}):\n${stdout}\n${stderr}`));
    });
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/** One reading after a full GC in the server process: RSS from /proc, the rest from the probe. */
async function probe(): Promise<Probe> {
  const before = probes.length;
  child.kill("SIGUSR2");
  const deadline = Date.now() + 10_000;
  while (probes.length === before && Date.now() < deadline) await sleep(20);
  expect(probes.length).toBeGreaterThan(before);
  return { ...probes.at(-1)!, rss: rssOf(child.pid!) };
}

/** Each field's median over some readings: a reading lands anywhere in V8's and malloc's ups and downs. */
function medianOf(readings: Probe[]): Probe {
  const median = (key: keyof Probe) => {
    const sorted = readings.map((r) => r[key]).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  return { rss: median("rss"), heapUsed: median("heapUsed"), heapTotal: median("heapTotal"), external: median("external"), arrayBuffers: median("arrayBuffers"), at: median("at") };
}

const show = (m: Probe) => `RSS ${mb(m.rss)} (heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)})`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const storeSize = () => statSync(join(dataDir, "store.json"), { throwIfNoEntry: false })?.size ?? 0;

it(`${MINUTES} minute(s) of steady traffic: memory flat (under 10% growth), no errors`, async () => {
  const lead = client(baseUrl, "aad-user-amara");
  const sessions = (await lead("sessions", `/api/communities/${DEMO_COMMUNITY_ID}/sessions?limit=6`)).body as { items: { id: string; startsAt: string }[] };
  // A session that will not start (and close its check-ins) before the soak ends.
  const session = sessions.items.find((s) => Date.parse(s.startsAt) > Date.now() + DURATION_MS + 10 * 60_000)!;
  const library = (await lead("library", `/api/communities/${DEMO_COMMUNITY_ID}/artifacts?limit=50`)).body as { items: { id: string; visibility: string }[] };
  const readable = library.items.filter((a) => a.visibility === "community").map((a) => a.id);
  expect(session).toBeDefined();
  expect(readable.length).toBeGreaterThan(3);

  const people = DEMO_PEOPLE.filter((p) => p.role !== "sponsor").map((p) => p.userId);
  const errors: Answer[] = [];
  const latencies: number[] = [];
  let requests = 0;
  const started = Date.now();
  const endAt = started + DURATION_MS;
  const traffic = Promise.all(
    people.map((userId, i) =>
      mixedUser(
        { baseUrl, communityId: DEMO_COMMUNITY_ID, sessionId: session.id, readableArtifactIds: readable, postingId: "pst-demo-1" },
        {
          userId,
          random: mulberry32(7000 + i),
          endAt,
          // At most about 5 requests a second each: under the 600-a-minute limit per person.
          thinkMs: [150, 450],
          maxCreates: 2,
          maxEdits: 3,
          record: (a) => {
            requests++;
            latencies.push(a.ms);
            if (a.status === 0 || a.status >= 400) errors.push(a);
          },
        },
      ),
    ),
  );

  // After warm-up, a reading every SAMPLE_EVERY_MS to the end; the first third of them is the
  // base, the last third the end, each taken as its median.
  await sleep(WARM_UP_MS);
  const baseStore = storeSize();
  const baseRequests = requests;
  const samples: Probe[] = [];
  while (endAt - Date.now() > 2000) {
    samples.push(await probe());
    await sleep(Math.min(SAMPLE_EVERY_MS, Math.max(0, endAt - Date.now() - 2000)));
  }
  const endStore = storeSize();
  await traffic;
  const elapsed = (Date.now() - started) / 1000;
  const third = Math.max(1, Math.floor(samples.length / 3));
  const base = medianOf(samples.slice(0, third));
  const end = medianOf(samples.slice(-third));

  const rssGrowth = (end.rss - base.rss) / base.rss;
  const heapGrowth = (end.heapUsed - base.heapUsed) / base.heapUsed;
  console.log(
    `soak: ${MINUTES} min, ${people.length} people, ${requests} requests (${(requests / elapsed).toFixed(0)} req/s, p95 ${percentile(latencies, 95).toFixed(0)} ms), ${errors.length} errors; ` +
      `after warm-up (${(WARM_UP_MS / 1000).toFixed(0)} s, ${baseRequests} requests): ${show(base)}, store file ${mb(baseStore)}; ` +
      `at the end: ${show(end)}, store file ${mb(endStore)}; growth: RSS ${(100 * rssGrowth).toFixed(1)}%, heap ${(100 * heapGrowth).toFixed(1)}% ` +
      `(medians of ${third} of ${samples.length} readings each); RSS/heap: ${samples.map((m) => `${(m.rss / 1048576).toFixed(0)}/${(m.heapUsed / 1048576).toFixed(0)}`).join(" ")} MB`,
  );
  expect(errors.slice(0, 10).map((a) => `${a.user} ${a.what} ${a.method} ${a.path} → ${a.status} ${a.failure ?? JSON.stringify(a.body).slice(0, 300)}`)).toEqual([]);
  expect(child.exitCode).toBeNull();
  expect(rssGrowth).toBeLessThan(0.1);
  expect(heapGrowth).toBeLessThan(0.1);
}, DURATION_MS + 180_000);
