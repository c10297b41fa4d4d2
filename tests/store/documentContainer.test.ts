/** The DocumentContainer contract, on the real @azure/cosmos client against the embedded server. */
import { openStore, type DocumentContainer, type DocumentStore } from "../../bot/src/store";
import { appErrorCode, artifact, tempDataDir, type ArtifactDoc } from "./helpers";

let store: DocumentStore;
let communities: DocumentContainer;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeAll(async () => {
  data = await tempDataDir();
  store = await openStore({ mode: "local", dataDir: data.dir, cosmos: { database: "practice-circles" } });
  communities = store.container("communities");
});

afterAll(async () => {
  await store.close();
  await data.remove();
});

describe("point operations", () => {
  test("create then read returns the same document without system fields, with one etag", async () => {
    const created = await communities.create(artifact("c-crud", "a1"));
    const read = await communities.read<ArtifactDoc>("c-crud", "a1");

    expect(created.doc).toEqual(artifact("c-crud", "a1"));
    expect(read).toEqual({ doc: artifact("c-crud", "a1"), etag: created.etag });
    expect(Object.keys(read!.doc).filter((k) => k.startsWith("_"))).toEqual([]);
    expect(created.etag).toMatch(/\S/);
  });

  test("a missing document reads as null, and a document is not found through another partition", async () => {
    await communities.create(artifact("c-home", "only-here"));
    expect(await communities.read("c-home", "nope")).toBeNull();
    expect(await communities.read("c-elsewhere", "only-here")).toBeNull();
  });

  test("replace with the current etag saves and hands back a new etag", async () => {
    const first = await communities.create(artifact("c-crud", "r1", { title: "before" }));
    const second = await communities.replace({ ...first.doc, title: "after" }, first.etag);

    expect(second.etag).not.toBe(first.etag);
    expect(await communities.read("c-crud", "r1")).toEqual({ doc: { ...first.doc, title: "after" }, etag: second.etag });
  });

  test("replace with a stale etag is an edit_conflict and leaves the stored document as it was", async () => {
    const first = await communities.create(artifact("c-crud", "r2", { title: "v1" }));
    const second = await communities.replace({ ...first.doc, title: "v2" }, first.etag);

    expect(await appErrorCode(communities.replace({ ...first.doc, title: "lost update" }, first.etag))).toBe("edit_conflict");
    expect(await communities.read("c-crud", "r2")).toEqual({ doc: { ...first.doc, title: "v2" }, etag: second.etag });
  });

  test("replace of a document that is gone is not_found", async () => {
    expect(await appErrorCode(communities.replace(artifact("c-crud", "never"), "whatever"))).toBe("not_found");
  });

  test("creating a duplicate id in the same partition is already_exists and keeps the original", async () => {
    const original = await communities.create(artifact("c-crud", "d1", { title: "original" }));

    expect(await appErrorCode(communities.create(artifact("c-crud", "d1", { title: "impostor" })))).toBe("already_exists");
    expect(await communities.read("c-crud", "d1")).toEqual(original);
  });

  test("the same id may exist once per partition", async () => {
    await communities.create(artifact("c-left", "same"));
    await communities.create(artifact("c-right", "same", { title: "right" }));
    expect((await communities.read<ArtifactDoc>("c-right", "same"))?.doc.title).toBe("right");
    expect((await communities.read<ArtifactDoc>("c-left", "same"))?.doc.title).toBe("Artifact same");
  });

  test("delete with a stale etag is refused; with the current one it deletes; deleting again is fine", async () => {
    const first = await communities.create(artifact("c-crud", "x1"));
    const second = await communities.replace({ ...first.doc, title: "changed" }, first.etag);

    expect(await appErrorCode(communities.delete("c-crud", "x1", first.etag))).toBe("edit_conflict");
    expect(await communities.read("c-crud", "x1")).toEqual(second);

    await communities.delete("c-crud", "x1", second.etag);
    expect(await communities.read("c-crud", "x1")).toBeNull();
    await expect(communities.delete("c-crud", "x1")).resolves.toBeUndefined();
  });

  test("upsert creates, then overwrites", async () => {
    const created = await communities.upsert(artifact("c-crud", "u1", { title: "one" }));
    const replaced = await communities.upsert(artifact("c-crud", "u1", { title: "two" }));
    expect(replaced.etag).not.toBe(created.etag);
    expect((await communities.read<ArtifactDoc>("c-crud", "u1"))?.doc.title).toBe("two");
  });

  test("increment adds on the server and sets the other fields named in the same patch; a replace from before it conflicts", async () => {
    const first = await communities.create({ ...artifact("c-crud", "i1"), n: 2 });
    await communities.increment("c-crud", "i1", "n", 1, { title: "counted", lastAt: "2026-11-20T10:00:00.000Z" });
    await communities.increment("c-crud", "i1", "n", 1);
    const read = await communities.read<ArtifactDoc & { lastAt?: string }>("c-crud", "i1");
    expect(read?.doc).toMatchObject({ n: 4, title: "counted", lastAt: "2026-11-20T10:00:00.000Z" });
    expect(await appErrorCode(communities.replace({ ...first.doc, title: "lost update" }, first.etag))).toBe("edit_conflict");
    expect(await appErrorCode(communities.increment("c-crud", "gone", "n", 1))).toBe("not_found");
    await expect(communities.increment("c-crud", "i1", "n", 1, { "a/b": 1 })).rejects.toThrow(RangeError);
  });

  test("a document without its partition key is refused before anything is sent", async () => {
    const before = store.requestCount;
    const { communityId: _dropped, ...withoutKey } = artifact("c-crud", "nokey");
    await expect(communities.create(withoutKey as unknown as ArtifactDoc)).rejects.toThrow(/communityId/);
    expect(store.requestCount).toBe(before);
  });
});

