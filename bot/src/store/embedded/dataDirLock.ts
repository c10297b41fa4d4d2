import { mkdir, open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

/** Another live process already serves this data folder; two writers would overwrite each other's snapshots. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      pid === process.pid
        ? `The local store in ${dir} is already open in this process; close it before opening it again.`
        : `The local store in ${dir} is in use by process ${pid}. Stop that process, or set DATA_DIR to another folder, then start again.`,
    );
    this.name = "DataDirInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes `DATA_DIR/store.lock` for this process; a lock left by a dead process is taken over. */
export async function lockDataDir(dir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "store.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, "wx", 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return { release: () => rm(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DataDirInUseError(dir, holder);
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}; another process keeps creating it.`);
}
