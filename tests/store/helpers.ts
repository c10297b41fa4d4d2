import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAppError } from "../../bot/src/domain/errors";

/** A fresh data folder per test; removed afterwards. */
export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "pc-store-test-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ArtifactDoc {
  id: string;
  type: "artifact";
  schemaVersion: number;
  tenantId: string;
  communityId: string;
  title: string;
  n?: number;
  ttl?: number;
}

export const artifact = (communityId: string, id: string, extra: Partial<ArtifactDoc> = {}): ArtifactDoc => ({
  id,
  type: "artifact",
  schemaVersion: 1,
  tenantId: "tenant-1",
  communityId,
  title: `Artifact ${id}`,
  ...extra,
});

export interface JobDoc {
  id: string;
  type: "job";
  schemaVersion: number;
  tenantId: string;
  bucket: string;
  ttl?: number;
}

export const job = (bucket: string, id: string, extra: Partial<JobDoc> = {}): JobDoc => ({
  id,
  type: "job",
  schemaVersion: 1,
  tenantId: "tenant-1",
  bucket,
  ...extra,
});

/** Resolves to the AppError code the promise rejected with, or fails the test. */
export async function appErrorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error("expected the call to fail with an AppError, but it succeeded");
}
