/**
 * One server instance's scheduler as a process of its own, for processKill.test.ts: the
 * real store client on a Cosmos endpoint it is given, the real scheduler, delivery and
 * proactive sender (sending to the recording connector the jobs' conversations point at).
 * It runs everything due once, prints its report as a JSON line and exits. Its log (pino,
 * JSON lines) goes to stdout, so the test can read the warnings it gave.
 *
 * Run as: node --import tsx tests/hardening/fanOutWorker.ts, with STORE_ENDPOINT,
 * STORE_CERT_FILE (the embedded server's certificate), STORE_DATABASE, INSTANCE_ID,
 * LEASE_MS and CONCURRENCY in the environment.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import pino from "pino";
import { systemClock } from "../../bot/src/domain/clock";
import { createDelivery } from "../../bot/src/jobs/delivery";
import { createScheduler } from "../../bot/src/jobs/scheduler";
import { CosmosDocumentStore } from "../../bot/src/store/cosmos/cosmosDocumentStore";
import { createRepositories } from "../../bot/src/store/repositories";
import { createProactiveSender } from "../../bot/src/teams";
import { adaptiveCard, paragraph } from "../../bot/src/teams/cards/adaptive";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`fanOutWorker: ${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const log = pino({ level: "info", base: { instance: required("INSTANCE_ID") } });
  const store = new CosmosDocumentStore({
    endpoint: required("STORE_ENDPOINT"),
    database: required("STORE_DATABASE"),
    auth: { kind: "embedded", agent: new Agent({ ca: readFileSync(required("STORE_CERT_FILE"), "utf8"), keepAlive: true, maxSockets: 16 }) },
  });
  const repos = createRepositories(store, systemClock);
  const sender = createProactiveSender({ config: { bot: { hasPassword: false } }, logger: pino({ level: "silent" }) });
  const render = (notice: Record<string, unknown>) => adaptiveCard([paragraph(String(notice.text ?? notice.kind))], [], String(notice.text ?? ""));
  const scheduler = createScheduler({
    repos,
    clock: systemClock,
    log,
    instanceId: required("INSTANCE_ID"),
    work: {},
    deliver: createDelivery({ repos, sender, render, clock: systemClock, log }),
    leaseMs: Number(required("LEASE_MS")),
    concurrency: Number(required("CONCURRENCY")),
  });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const report = await scheduler.runDue();
  process.stdout.write(`${JSON.stringify({ report })}\n`);
  await store.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  },
);
