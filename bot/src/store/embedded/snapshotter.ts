import type { StoreLogger } from "../logger";
import { writeSnapshotAtomically, type Snapshot } from "./snapshotFile";

export interface SnapshotterOptions {
  file: string;
  /** A write schedules a snapshot this long after it; writes in between share it. */
  debounceMs: number;
  capture: () => Promise<Snapshot>;
  logger: StoreLogger;
}

/**
 * Turns "something was written" into at most one snapshot per debounce window, one at
 * a time: snapshots are chained, and a snapshot with nothing new to save is skipped.
 */
export class Snapshotter {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private writes = 0;
  private savedThrough = 0;
  private stopped = false;

  constructor(private readonly options: SnapshotterOptions) {}

  /** Writes seen that no finished snapshot covers yet. */
  get pending(): number {
    return this.writes - this.savedThrough;
  }

  noteWrite(): void {
    if (this.stopped) return;
    this.writes += 1;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue().catch((err: unknown) =>
        this.options.logger.error({ err, file: this.options.file }, "local store snapshot failed; will try again after the next write"),
      );
    }, this.options.debounceMs);
    this.timer.unref();
  }

  /** Saves now whatever is not saved yet, after any snapshot already running. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.enqueue();
  }

  /** Final flush; later writes are no longer noted. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }

  private enqueue(): Promise<void> {
    const run = this.chain.then(() => this.snapshotIfBehind());
    this.chain = run.catch(() => {});
    return run;
  }

  private async snapshotIfBehind(): Promise<void> {
    if (this.writes === this.savedThrough) return;
    const through = this.writes;
    const snapshot = await this.options.capture();
    await writeSnapshotAtomically(this.options.file, snapshot);
    this.savedThrough = through;
  }
}
