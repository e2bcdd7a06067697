// The emulator clock: real time, optionally scaled, plus every advance() a
// test or /clock/advance asked for. Vendor jobs (jobs.ts) and "late" faults
// are timed on it.

export interface EmulatorClock {
  /** Milliseconds since the epoch: real time plus every advance() so far. */
  now(): number;
  advance(ms: number): void;
  /** How many times faster than real time the clock runs (1: real time). */
  readonly scale: number;
}

/**
 * `scale` makes the clock run faster than real time (match the provider's
 * EURO_HOSTING_TIME_SCALE so both sides agree on how long a job took).
 */
export function createEmulatorClock(options: { scale?: number } = {}): EmulatorClock {
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`clock scale must be positive, got ${scale}`);
  const origin = Date.now();
  let offsetMs = 0;
  return {
    scale,
    now: () => origin + (Date.now() - origin) * scale + offsetMs,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward, got ${ms} ms`);
      offsetMs += ms;
    },
  };
}
