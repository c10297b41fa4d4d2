/**
 * The container catalogue: the single source of truth for names, partition keys,
 * indexing and TTL. `infra/` declares exactly these (a test compares them).
 */
export interface ContainerSpec {
  /** Container name in Cosmos. */
  name: string;
  /** Partition key path. */
  partitionKey: string;
  /** Default TTL in seconds: -1 = on, per-item `ttl` decides; undefined = off. */
  defaultTtl?: number;
  /** Paths left out of the index (write-heavy text we never filter on). */
  excludedPaths: string[];
  /** Why the container exists, for the next maintainer. */
  holds: string;
}

export const DATABASE_NAME = "practice-circles";

export const CATALOGUE = {
  communities: {
    name: "communities",
    partitionKey: "/communityId",
    // On, but each item decides: only soft-deleted items carry a ttl (30 days to restore them).
    defaultTtl: -1,
    // Long text stays out of the index: it costs write RUs and is only ever scanned by CONTAINS.
    excludedPaths: ["/body/?", "/fields/*", "/content/*", "/searchText/?"],
    holds: "Everything scoped to one community, one partition per community: the community and charter, members, artifacts and their versions, sessions, practices, check-ins.",
  },
  directory: {
    name: "directory",
    partitionKey: "/key",
    excludedPaths: [],
    holds: "Small keyed index documents (id = key) for lookups by Teams ids: tenant, team to community, user to memberships, stored conversation references.",
  },
  jobs: {
    name: "jobs",
    partitionKey: "/bucket",
    defaultTtl: -1,
    excludedPaths: ["/payload/*"],
    holds: "Due jobs partitioned by the hour they are due, so a scheduler pass reads one partition per hour; leases are fields on the job. Also a small id index per job (which hour holds it) and the scheduler's cursor (the earliest hour that may hold open jobs). Finished jobs and their index expire by TTL.",
  },
} as const satisfies Record<string, ContainerSpec>;

export type ContainerName = keyof typeof CATALOGUE;
export const CONTAINERS: ContainerSpec[] = Object.values(CATALOGUE);
