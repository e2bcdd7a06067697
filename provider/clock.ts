import { formatDuration } from "./duration";

/**
 * Time as a dependency. Production code sleeps on real timers; unit tests
 * inject a clock whose sleep advances virtual time instantly, so retry and
 * poll logic runs without real waits.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** How much faster than real time this clock runs; absent means real time. */
  readonly scale?: number;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Time running `scale` times faster than real time: a 10-minute wait takes
 * 10 s at scale 60. The provider process cannot be handed a fake clock by a
 * test, so lifecycle tests and benchmarks that wait for slow vendor jobs (or
 * pace to ZoneID's 60 requests per minute) accelerate it with
 * EURO_HOSTING_TIME_SCALE, and accelerate the emulator's clock alike.
 */
export function scaledClock(scale: number): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * scale,
    sleep: (ms) => realClock.sleep(ms / scale),
    scale,
  };
}

/**
 * A span of this clock's time for people: "3m11s", or with a scaled clock
 * "3m11s of vendor time (3.2s here at 60× speed)", so an accelerated run
 * does not claim minutes it did not take.
 */
export function describeElapsed(clock: Clock, ms: number): string {
  const scale = clock.scale ?? 1;
  if (scale === 1) return formatDuration(ms);
  return `${formatDuration(ms)} of vendor time (${formatDuration(ms / scale)} here at ${scale}× speed, EURO_HOSTING_TIME_SCALE)`;
}

let processClockInstance: Clock | undefined;

/** The clock of this process: real time, unless EURO_HOSTING_TIME_SCALE asks for faster time. */
export function processClock(): Clock {
  if (!processClockInstance) {
    const scale = Number(process.env.EURO_HOSTING_TIME_SCALE ?? "1");
    processClockInstance = Number.isFinite(scale) && scale > 0 && scale !== 1 ? scaledClock(scale) : realClock;
  }
  return processClockInstance;
}