describe("queries", () => {
  const PAGED = "c-paged";

  beforeAll(async () => {
    const docs = Array.from({ length: 250 }, (_, n) => artifact(PAGED, `p${String(n).padStart(3, "0")}`, { n }));
    for (let i = 0; i < docs.length; i += 100) await communities.createAll(PAGED, docs.slice(i, i + 100));
    await communities.create(artifact("c-paged-neighbour", "p000", { n: -1 }));
  });

  test("paging 250 documents 40 at a time with continuation tokens returns each exactly once, in order", async () => {
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await communities.query<ArtifactDoc>(PAGED, { query: "SELECT * FROM c ORDER BY c.n" }, { limit: 40, continuationToken: token });
      expect(page.items.length).toBeLessThanOrEqual(40);
      seen.push(...page.items.map((d) => d.n!));
      token = page.continuationToken ?? undefined;
      pages += 1;
    } while (token);

    expect(pages).toBe(7);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => n));
  });

  test("a parameterised filter pages too, and the last page says there is no more", async () => {
    const spec = { query: "SELECT c.id, c.n FROM c WHERE c.n >= @from ORDER BY c.n", parameters: [{ name: "@from", value: 200 }] };
    const first = await communities.query<{ id: string; n: number }>(PAGED, spec, { limit: 40 });
    const second = await communities.query<{ id: string; n: number }>(PAGED, spec, { limit: 40, continuationToken: first.continuationToken! });

    expect(first.items.map((d) => d.n)).toEqual(Array.from({ length: 40 }, (_, i) => 200 + i));
    expect(second.items.map((d) => d.n)).toEqual(Array.from({ length: 10 }, (_, i) => 240 + i));
    expect(second.continuationToken).toBeNull();
  });

  test("a single-partition query never returns another partition's documents", async () => {
    await communities.create(artifact("c-iso-a", "shared-id", { title: "A" }));
    await communities.create(artifact("c-iso-b", "shared-id", { title: "B" }));
    await communities.create(artifact("c-iso-b", "b-only", { title: "B" }));

    const page = await communities.query<ArtifactDoc>("c-iso-a", { query: "SELECT * FROM c" });
    const all = await communities.queryAll<ArtifactDoc>("c-iso-a", { query: "SELECT * FROM c WHERE c.title = @t", parameters: [{ name: "@t", value: "B" }] });

    expect(page.items.map((d) => [d.communityId, d.id])).toEqual([["c-iso-a", "shared-id"]]);
    expect(all).toEqual([]);
  });

  test("queryAll reads every page of one partition", async () => {
    const all = await communities.queryAll<ArtifactDoc>(PAGED, { query: "SELECT * FROM c" });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((d) => d.id)).size).toBe(250);
    expect(all.every((d) => d.communityId === PAGED && !("_etag" in d))).toBe(true);
  });

  test("queryAll returns scalar projections as they are", async () => {
    expect(await communities.queryAll<number>(PAGED, { query: "SELECT VALUE COUNT(1) FROM c" })).toEqual([250]);
  });

  test("the admin cross-partition query sees every partition", async () => {
    const ids = await communities.queryAcrossPartitionsForAdmin<{ communityId: string }>({
      query: "SELECT c.communityId FROM c WHERE c.id = @id",
      parameters: [{ name: "@id", value: "p000" }],
    });
    expect(ids.map((d) => d.communityId).sort()).toEqual(["c-paged", "c-paged-neighbour"]);
  });

  test("a page size outside 1..1000 is a programming error", async () => {
    await expect(communities.query(PAGED, { query: "SELECT * FROM c" }, { limit: 0 })).rejects.toThrow(RangeError);
  });
});

