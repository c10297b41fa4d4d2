import type { ContainerDefinition, CosmosClient, IndexingPolicy } from "@azure/cosmos";
import type { ContainerSpec } from "../catalogue";
import type { StoreLogger } from "../logger";
import { statusOf } from "./retry";

/** The database or a container does not match the catalogue, and the store cannot fix it itself. */
export class StoreSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreSchemaError";
  }
}

/** The indexing policy a catalogue entry asks for: everything indexed except its excluded paths. */
export function indexingPolicyFor(spec: ContainerSpec): IndexingPolicy {
  return {
    indexingMode: "consistent",
    automatic: true,
    includedPaths: [{ path: "/*" }],
    excludedPaths: [...spec.excludedPaths.map((path) => ({ path })), { path: '/"_etag"/?' }],
  };
}

/** The container definition the catalogue asks for, as Cosmos takes it. */
export function containerDefinitionFor(spec: ContainerSpec): ContainerDefinition {
  return {
    id: spec.name,
    partitionKey: { paths: [spec.partitionKey] },
    ...(spec.defaultTtl !== undefined ? { defaultTtl: spec.defaultTtl } : {}),
    indexingPolicy: indexingPolicyFor(spec),
  };
}

const cannotCreate = (what: string) =>
  new StoreSchemaError(
    `${what} does not exist and this identity may not create it (Entra data-plane roles cannot create databases or containers). ` +
      "Provision it with the Bicep templates in infra/ (or the Agents Toolkit 'Provision' step), then start again.",
  );

/**
 * Creates the database and every catalogue container when missing, and refuses to run
 * against a container whose partition key differs (documents would land in the wrong partitions).
 */
export async function ensureSchema(client: CosmosClient, databaseId: string, specs: readonly ContainerSpec[], logger?: StoreLogger): Promise<void> {
  let database;
  try {
    ({ database } = await client.databases.createIfNotExists({ id: databaseId }));
  } catch (e) {
    if (statusOf(e) === 403) throw cannotCreate(`The Cosmos DB database "${databaseId}"`);
    throw e;
  }
  for (const spec of specs) {
    let resource: ContainerDefinition | undefined;
    try {
      ({ resource } = await database.containers.createIfNotExists(containerDefinitionFor(spec)));
    } catch (e) {
      if (statusOf(e) === 403) throw cannotCreate(`The container "${spec.name}" in database "${databaseId}"`);
      throw e;
    }
    const actualKey = resource?.partitionKey?.paths?.[0];
    if (actualKey !== spec.partitionKey) {
      throw new StoreSchemaError(
        `The container "${spec.name}" is partitioned by ${actualKey ?? "nothing"} but the catalogue (bot/src/store/catalogue.ts) expects ${spec.partitionKey}. ` +
          "A partition key cannot change in place: create a new container and migrate the documents, or fix the catalogue.",
      );
    }
    if ((resource?.defaultTtl ?? undefined) !== spec.defaultTtl) {
      logger?.warn(
        { container: spec.name, expected: spec.defaultTtl ?? "off", actual: resource?.defaultTtl ?? "off" },
        "container TTL differs from the catalogue; transient documents may not expire as designed",
      );
    }
  }
}
