/** The embedded server's TLS trust, and ensureSchema against the catalogue. */
import { randomBytes } from "node:crypto";
import { get } from "node:https";
import { CosmosClient } from "@azure/cosmos";
import { CATALOGUE, CONTAINERS, StoreSchemaError, openStore } from "../../bot/src/store";
import { CosmosDocumentStore } from "../../bot/src/store/cosmos/cosmosDocumentStore";
import { startEmbeddedServer, type EmbeddedServer } from "../../bot/src/store/embedded/server";

let server: EmbeddedServer;
let other: EmbeddedServer;

beforeAll(async () => {
  [server, other] = await Promise.all([startEmbeddedServer(), startEmbeddedServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

function probe(url: string, agent?: EmbeddedServer["agent"]): Promise<string> {
  return new Promise((resolve) => {
    get(url, { agent }, (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    }).on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe("TLS on loopback", () => {
  test("the server's own agent verifies it; nothing else trusts it, and it trusts nothing else", async () => {
    expect(await probe(server.endpoint, server.agent)).toMatch(/^status /);
    expect(await probe(server.endpoint)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(await probe(server.endpoint, other.agent)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(await probe(server.endpoint.replace("127.0.0.1", "localhost"), server.agent)).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  test("it listens on 127.0.0.1 with an ephemeral port", () => {
    expect(server.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.endpoint).not.toBe(other.endpoint);
  });
});

describe("ensureSchema", () => {
  test("creates every catalogue container with its partition key, TTL and excluded paths, and is idempotent", async () => {
    const store = new CosmosDocumentStore({ endpoint: server.endpoint, database: "schema-test", auth: { kind: "embedded", agent: server.agent } });
    await store.ensureSchema();
    await store.ensureSchema();
    await store.close();

    const client = new CosmosClient({ endpoint: server.endpoint, key: randomBytes(32).toString("base64"), agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } });
    try {
      const { resources } = await client.database("schema-test").containers.readAll().fetchAll();
      expect(resources.map((c) => c.id).sort()).toEqual(CONTAINERS.map((c) => c.name).sort());
      for (const spec of CONTAINERS) {
        const found = resources.find((c) => c.id === spec.name)!;
        expect(found.partitionKey?.paths).toEqual([spec.partitionKey]);
        expect(found.defaultTtl).toBe(spec.defaultTtl);
        expect(found.indexingPolicy?.excludedPaths?.map((p) => p.path)).toEqual(expect.arrayContaining(spec.excludedPaths));
      }
      expect(CATALOGUE.jobs.defaultTtl).toBe(-1);
    } finally {
      client.dispose();
    }
  });

  test("refuses a container whose partition key differs from the catalogue", async () => {
    const client = new CosmosClient({ endpoint: server.endpoint, key: randomBytes(32).toString("base64"), agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await client.databases.createIfNotExists({ id: "schema-drift" });
    await database.containers.createIfNotExists({ id: "communities", partitionKey: { paths: ["/tenantId"] } });
    client.dispose();

    const store = new CosmosDocumentStore({ endpoint: server.endpoint, database: "schema-drift", auth: { kind: "embedded", agent: server.agent } });
    try {
      const error = await store.ensureSchema().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreSchemaError);
      expect((error as Error).message).toMatch(/"communities" is partitioned by \/tenantId .* expects \/communityId/);
    } finally {
      await store.close();
    }
  });
});

test("Azure mode without an endpoint says which setting is missing", async () => {
  await expect(openStore({ mode: "azure", dataDir: ".data", cosmos: { database: "practice-circles" } })).rejects.toThrow(/COSMOS_ENDPOINT/);
});
