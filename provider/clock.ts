/**
 * Time as a dependency. Production code sleeps on real timers; unit tests
 * inject a clock whose sleep advances virtual time instantly, so retry and
 * poll logic runs without real waits.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
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
  };
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
