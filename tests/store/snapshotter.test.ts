/** Debouncing and serialising snapshots, with a capture function the test controls. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { silentLogger } from "../../bot/src/store/logger";
import { SNAPSHOT_FORMAT, type Snapshot } from "../../bot/src/store/embedded/snapshotFile";
import { Snapshotter } from "../../bot/src/store/embedded/snapshotter";
import { tempDataDir } from "./helpers";

let data: Awaited<ReturnType<typeof tempDataDir>>;
beforeEach(async () => {
  data = await tempDataDir();
});
afterEach(() => data.remove());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(5);
  }
}

function harness(debounceMs: number, captureMs = 0) {
  let captures = 0;
  let running = 0;
  let maxRunning = 0;
  const snapshotter = new Snapshotter({
    file: join(data.dir, "store.json"),
    debounceMs,
    logger: silentLogger,
    capture: async (): Promise<Snapshot> => {
      captures += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await sleep(captureMs);
      running -= 1;
      return { format: SNAPSHOT_FORMAT, savedAt: new Date().toISOString(), containers: { communities: [{ id: `capture-${captures}`, communityId: "c" }] } };
    },
  });
  return { snapshotter, stats: () => ({ captures, maxRunning }) };
}

test("writes inside one debounce window share one snapshot", async () => {
  const { snapshotter, stats } = harness(40);
  for (let i = 0; i < 10; i += 1) snapshotter.noteWrite();
  expect(stats().captures).toBe(0);
  await until(() => snapshotter.pending === 0);
  await sleep(100);
  expect(stats().captures).toBe(1);
});

test("flush saves pending writes at once and skips when nothing changed", async () => {
  const { snapshotter, stats } = harness(10_000);
  snapshotter.noteWrite();
  await snapshotter.flush();
  await snapshotter.flush();
  expect(stats().captures).toBe(1);
  expect(JSON.parse(await readFile(join(data.dir, "store.json"), "utf8")).containers.communities[0].id).toBe("capture-1");
});

test("snapshots never overlap, and a write during one leads to another", async () => {
  const { snapshotter, stats } = harness(5, 60);
  snapshotter.noteWrite();
  await until(() => stats().captures === 1);
  snapshotter.noteWrite();
  const flushes = [snapshotter.flush(), snapshotter.flush()];
  await Promise.all(flushes);
  await snapshotter.flush();
  expect(stats()).toEqual({ captures: 2, maxRunning: 1 });
  expect(snapshotter.pending).toBe(0);
});

test("a failed snapshot is reported by flush and retried by the next one", async () => {
  let fail = true;
  const snapshotter = new Snapshotter({
    file: join(data.dir, "store.json"),
    debounceMs: 10_000,
    logger: silentLogger,
    capture: async () => {
      if (fail) throw new Error("disk on fire");
      return { format: SNAPSHOT_FORMAT, savedAt: new Date().toISOString(), containers: {} };
    },
  });
  snapshotter.noteWrite();
  await expect(snapshotter.flush()).rejects.toThrow("disk on fire");
  expect(snapshotter.pending).toBe(1);
  fail = false;
  await snapshotter.flush();
  expect(snapshotter.pending).toBe(0);
});

test("after stop, writes are no longer noted", async () => {
  const { snapshotter, stats } = harness(5);
  await snapshotter.stop();
  snapshotter.noteWrite();
  await sleep(30);
  expect(stats().captures).toBe(0);
});
