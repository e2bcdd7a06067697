/**
 * Time as a dependency. Production code sleeps on real timers; tests inject a
 * clock whose sleep advances virtual time instantly, so retry and poll logic
 * runs in microseconds without real waits.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
