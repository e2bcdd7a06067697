import { memoryLogger } from "../../provider/log";
import { SlidingWindowLimiter } from "../../provider/zoneid/rateLimiter";
import { fakeClock } from "../support/fakeClock";

function setup(options: { limit?: number; guardMs?: number } = {}) {
  const clock = fakeClock(0);
  const logger = memoryLogger();
  const limiter = new SlidingWindowLimiter({ clock, logger, limit: options.limit ?? 60, guardMs: options.guardMs ?? 0, label: "ZoneID" });
  return { clock, logger, limiter };
}

test("lets `limit` requests through at once, then paces the rest to the window", async () => {
  const { clock, limiter } = setup();
  const starts: number[] = [];
  for (let i = 0; i < 150; i++) {
    await limiter.beforeRequest();
    starts.push(clock.now());
  }
  expect(starts.slice(0, 60).every((t) => t === 0)).toBe(true);
  // No 60-second interval ever holds more than 60 starts.
  for (let i = 60; i < starts.length; i++) expect(starts[i] - starts[i - 60]).toBeGreaterThanOrEqual(60_000);
  expect(starts[149]).toBe(120_000);
  // sequential callers: only the first request of each new window had to wait
  expect(limiter.delayedRequests).toBe(2);
});

test("the guard spaces the window further apart", async () => {
  const { clock, limiter } = setup({ limit: 2, guardMs: 500 });
  for (let i = 0; i < 3; i++) await limiter.beforeRequest();
  expect(clock.now()).toBe(60_500);
});

test("X-Ratelimit-Limit replaces the assumed limit", async () => {
  const { clock, limiter } = setup({ limit: 60 });
  limiter.afterResponse(200, { "x-ratelimit-limit": "3", "x-ratelimit-remaining": "3" });
  for (let i = 0; i < 4; i++) await limiter.beforeRequest();
  expect(clock.now()).toBe(60_000);
});

test("a lower X-Ratelimit-Remaining than our own count books the difference as spent", async () => {
  const { clock, limiter } = setup({ limit: 10 });
  await limiter.beforeRequest();
  // Someone else on this IP spent 7 more: only 2 left.
  limiter.afterResponse(200, { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "2" });
  expect(limiter.inWindow()).toBe(8);
  await limiter.beforeRequest();
  await limiter.beforeRequest();
  expect(clock.now()).toBe(0);
  await limiter.beforeRequest();
  expect(clock.now()).toBe(60_000);
});

test("a 429 blocks every request until Retry-After has passed", async () => {
  const { clock, limiter } = setup();
  await limiter.beforeRequest();
  limiter.afterResponse(429, { "retry-after": "7" });
  await limiter.beforeRequest();
  expect(clock.now()).toBe(7000);
  expect(limiter.rateLimitedAnswers).toBe(1);
});

test("a 429 without Retry-After waits a whole window", async () => {
  const { clock, limiter } = setup();
  limiter.afterResponse(429, {});
  await limiter.beforeRequest();
  expect(clock.now()).toBe(60_000);
});

test("progress is logged while waiting, at most once per 15 s, not once per request", async () => {
  const { limiter, logger } = setup({ limit: 1 });
  for (let i = 0; i < 10; i++) await limiter.beforeRequest();
  // nine waits of 60 s each: one line per wait at most, each naming the pace
  expect(logger.lines.length).toBeGreaterThan(0);
  expect(logger.lines.length).toBeLessThanOrEqual(9);
  expect(logger.lines[0]).toMatch(/ZoneID: pacing to 1 requests per 1m; 1 request\(s\) waiting, next slot in 1m/);
});

