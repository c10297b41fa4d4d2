import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { CATALOGUE, type ContainerName } from "../catalogue";

export const SNAPSHOT_FORMAT = 1;
export const SNAPSHOT_FILE = "store.json";

const SnapshotDocument = z.looseObject({
  id: z.string().min(1),
  /** Kept so TTL keeps counting from the last real write, not from the restore. */
  _ts: z.number().int().nonnegative().optional(),
  ttl: z.number().int().optional(),
});

const SnapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  savedAt: z.iso.datetime(),
  containers: z.record(z.string(), z.array(SnapshotDocument)),
});

export type SnapshotDocument = z.infer<typeof SnapshotDocument>;
/** What `DATA_DIR/store.json` holds: every document of every container, by container name. */
export type Snapshot = { format: typeof SNAPSHOT_FORMAT; savedAt: string; containers: Partial<Record<ContainerName, SnapshotDocument[]>> };

/**
 * The local store file exists but cannot be trusted. Start-up stops and the file is left
 * exactly as found, so no data is replaced by an empty store.
 */
export class SnapshotFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The local store file ${file} cannot be loaded: ${problem}. It has not been changed. ` +
        `To keep its data, restore a good copy of it from a backup; to start with an empty local store instead, ` +
        `move it aside (e.g. rename it to ${basename(file)}.broken), then start again.`,
    );
    this.name = "SnapshotFileError";
  }
}

function partitionValue(path: string, doc: Record<string, unknown>): unknown {
  return path
    .slice(1)
    .split("/")
    .reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined), doc);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join(".") : "the top level";
  return `${where}: ${issue.message}`;
}

/** Checks the parts zod cannot see: known containers, a partition key on every document, unique ids. */
function checkDocuments(containers: Record<string, SnapshotDocument[]>): string | undefined {
  for (const [name, docs] of Object.entries(containers)) {
    if (!(name in CATALOGUE)) return `it holds a container "${name}" that this version does not know (known: ${Object.keys(CATALOGUE).join(", ")})`;
    const path = CATALOGUE[name as ContainerName].partitionKey;
    const seen = new Set<string>();
    for (const [i, doc] of docs.entries()) {
      const partition = partitionValue(path, doc);
      if (typeof partition !== "string" || partition === "") return `containers.${name}.${i} (id "${doc.id}") has no partition key at ${path}`;
      const key = JSON.stringify([partition, doc.id]);
      if (seen.has(key)) return `containers.${name} holds the id "${doc.id}" twice in partition "${partition}"`;
      seen.add(key);
    }
  }
  return undefined;
}

/** Reads and validates the snapshot; null when there is none yet (first run). */
export async function readSnapshot(file: string): Promise<Snapshot | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SnapshotFileError(file, `it could not be read (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SnapshotFileError(file, text.trim() === "" ? "it is empty" : `it is not valid JSON (${(e as Error).message})`);
  }
  const format = typeof json === "object" && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format !== SNAPSHOT_FORMAT && typeof format === "number") {
    throw new SnapshotFileError(file, `it is in format ${format}, and this version reads only format ${SNAPSHOT_FORMAT}`);
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(describeIssue).join("; ");
    throw new SnapshotFileError(file, `it is not a format-${SNAPSHOT_FORMAT} store snapshot (${issues})`);
  }
  const problem = checkDocuments(parsed.data.containers);
  if (problem) throw new SnapshotFileError(file, problem);
  return parsed.data as Snapshot;
}

const tempPrefix = (file: string) => `.${basename(file)}.`;

/**
 * Replaces the file in one step: write a temp file beside it, fsync, rename over. A crash
 * leaves either the old file or the new one, never half of one.
 */
export async function writeSnapshotAtomically(file: string, snapshot: Snapshot): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${tempPrefix(file)}${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify(snapshot), "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  try {
    const directory = await open(dir, "r");
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    // Directories cannot be fsynced on every platform (Windows); the rename itself is atomic.
  }
}

/** Removes temp files a crashed writer left behind; call only while holding the data folder lock. */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const dir = dirname(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => name.startsWith(tempPrefix(file)) && name.endsWith(".tmp"));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale;
}
