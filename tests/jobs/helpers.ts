/**
 * The scheduler's world for tests: the real store (embedded Cosmos server in a temp
 * folder, real @azure/cosmos client), a ManualClock, the recording connector as Teams,
 * and the real proactive sender sending to it over HTTP.
 */
import pino from "pino";
import { type Logger } from "../../bot/src/commands/context";
import { type NewJob } from "../../bot/src/contracts";
import { ManualClock } from "../../bot/src/domain/clock";
import { createDelivery } from "../../bot/src/jobs/delivery";
import { createScheduler, type Scheduler, type SchedulerDeps } from "../../bot/src/jobs/scheduler";
import { type DocumentStore } from "../../bot/src/store";
import { EmbeddedDocumentStore } from "../../bot/src/store/embedded/embeddedStore";
import { type ConversationRecord, createRepositories, type Repositories } from "../../bot/src/store/repositories";
import { createProactiveSender, type ProactiveSender } from "../../bot/src/teams";
import { adaptiveCard, paragraph } from "../../bot/src/teams/cards/adaptive";
import { type ConnectorOptions, type RecordingConnector, startRecordingConnector } from "../support/connector";
import { tempDataDir } from "../store/helpers";

export const TENANT = "tenant-jobs";
export const START = "2026-11-24T08:10:00.000Z";

export interface LogEntry {
  level: "info" | "warn" | "error";
  obj: Record<string, unknown>;
  msg?: string;
}

export function recordingLogger(): Logger & { entries: LogEntry[]; events(name: string): LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (obj: object, msg?: string) => void entries.push({ level, obj: obj as Record<string, unknown>, msg });
  return {
    entries,
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    events: (name) => entries.filter((e) => e.obj.event === name),
    text: () => JSON.stringify(entries),
  };
}

export interface JobsWorld {
  store: DocumentStore;
  clock: ManualClock;
  repos: Repositories;
  connector: RecordingConnector;
  /**
   * Empties the jobs and directory containers, resets the clock and the connector, and
   * builds fresh repositories: a clean world without starting a new embedded server,
   * which would compile every query again (a few seconds per test).
   */
  reset(start?: string): Promise<void>;
  close(): Promise<void>;
}

export async function openJobsWorld(options: { connector?: ConnectorOptions; start?: string } = {}): Promise<JobsWorld> {
  const data = await tempDataDir();
  const store = await EmbeddedDocumentStore.open({ dataDir: data.dir, ttlSweepIntervalMs: 0, snapshotDebounceMs: 600_000 });
  const clock = new ManualClock(options.start ?? START);
  const connector = await startRecordingConnector(options.connector);
  const world: JobsWorld = {
    store,
    clock,
    repos: createRepositories(store, clock),
    connector,
    reset: async (start = options.start ?? START) => {
      for (const [name, partitionField] of [["jobs", "bucket"], ["directory", "key"]] as const) {
        const container = store.container(name);
        const docs = await container.queryAcrossPartitionsForAdmin<Record<string, string>>({ query: "SELECT * FROM c" });
        await Promise.all(docs.map((d) => container.delete(d[partitionField]!, d.id!)));
      }
      clock.set(start);
      connector.reset();
      world.repos = createRepositories(store, clock);
    },
    close: async () => {
      await connector.close();
      await store.close();
      await data.remove();
    },
  };
  return world;
}

export const conversationIdOf = (userId: string) => `a:personal-${userId}`;

export function personalChat(connector: RecordingConnector, userId: string, tenantId = TENANT): ConversationRecord {
  const conversationId = conversationIdOf(userId);
  return {
    tenantId,
    conversationId,
    scope: "personal",
    userId,
    reference: { serviceUrl: connector.serviceUrl, channelId: "msteams", conversation: { id: conversationId, tenantId }, bot: { id: "28:bot" }, user: { id: `29:${userId}` } },
    updatedAt: "2026-11-01T00:00:00.000Z",
  };
}

/** Saves personal chat records for these users, 16 at a time. */
export async function savePersonalChats(world: Pick<JobsWorld, "repos" | "connector">, userIds: string[], tenantId = TENANT): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let id = userIds[next++]; id; id = userIds[next++]) await world.repos.directory.saveConversation(personalChat(world.connector, id, tenantId));
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** A card that carries the notice's text, so tests can see what arrived where. */
export const renderNotice = (notice: Record<string, unknown>) => (notice.kind === "test.unrenderable" ? null : adaptiveCard([paragraph(String(notice.text ?? notice.kind))], [], String(notice.text ?? "")));

export const deliverJob = (id: string, userId: string, dueAt: string, text = `hello ${userId}`): NewJob => ({
  id,
  tenantId: TENANT,
  kind: "deliver",
  dueAt,
  payload: { target: { kind: "personal", tenantId: TENANT, userId }, notice: { kind: "test.note", text } },
});

export interface TestScheduler extends Scheduler {
  sender: ProactiveSender;
}

/** The real scheduler with the real sender and createDelivery; `sender` may be wrapped to simulate a crash. */
export function newScheduler(
  world: Pick<JobsWorld, "repos" | "clock">,
  options: Partial<Omit<SchedulerDeps, "repos" | "clock">> & { wrapSender?: (sender: ProactiveSender) => ProactiveSender } = {},
): TestScheduler {
  const log = options.log ?? pino({ level: "silent" });
  const real = createProactiveSender({ config: { bot: { hasPassword: false } }, logger: pino({ level: "silent" }) });
  const sender = options.wrapSender ? options.wrapSender(real) : real;
  const deliver = options.deliver ?? createDelivery({ repos: world.repos, sender, render: renderNotice, clock: world.clock, log });
  const scheduler = createScheduler({ instanceId: "instance-a", work: {}, ...options, repos: world.repos, clock: world.clock, log, deliver });
  return { ...scheduler, sender };
}

/** Messages per conversation at the connector. */
export function countsByConversation(connector: RecordingConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of connector.activities) counts.set(a.conversationId, (counts.get(a.conversationId) ?? 0) + 1);
  return counts;
}

export const textOf = (activity: Record<string, unknown>) => {
  const attachments = activity.attachments as { content?: { body?: { text?: string }[] } }[] | undefined;
  return attachments?.[0]?.content?.body?.[0]?.text;
};

/**
 * Registers the usual lifecycle: one world per file, emptied before each test, closed at
 * the end. Returns a getter, since the world exists only once `beforeAll` has run.
 */
export function useJobsWorld(options?: Parameters<typeof openJobsWorld>[0]): () => JobsWorld {
  let world: JobsWorld | undefined;
  beforeAll(async () => {
    world = await openJobsWorld(options);
  });
  beforeEach(async () => {
    await world!.reset();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => world!;
}
