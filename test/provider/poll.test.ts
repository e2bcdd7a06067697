import { WaitTimeoutError } from "../../provider/errors";
import { memoryLogger } from "../../provider/log";
import { waitFor } from "../../provider/poll";
import { fakeClock } from "../support/fakeClock";

test("waits 10% of the time waited so far, within the bounds, and logs each state change once", async () => {
  const clock = fakeClock();
  const logger = memoryLogger();
  const states = ["pending", "pending", "running", "running", "running", "running", "completed"];
  let calls = 0;
  const result = await waitFor(
    async () => states[calls++],
    (state) => state === "completed",
    { description: "snapshot to complete", timeoutMs: 600_000, initialDelayMs: 1000, maxDelayMs: 1500, clock, logger, describe: (s) => s },
  );
  expect(result).toBe("completed");
  expect(calls).toBe(7);
  // 1 s until 10% of the elapsed time exceeds it; capped at 1.5 s.
  expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
  expect(logger.lines).toEqual([
    "info: waiting for snapshot to complete: pending",
    "info: waiting for snapshot to complete: running",
    "info: snapshot to complete: done after 6s",
  ]);
});

test("a long job is noticed within about 10% of its length, with a logarithmic number of looks", async () => {
  for (const jobMs of [30_000, 90_000, 180_000, 600_000]) {
    const clock = fakeClock();
    const started = clock.now();
    let looks = 0;
    await waitFor(
      async () => {
        looks++;
        return clock.now() - started >= jobMs;
      },
      (done) => done,
      { description: "job", timeoutMs: 3_600_000, initialDelayMs: 1000, clock, logger: memoryLogger() },
    );
    const latency = clock.now() - started - jobMs;
    expect(latency).toBeLessThanOrEqual(Math.max(1000, 0.1 * jobMs) * 1.11);
    expect(looks).toBeLessThanOrEqual(10 + Math.ceil(Math.log(jobMs / 10_000) / Math.log(1.1)) + 1);
  }
});

test("returns at once without logging when already done", async () => {
  const clock = fakeClock();
  const logger = memoryLogger();
  await waitFor(async () => 1, () => true, { description: "x", timeoutMs: 1000, clock, logger });
  expect(clock.sleeps).toEqual([]);
  expect(logger.lines).toEqual([]);
});

test("times out with an error naming what was pending, after a last look at the deadline", async () => {
  const clock = fakeClock();
  let calls = 0;
  const wait = waitFor(
    async () => {
      calls++;
      return "pending";
    },
    () => false,
    { description: "VM build", timeoutMs: 10_000, initialDelayMs: 4000, maxDelayMs: 4000, clock, logger: memoryLogger(), describe: (s) => `status ${s}` },
  );
  await expect(wait).rejects.toThrow(WaitTimeoutError);
  await expect(wait).rejects.toThrow("Timed out after 10s waiting for VM build; last state: status pending");
  // 0 s, 4 s, 8 s, then the final look at the 10 s deadline.
  expect(clock.sleeps).toEqual([4000, 4000, 2000]);
  expect(calls).toBe(4);
});

test("a terminal failure thrown by isDone stops the wait", async () => {
  const clock = fakeClock();
  const wait = waitFor(
    async () => "failed",
    (state) => {
      if (state === "failed") throw new Error("the transaction failed");
      return false;
    },
    { description: "x", timeoutMs: 10_000, clock, logger: memoryLogger() },
  );
  await expect(wait).rejects.toThrow("the transaction failed");
  expect(clock.sleeps).toEqual([]);
});

test("a scaled clock runs faster than real time, for waits inside the provider process", async () => {
  const { scaledClock } = await import("../../provider/clock");
  const clock = scaledClock(1000);
  const before = clock.now();
  const started = Date.now();
  await clock.sleep(2000); // 2 s of scaled time = 2 ms of real time
  expect(Date.now() - started).toBeLessThan(500);
  expect(clock.now() - before).toBeGreaterThanOrEqual(1000);
});

test("with an accelerated clock the log says vendor time and the time it really took", async () => {
  const clock = { ...fakeClock(), scale: 60 };
  const logger = memoryLogger();
  let calls = 0;
  await waitFor(async () => (++calls < 4 ? "pending" : "completed"), (state) => state === "completed", {
    description: "snapshot to complete",
    timeoutMs: 600_000,
    initialDelayMs: 60_000,
    clock,
    logger,
  });
  expect(logger.lines).toContain("info: snapshot to complete: done after 3m of vendor time (3s here at 60× speed, EURO_HOSTING_TIME_SCALE)");
});