describe("createAll", () => {
  test("creates every document of one partition", async () => {
    const docs = Array.from({ length: 5 }, (_, i) => artifact("c-batch-ok", `b${i}`));
    await communities.createAll("c-batch-ok", docs);
    const stored = await communities.queryAll<ArtifactDoc>("c-batch-ok", { query: "SELECT * FROM c" });
    expect(stored.sort((a, b) => a.id.localeCompare(b.id))).toEqual(docs);
  });

  test("is all or nothing: one conflict in the middle leaves none of the others behind", async () => {
    const existing = await communities.create(artifact("c-batch-fail", "b2", { title: "already here" }));
    const docs = Array.from({ length: 5 }, (_, i) => artifact("c-batch-fail", `b${i}`));

    expect(await appErrorCode(communities.createAll("c-batch-fail", docs))).toBe("already_exists");

    const left = await communities.queryAll<ArtifactDoc>("c-batch-fail", { query: "SELECT * FROM c" });
    expect(left).toEqual([existing.doc]);
  });

  test("a duplicate inside the batch itself fails the whole batch", async () => {
    const docs = [artifact("c-batch-dup", "x"), artifact("c-batch-dup", "y"), artifact("c-batch-dup", "x")];
    expect(await appErrorCode(communities.createAll("c-batch-dup", docs))).toBe("already_exists");
    expect(await communities.queryAll("c-batch-dup", { query: "SELECT * FROM c" })).toEqual([]);
  });

  test("refuses documents of another partition and batches over 100", async () => {
    await expect(communities.createAll("c-batch-x", [artifact("c-batch-y", "1")])).rejects.toThrow(TypeError);
    const tooMany = Array.from({ length: 101 }, (_, i) => artifact("c-batch-x", `m${i}`));
    await expect(communities.createAll("c-batch-x", tooMany)).rejects.toThrow(RangeError);
    expect(await communities.queryAll("c-batch-x", { query: "SELECT * FROM c" })).toEqual([]);
  });
});

describe("the store", () => {
  test("counts each request it sends", async () => {
    await communities.create(artifact("c-count", "one"));
    await store.flush();
    const before = store.requestCount;
    await communities.read("c-count", "one");
    await communities.read("c-count", "two");
    await communities.query("c-count", { query: "SELECT * FROM c" });
    expect(store.requestCount - before).toBe(3);
  });

  test("answers ping, and every catalogue container is usable", async () => {
    expect(await store.ping()).toBe(true);
    await expect(store.container("directory").create({ id: "team:1", key: "team:1", type: "teamLink", schemaVersion: 1, tenantId: "t" } as never)).resolves.toBeDefined();
    await expect(store.container("jobs").create({ id: "j1", bucket: "2025-01-01T10", type: "job", schemaVersion: 1, tenantId: "t", ttl: 60 } as never)).resolves.toBeDefined();
  });
});
