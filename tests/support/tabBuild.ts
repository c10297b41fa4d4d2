/**
 * Builds the tab (tab/dist) when it is missing or older than its sources, once per
 * process and under a cross-process lock, so several test files (and Jest workers)
 * can all ask for it and only one build runs.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");
export const tabDist = join(repoRoot, "tab", "dist");

/** Everything the bundle is made from: the tab itself and the shared contracts. */
const INPUTS = [
  join(repoRoot, "tab", "src"),
  join(repoRoot, "tab", "index.html"),
  join(repoRoot, "tab", "vite.config.mts"),
  join(repoRoot, "bot", "src", "contracts"),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when tab/dist/index.html exists and is newer than every input. */
export function tabIsFresh(): boolean {
  const index = join(tabDist, "index.html");
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...INPUTS.map(newestMtime));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mkdir is atomic: whoever creates the folder holds the lock. A lock older than 3 minutes is abandoned. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `practice-circles-tab-build-${createHash("sha1").update(repoRoot).digest("hex").slice(0, 12)}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 3 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released between our two looks: try again.
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the tab build lock at ${lock}`);
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Vite is ESM-only and Jest's module system is CommonJS, so the build API runs in a
 * short-lived Node process: `build({ configFile: "tab/vite.config.mts" })`.
 */
function runViteBuild(): Promise<void> {
  const script = `import { build } from "vite"; await build({ configFile: ${JSON.stringify(join(repoRoot, "tab", "vite.config.mts"))}, logLevel: "warn" });`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "--eval", script],
      { cwd: repoRoot, env: { ...process.env, NODE_ENV: "production", VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" }, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`The tab build failed:\n${stderr || error.message}`)) : resolve()),
    );
  });
}

let pending: Promise<string> | undefined;

/** Resolves to tab/dist once it is up to date with the sources. */
export function ensureTabBuilt(): Promise<string> {
  pending ??= (async () => {
    if (tabIsFresh()) return tabDist;
    await withLock(async () => {
      if (!tabIsFresh()) await runViteBuild();
    });
    return tabDist;
  })().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
