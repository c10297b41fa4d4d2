import { CosmosDocumentStore } from "./cosmos/cosmosDocumentStore";
import type { DocumentStore } from "./documents";
import { EmbeddedDocumentStore } from "./embedded/embeddedStore";
import type { StoreLogger } from "./logger";

export type { BaseDocument, DocumentContainer, DocumentStore, Page, PageRequest, QuerySpec, QueryValue, Stored } from "./documents";
export { CATALOGUE, CONTAINERS, DATABASE_NAME, type ContainerName, type ContainerSpec } from "./catalogue";
export type { StoreLogger } from "./logger";
export { StoreSchemaError } from "./cosmos/schema";
export { SnapshotFileError } from "./embedded/snapshotFile";
export { DataDirInUseError } from "./embedded/dataDirLock";
export { withWriteTracking } from "./cosmos/retry";

export interface OpenStoreOptions {
  mode: "local" | "azure";
  /** Local mode keeps `store.json` here. */
  dataDir: string;
  cosmos: { endpoint?: string; database: string; managedIdentityClientId?: string };
  logger?: StoreLogger;
}

/**
 * The one way the server gets its store: the embedded server with snapshots locally, the
 * Cosmos account with Entra ID in Azure. Either way the schema is ensured before it returns;
 * locally the last snapshot is loaded (a damaged one throws SnapshotFileError).
 */
export async function openStore(options: OpenStoreOptions): Promise<DocumentStore> {
  if (options.mode === "local") {
    return EmbeddedDocumentStore.open({ dataDir: options.dataDir, database: options.cosmos.database, logger: options.logger });
  }
  if (!options.cosmos.endpoint) throw new Error("COSMOS_ENDPOINT is required in Azure mode: set it to the Cosmos DB account URL.");
  const store = new CosmosDocumentStore({
    endpoint: options.cosmos.endpoint,
    database: options.cosmos.database,
    auth: { kind: "aad", managedIdentityClientId: options.cosmos.managedIdentityClientId },
    logger: options.logger,
  });
  try {
    await store.ensureSchema();
  } catch (e) {
    await store.close();
    throw e;
  }
  options.logger?.info({ endpoint: options.cosmos.endpoint, database: options.cosmos.database }, "Cosmos DB store ready");
  return store;
}
