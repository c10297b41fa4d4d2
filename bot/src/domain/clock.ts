/** The clock is a parameter everywhere below commands/, so tests fix time instead of reading it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: the local-mode clock and the tests' clock. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  advanceTo(at: Date): void {
    if (at.getTime() > this.current.getTime()) this.current = new Date(at);
  }
}

/** A clock the local-mode `/api/dev/advance` can move forward (never back). */
export interface SettableClock extends Clock {
  /** Moves the clock to `at` if that is later than now; earlier instants are ignored. */
  advanceTo(at: Date): void;
}

/**
 * The local-mode clock: real time plus an offset that only grows, so after advancing to
 * next Tuesday the app keeps ticking from there.
 */
export class OffsetClock implements SettableClock {
  private offsetMs = 0;
  constructor(private readonly real: Clock = systemClock) {}
  now(): Date {
    return new Date(this.real.now().getTime() + this.offsetMs);
  }
  advanceTo(at: Date): void {
    const gap = at.getTime() - this.now().getTime();
    if (gap > 0) this.offsetMs += gap;
  }
}

export const isSettable = (clock: Clock): clock is SettableClock => typeof (clock as Partial<SettableClock>).advanceTo === "function";
