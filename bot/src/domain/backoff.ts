/** How long to wait before trying again after a failure. */

const DEFAULT_BASE_MS = 500;
const DEFAULT_CAP_MS = 60_000;

/** "Full jitter" exponential backoff: random in [0, min(capMs, baseMs·2^attempt)]; `random` injectable for tests. */
export function backoffDelayMs(attempt: number, opts: { baseMs?: number; capMs?: number; random?: () => number } = {}): number {
  const base = Math.max(0, opts.baseMs ?? DEFAULT_BASE_MS);
  const cap = Math.max(0, opts.capMs ?? DEFAULT_CAP_MS);
  const random = opts.random ?? Math.random;
  const tries = Number.isNaN(attempt) ? 0 : Math.max(0, Math.floor(attempt));
  // A huge attempt makes 2 ** tries Infinity, which the cap then bounds.
  const ceiling = base === 0 ? 0 : Math.min(cap, base * 2 ** tries);
  const share = Math.min(1, Math.max(0, random()));
  return Math.round(share * ceiling);
}
