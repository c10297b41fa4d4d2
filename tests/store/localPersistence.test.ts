/** The local store keeps its data in DATA_DIR/store.json across restarts, and never trades it for an empty store. */
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import pino from "pino";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DataDirInUseError, SnapshotFileError, openStore, type DocumentStore } from "../../bot/src/store";
import { EmbeddedDocumentStore } from "../../bot/src/store/embedded/embeddedStore";
import { artifact, job, tempDataDir, type ArtifactDoc, type JobDoc } from "./helpers";

const open = (dataDir: string) => openStore({ mode: "local", dataDir, cosmos: { database: "practice-circles" } });

let data: Awaited<ReturnType<typeof tempDataDir>>;
const opened: DocumentStore[] = [];

beforeEach(async () => {
  data = await tempDataDir();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  await data.remove();
});

async function track<T extends DocumentStore>(store: Promise<T>): Promise<T> {
  const s = await store;
  opened.push(s);
  return s;
}

describe("restart", () => {
  test("documents of every container survive close and reopen, deletes and replaces included", async () => {
    const first = await track(open(data.dir));
    const communities = first.container("communities");
    const kept = await communities.create(artifact("c1", "kept"));
    await communities.replace({ ...kept.doc, title: "edited" }, kept.etag);
    const gone = await communities.create(artifact("c1", "gone"));
    await communities.delete("c1", "gone", gone.etag);
    await communities.createAll("c2", [artifact("c2", "a"), artifact("c2", "b")]);
    await first.container("directory").create({ id: "team:42", key: "team:42", type: "teamLink", schemaVersion: 1, tenantId: "t", communityId: "c1" } as never);
    await first.container("jobs").create(job("2025-03-01T09", "remind-1", { ttl: 3600 }));
    await first.close();

    const second = await track(open(data.dir));
    expect((await second.container("communities").read<ArtifactDoc>("c1", "kept"))?.doc).toEqual({ ...kept.doc, title: "edited" });
    expect(await second.container("communities").read("c1", "gone")).toBeNull();
    expect((await second.container("communities").queryAll<ArtifactDoc>("c2", { query: "SELECT * FROM c" })).map((d) => d.id).sort()).toEqual(["a", "b"]);
    expect((await second.container("directory").read("team:42", "team:42"))?.doc).toMatchObject({ communityId: "c1" });
    expect((await second.container("jobs").read<JobDoc>("2025-03-01T09", "remind-1"))?.doc).toEqual(job("2025-03-01T09", "remind-1", { ttl: 3600 }));
  });

  test("a restored document keeps its id and partition and can be updated with its new etag", async () => {
    const first = await track(open(data.dir));
    await first.container("communities").create(artifact("c9", "doc"));
    await first.close();

    const second = await track(open(data.dir));
    const found = await second.container("communities").read<ArtifactDoc>("c9", "doc");
    const saved = await second.container("communities").replace({ ...found!.doc, title: "after restart" }, found!.etag);
    expect(saved.doc).toEqual({ ...artifact("c9", "doc"), title: "after restart" });
  });

  test("the snapshot is written after a write without any flush", async () => {
    const store = await track(open(data.dir));
    await store.container("communities").create(artifact("c1", "debounced"));
    const deadline = Date.now() + 5000;
    let text = "";
    while (Date.now() < deadline && !text.includes('"debounced"')) {
      await new Promise((r) => setTimeout(r, 50));
      text = await readFile(join(data.dir, "store.json"), "utf8").catch(() => "");
    }
    expect(JSON.parse(text)).toMatchObject({ format: 1, containers: { communities: [expect.objectContaining({ id: "debounced" })] } });
  });

  test("close flushes a write made just before it", async () => {
    const first = await track(open(data.dir));
    await first.container("communities").create(artifact("c1", "last-second"));
    await first.close();
    await first.close();

    const second = await track(open(data.dir));
    expect(await second.container("communities").read("c1", "last-second")).not.toBeNull();
  });

  test("takes the server's pino logger and reports start and restore", async () => {
    const lines: { msg?: string; restored?: number }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = pino({ level: "info" }, sink);
    const first = await track(openStore({ mode: "local", dataDir: data.dir, cosmos: { database: "practice-circles" }, logger }));
    await first.container("communities").create(artifact("c1", "logged"));
    await first.close();
    await track(openStore({ mode: "local", dataDir: data.dir, cosmos: { database: "practice-circles" }, logger }));

    expect(lines.filter((l) => l.msg === "local store ready")).toHaveLength(2);
    expect(lines.find((l) => l.msg === "local store restored from snapshot")?.restored).toBe(1);
  });

  test("a first run with no file starts empty and creates the file on the first write", async () => {
    const store = await track(open(data.dir));
    expect(await store.container("communities").queryAll("c1", { query: "SELECT * FROM c" })).toEqual([]);
    expect(await readdir(data.dir)).not.toContain("store.json");
    await store.container("communities").create(artifact("c1", "x"));
    await store.flush();
    expect(await readdir(data.dir)).toContain("store.json");
  });
});