/** Virtual time for concurrent sleepers: `run` fires timers in time order. */
function schedulerClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    async run(done: () => boolean) {
      for (let guard = 0; guard < 10_000 && !done(); guard++) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

test("concurrent waiters are all served, none beyond the limit", async () => {
  const clock = schedulerClock();
  const limiter = new SlidingWindowLimiter({ clock, logger: memoryLogger(), limit: 5, guardMs: 0 });
  const starts: number[] = [];
  const all = Promise.all(Array.from({ length: 12 }, async () => {
    await limiter.beforeRequest();
    starts.push(clock.now());
  }));
  await clock.run(() => starts.length === 12);
  await all;
  expect(starts).toEqual([0, 0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
});

test("a request counts from its answer: a slow answer keeps its slot longer", async () => {
  const { clock, limiter } = setup({ limit: 2 });
  await limiter.beforeRequest();
  await limiter.beforeRequest();
  clock.advance(10_000);
  // the first answer arrives 10 s after it was sent: the vendor may have counted it that late
  limiter.afterResponse(200, {});
  clock.advance(50_000);
  await limiter.beforeRequest();
  // the second (unanswered) slot frees at 60 s, the first only at 70 s
  expect(clock.now()).toBe(60_000);
  await limiter.beforeRequest();
  expect(clock.now()).toBe(70_000);
});

test("a request that got no answer counts from then, and the next answer is matched to its own request", async () => {
  const { clock, limiter } = setup({ limit: 2 });
  await limiter.beforeRequest(); // lost at 5 s
  await limiter.beforeRequest(); // answered at 30 s
  clock.advance(5_000);
  limiter.afterNoAnswer();
  clock.advance(25_000);
  limiter.afterResponse(200, {});
  clock.advance(30_000);
  // the lost request's slot frees at 65 s, the answered one's at 90 s
  await limiter.beforeRequest();
  expect(clock.now()).toBe(65_000);
  await limiter.beforeRequest();
  expect(clock.now()).toBe(90_000);
});

/**
 * The limiter alone against a vendor that counts each request when it
 * arrives in a sliding window and answers 429 past the limit: what issue 7
 * asks of a bulk create, without the engine's own time. Ten callers at once,
 * the production guard; each request spends a different share of its
 * latency on the way there (network jitter), from a fixed pseudo-random
 * sequence.
 */
async function simulateBulk(requests: number, latencyMs: number) {
  const clock = schedulerClock();
  const limiter = new SlidingWindowLimiter({ clock, logger: memoryLogger() });
  const later = (ms: number) => clock.sleep(ms);
  const vendorWindow: number[] = [];
  let answered429 = 0;
  let sent = 0;
  let callersDone = 0;
  let seed = 7;
  const share = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const caller = async () => {
    while (sent < requests) {
      sent++;
      await limiter.beforeRequest();
      const there = Math.round(latencyMs * share());
      await later(there);
      const arrivedAt = clock.now();
      while (vendorWindow.length > 0 && vendorWindow[0] + 60_000 <= arrivedAt) vendorWindow.shift();
      const refused = vendorWindow.length >= 60;
      if (refused) {
        answered429++;
        sent--; // retried
      } else {
        vendorWindow.push(arrivedAt);
      }
      const remaining = String(60 - vendorWindow.length);
      await later(latencyMs - there);
      limiter.afterResponse(refused ? 429 : 201, { "x-ratelimit-limit": "60", "x-ratelimit-remaining": remaining });
    }
    callersDone++;
  };
  const all = Promise.all(Array.from({ length: 10 }, caller));
  await clock.run(() => callersDone === 10);
  await all;
  return { minutes: clock.now() / 60_000, answered429 };
}

test.each([
  // the bench: 150 records and the shared listings, 25 ms latency at 60x time
  { requests: 167, latencyMs: 1500 },
  // a long run, where only the steady pace counts
  { requests: 600, latencyMs: 1500 },
  { requests: 600, latencyMs: 4000 },
])("$requests requests with $latencyMs ms latency: no 429, within 10% of requests ÷ 60 per minute", async ({ requests, latencyMs }) => {
  const { minutes, answered429 } = await simulateBulk(requests, latencyMs);
  expect(answered429).toBe(0);
  expect(minutes).toBeLessThanOrEqual((requests / 60) * 1.1);
  // the window lets a full limit through at once, so whole windows are the true floor
  expect(minutes).toBeGreaterThanOrEqual(Math.ceil(requests / 60) - 1);
});
