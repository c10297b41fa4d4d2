/**
 * A server process killed (SIGKILL) in the middle of a fan-out, and a second process that
 * finishes it. Unlike the in-process crash in tests/jobs/exactlyOnce.test.ts, nothing of the
 * first process runs on: its in-flight store writes and HTTP calls are cut wherever they
 * are. Both processes run the real scheduler, delivery and proactive sender over the real
 * Cosmos client, on one embedded server in this process; Teams is the recording connector.
 *
 * What the product promises (bot/src/jobs/scheduler.ts, "Crashes"): a job claimed but not
 * yet being sent is sent by the next instance once the lease runs out; a job the dead
 * process was sending (state "sending") is never sent again — it becomes "uncertain" and is
 * logged as delivery_unconfirmed — because a duplicate is worse than the rare loss. So the
 * assertions are: no conversation gets a message twice; every job ends done or uncertain;
 * every done job's message arrived once; the uncertain ones are only those whose send was
 * under way at the kill (at most the dead process's concurrency), each flagged and logged.
 * A reminder can go missing only there, and never silently: the test counts and prints them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Job } from "../../bot/src/contracts";
import { systemClock } from "../../bot/src/domain/clock";
import { CosmosDocumentStore } from "../../bot/src/store/cosmos/cosmosDocumentStore";
import { startEmbeddedServer, type EmbeddedServer } from "../../bot/src/store/embedded/server";
import { createRepositories, type Repositories } from "../../bot/src/store/repositories";
import { startRecordingConnector, type RecordingConnector } from "../support/connector";
import { countsByConversation, conversationIdOf, deliverJob, personalChat } from "../jobs/helpers";
import { sleep } from "./traffic";

const ROOT = join(__dirname, "..", "..");
const WORKER = join(__dirname, "fanOutWorker.ts");
const DATABASE = "process-kill";
const PEOPLE = 300;
const LEASE_MS = 3000;
const CONCURRENCY = 16;
const KILL_AFTER = 100;

let embedded: EmbeddedServer;
let store: CosmosDocumentStore;
let repos: Repositories;
let connector: RecordingConnector;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  embedded = await startEmbeddedServer();
  store = new CosmosDocumentStore({ endpoint: embedded.endpoint, database: DATABASE, auth: { kind: "embedded", agent: embedded.agent } });
  await store.ensureSchema();
  repos = createRepositories(store, systemClock);
  connector = await startRecordingConnector();
  dir = mkdtempSync(join(tmpdir(), "circles-kill-"));
  writeFileSync(join(dir, "cert.pem"), embedded.tls.certPem);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await connector?.close();
  await store?.close();
  await embedded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Worker {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(instanceId: string): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: ROOT,
    env: { ...process.env, STORE_ENDPOINT: embedded.endpoint, STORE_CERT_FILE: join(dir, "cert.pem"), STORE_DATABASE: DATABASE, INSTANCE_ID: instanceId, LEASE_MS: String(LEASE_MS), CONCURRENCY: String(CONCURRENCY) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let buffered = "";
  let errors = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    for (let i = buffered.indexOf("\n"); i >= 0; i = buffered.indexOf("\n")) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      if (code) process.stderr.write(`worker ${instanceId} failed:\n${errors}\n`);
      resolve({ code, signal });
    }),
  );
  return { child, lines, exited };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

it("a process killed mid-fan-out: the next one finishes it; nothing twice, and only sends cut mid-call are left unconfirmed, flagged and logged", async () => {
  const users = Array.from({ length: PEOPLE }, (_, i) => `killed-${String(i).padStart(3, "0")}`);
  for (let i = 0; i < users.length; i += 20) await Promise.all(users.slice(i, i + 20).map((u) => repos.directory.saveConversation(personalChat(connector, u))));
  const now = new Date().toISOString();
  expect(await repos.jobs.enqueueMany(users.map((u) => deliverJob(`remind-kill-${u}`, u, now, `Tomorrow: the weekly check-in, ${u}`)))).toBe(PEOPLE);

  const a = startWorker("instance-a");
  await until(() => connector.activities.length >= KILL_AFTER, `instance A to send ${KILL_AFTER} reminders`);
  a.child.kill("SIGKILL");
  expect(await a.exited).toEqual({ code: null, signal: "SIGKILL" });
  const atKill = connector.activities.length;
  expect(atKill).toBeLessThan(PEOPLE); // killed mid-fan-out, not after it

  // Instance B starts once A's leases have run out, runs what is due once and exits.
  await sleep(LEASE_MS + 500);
  const b = startWorker("instance-b");
  expect(await b.exited).toEqual({ code: 0, signal: null });
  const report = b.lines.find((l) => l.report)?.report as { delivered: number; uncertain: number; failed: number };

  // Nothing twice.
  const counts = countsByConversation(connector);
  expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);

  const jobs = await Promise.all(users.map(async (u) => (await repos.jobs.get(`remind-kill-${u}`, now))!.doc as Job));
  const byState = jobs.reduce<Record<string, number>>((acc, j) => ({ ...acc, [j.state]: (acc[j.state] ?? 0) + 1 }), {});
  expect(jobs.filter((j) => j.state !== "done" && j.state !== "uncertain").map((j) => `${j.id}: ${j.state}`)).toEqual([]);

  // Every done job arrived exactly once.
  const arrived = (j: Job) => counts.get(conversationIdOf(String((j.payload.target as { userId: string }).userId))) ?? 0;
  expect(jobs.filter((j) => j.state === "done" && arrived(j) !== 1).map((j) => j.id)).toEqual([]);

  // Uncertain: only what A was sending when it died; each flagged as A's, and logged by B.
  const uncertain = jobs.filter((j) => j.state === "uncertain");
  expect(uncertain.length).toBeLessThanOrEqual(CONCURRENCY);
  for (const j of uncertain) expect(j).toMatchObject({ lastOutcome: "unconfirmed", leaseOwner: "instance-a" });
  const logged = b.lines.filter((l) => l.event === "delivery_unconfirmed").map((l) => l.jobId);
  expect(logged.sort()).toEqual(uncertain.map((j) => j.id).sort());
  expect(report).toMatchObject({ uncertain: uncertain.length, failed: 0 });

  const lost = uncertain.filter((j) => arrived(j) === 0);
  const delivered = [...counts.values()].length;
  expect(delivered + lost.length).toBe(PEOPLE);
  console.log(
    `process kill: A was killed after ${atKill} of ${PEOPLE} reminders had arrived; B delivered ${report.delivered}; ` +
      `jobs ${JSON.stringify(byState)}; ${uncertain.length} left unconfirmed (A was sending them): ${uncertain.length - lost.length} had arrived, ${lost.length} had not (flagged, logged, not resent); no duplicates`,
  );
}, 120_000);