describe("a store.json that cannot be trusted", () => {
  const good = (containers: object) => JSON.stringify({ format: 1, savedAt: "2025-01-01T00:00:00.000Z", containers });

  test.each([
    ["not JSON", "{ this is not json", /not valid JSON/],
    ["truncated", good({ communities: [artifact("c1", "a")] }).slice(0, 40), /not valid JSON/],
    ["empty", "", /empty/],
    ["another format", JSON.stringify({ format: 2, savedAt: "2025-01-01T00:00:00.000Z", containers: {} }), /format 2/],
    ["missing fields", JSON.stringify({ format: 1, containers: {} }), /savedAt/],
    ["a document without an id", good({ communities: [{ communityId: "c1", type: "artifact" }] }), /containers\.communities\.0\.id/],
    ["a document without its partition key", good({ communities: [{ id: "x", type: "artifact" }] }), /no partition key at \/communityId/],
    ["an unknown container", good({ mystery: [] }), /container "mystery"/],
    ["a duplicate id in one partition", good({ communities: [artifact("c1", "a"), artifact("c1", "a")] }), /"a" twice/],
  ])("%s stops start-up with a clear error and leaves the file byte-identical", async (_label, content, problem) => {
    const file = join(data.dir, "store.json");
    await writeFile(file, content);
    const before = await readFile(file);

    const error = await open(data.dir).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(SnapshotFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/move it aside/);
    expect((error as Error).message).toMatch(/restore/);
    expect(await readFile(file)).toEqual(before);
    expect((await readdir(data.dir)).sort()).toEqual(["store.json"]);
  });

  test("once the damaged file is moved aside, the store opens empty", async () => {
    const file = join(data.dir, "store.json");
    await writeFile(file, "garbage");
    await expect(open(data.dir)).rejects.toBeInstanceOf(SnapshotFileError);
    await writeFile(join(data.dir, "store.json.broken"), await readFile(file));
    await writeFile(file, good({}));
    const store = await track(open(data.dir));
    expect(await store.ping()).toBe(true);
  });
});

describe("atomic snapshots", () => {
  test("the file is parseable at every moment while snapshots replace it, and no temp file is left", async () => {
    const store = await track(openStore({ mode: "local", dataDir: data.dir, cosmos: { database: "practice-circles" } }));
    const communities = store.container("communities");
    const file = join(data.dir, "store.json");
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
        if (text !== null) {
          JSON.parse(text);
          reads += 1;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 30; i += 1) {
      await communities.upsert(artifact("c1", `doc-${i}`, { n: i }));
      if (i % 3 === 0) await store.flush();
    }
    await store.flush();
    writing = false;
    await reader;

    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(file, "utf8")).containers.communities).toHaveLength(30);
    expect((await readdir(data.dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  test("temp files an interrupted snapshot left behind are removed at start, the real file is kept", async () => {
    const store = await track(open(data.dir));
    await store.container("communities").create(artifact("c1", "keep"));
    await store.close();
    await writeFile(join(data.dir, ".store.json.12345.deadbeef.tmp"), '{"format":1,"sav');

    const reopened = await track(open(data.dir));
    expect(await reopened.container("communities").read("c1", "keep")).not.toBeNull();
    expect((await readdir(data.dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("one process per data folder", () => {
  test("a second open of the same folder is refused while the first is open", async () => {
    await track(open(data.dir));
    await expect(open(data.dir)).rejects.toBeInstanceOf(DataDirInUseError);
  });

  test("a lock left by a process that has exited is taken over", async () => {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    await writeFile(join(data.dir, "store.lock"), child.stdout);
    const store = await track(open(data.dir));
    expect(await store.ping()).toBe(true);
    expect(await readFile(join(data.dir, "store.lock"), "utf8")).toBe(String(process.pid));
  });
});

describe("TTL", () => {
  const snapshotWith = (jobs: object[]) => JSON.stringify({ format: 1, savedAt: "2025-01-01T00:00:00.000Z", containers: { jobs } });

  test("restore drops expired documents and keeps the ttl of the others", async () => {
    const now = 1_800_000_000;
    await writeFile(
      join(data.dir, "store.json"),
      snapshotWith([
        { ...job("b1", "expired", { ttl: 60 }), _ts: now - 61 },
        { ...job("b1", "alive", { ttl: 60 }), _ts: now - 30 },
        { ...job("b1", "forever", { ttl: -1 }), _ts: now - 1_000_000 },
        { ...job("b1", "container-default"), _ts: now - 1_000_000 },
      ]),
    );
    const store = await track(EmbeddedDocumentStore.open({ dataDir: data.dir, now: () => now * 1000, ttlSweepIntervalMs: 0 }));
    const ids = (await store.container("jobs").queryAll<JobDoc>("b1", { query: "SELECT * FROM c" })).map((d) => [d.id, d.ttl]);
    expect(ids.sort()).toEqual([
      ["alive", 60],
      ["container-default", undefined],
      ["forever", -1],
    ]);
  });

  test("expiry counts from the last real write, across restarts, until the document is written again", async () => {
    let now = Math.floor(Date.now() / 1000);
    const clock = () => now * 1000;
    await writeFile(join(data.dir, "store.json"), snapshotWith([{ ...job("b1", "lease", { ttl: 100 }), _ts: now - 50 }, { ...job("b1", "renewed", { ttl: 100 }), _ts: now - 50 }]));

    const first = await track(EmbeddedDocumentStore.open({ dataDir: data.dir, now: clock, ttlSweepIntervalMs: 0 }));
    const renewed = await first.container("jobs").read<JobDoc>("b1", "renewed");
    await first.container("jobs").replace(renewed!.doc, renewed!.etag);
    await first.close();
    const saved = JSON.parse(await readFile(join(data.dir, "store.json"), "utf8")).containers.jobs as { id: string; _ts: number }[];
    expect(saved.find((d) => d.id === "lease")?._ts).toBe(now - 50);

    const second = await track(EmbeddedDocumentStore.open({ dataDir: data.dir, now: clock, ttlSweepIntervalMs: 0 }));
    expect(await second.sweepExpired()).toBe(0);
    now += 60;
    expect(await second.sweepExpired()).toBe(1);
    expect(await second.container("jobs").read("b1", "lease")).toBeNull();
    expect(await second.container("jobs").read("b1", "renewed")).not.toBeNull();
  });

  test("containers without TTL never expire anything", async () => {
    const store = await track(EmbeddedDocumentStore.open({ dataDir: data.dir, now: () => 4_000_000_000_000, ttlSweepIntervalMs: 0 }));
    // The directory keeps TTL off: a stray ttl field on one of its documents means nothing.
    await store.container("directory").create({ id: "k1", key: "k1", type: "teamLink", schemaVersion: 1, tenantId: "t1", ttl: 1 });
    expect(await store.sweepExpired()).toBe(0);
    expect(await store.container("directory").read("k1", "k1")).not.toBeNull();
  });
});
