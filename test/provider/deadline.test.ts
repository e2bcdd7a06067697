import { z } from "zod";
import { retryWhileBusy } from "../../provider/busy";
import { DeadlineExceededError, currentDeadline } from "../../provider/deadline";
import { bridge, operationContext } from "../../provider/dynamic";
import { ApiError, WaitTimeoutError, apiErrorFor } from "../../provider/errors";
import { HttpCore } from "../../provider/http";
import { memoryLogger } from "../../provider/log";
import { waitFor } from "../../provider/poll";
import { gigahostMessage } from "../../provider/gigahost/wire";
import { fakeClock } from "../support/fakeClock";
import { scriptedServer } from "../support/scriptedServer";

/** A job that is done `ms` after the wait for it starts. */
const job = (clock: ReturnType<typeof fakeClock>, ms: number) => {
  const done = clock.now() + ms;
  return () => Promise.resolve(clock.now() >= done ? "done" : "pending");
};

const definition = (create: (context: any) => Promise<void>) => ({
  kind: "test:Thing",
  inputs: z.object({ timeouts: z.object({ create: z.string().optional() }).optional() }).strict(),
  replaceOnChanges: [] as const,
  create: async (_inputs: unknown, context: any) => {
    await create(context);
    return { id: "thing-1", state: {} };
  },
  read: async () => ({}),
  update: async () => ({}),
  delete: async () => undefined,
});

describe("one deadline per operation", () => {
  it("three waits of one create share its deadline: each fits alone, together they fail at the deadline, naming timeouts.create", async () => {
    // The class of bug Gandi (three waits) and Gigahost (two) had: each wait given the full budget.
    const clock = fakeClock();
    const started = clock.now();
    const finished: number[] = [];
    const thing = bridge(
      definition(async (context) => {
        for (const name of ["order", "activation", "vhost"]) {
          await waitFor(job(clock, 40_000), (state) => state === "done", { description: `the ${name}`, deadline: context, initialDelayMs: 1000, maxDelayMs: 5000, logger: memoryLogger() });
          finished.push(clock.now() - started);
        }
      }) as any,
      { clock, logger: memoryLogger(), settings: () => undefined },
    );
    const failure = await thing.create({ timeouts: { create: "100s" } }).catch((error) => error);
    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure).toBeInstanceOf(WaitTimeoutError);
    expect(failure.message).toMatch(/waiting for the vhost; last state: pending\. The create deadline \(1m40s, timeouts\.create\) ran out; raise it with the resource's `timeouts: \{ create: "3m20s" \}` input/);
    expect(finished.length).toBe(2);
    // Ends at the deadline, not 100 s after the last wait started.
    expect(clock.now() - started).toBe(100_000);
  });

  it("the engine's timeout (customTimeouts, through the plugin) wins over the timeouts input, and its error names customTimeouts", async () => {
    const clock = fakeClock();
    const started = clock.now();
    const thing = bridge(
      definition(async (context) => {
        await waitFor(job(clock, 10 * 60_000), (state) => state === "done", { description: "the order", deadline: context, initialDelayMs: 1000, maxDelayMs: 5000, logger: memoryLogger() });
      }) as any,
      { clock, logger: memoryLogger(), settings: () => undefined },
    );
    const failure = await thing.create({ timeouts: { create: "1h" } }, { timeoutSeconds: 90 }).catch((error) => error);
    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure.message).toMatch(
      /waiting for the order; last state: pending\. The create deadline \(1m30s, customTimeouts\.create\) ran out; raise it with the resource option `customTimeouts: \{ create: "3m" \}`/,
    );
    expect(clock.now() - started).toBe(90_000);
    // No engine timeout (0 or absent): the input's deadline, named as before.
    const fromInput = await thing.create({ timeouts: { create: "30s" } }, { timeoutSeconds: 0 }).catch((error) => error);
    expect(fromInput.message).toMatch(/The create deadline \(30s, timeouts\.create\) ran out; raise it with the resource's `timeouts: \{ create: "1m" \}` input/);
  });

  it("the bridge hands the operation's deadline to code deep inside it (the HTTP core, the busy helper)", async () => {
    const clock = fakeClock();
    let seen: number | undefined;
    const thing = bridge(
      definition(async (context) => {
        await Promise.resolve();
        seen = currentDeadline()?.deadline;
        expect(seen).toBe(context.deadline);
      }) as any,
      { clock, logger: memoryLogger(), settings: () => undefined },
    );
    await thing.create({ timeouts: { create: "5m" } });
    expect(seen).toBe(clock.now() + 5 * 60_000);
  });

  it("the HTTP core's transport retries inside an operation stop at its deadline", async () => {
    const server = await scriptedServer(Array.from({ length: 20 }, () => ({ status: 503, body: { meta: { status: 503, message: "down" } } })));
    const clock = fakeClock();
    const core = new HttpCore({ vendor: "Test", baseUrl: server.url, auth: async () => ({}), vendorMessage: gigahostMessage, clock, logger: memoryLogger(), random: () => 1, retry: { maxAttempts: 20 } });
    const thing = bridge(definition(async () => void (await core.request({ method: "GET", path: "/x", schema: z.unknown() }))) as any, { clock, logger: memoryLogger(), settings: () => undefined });
    try {
      const started = clock.now();
      const failure = await thing.create({ timeouts: { create: "10s" } }).catch((error) => error);
      expect(failure).toBeInstanceOf(DeadlineExceededError);
      expect(failure.message).toMatch(/Test to answer GET \/x .*The create deadline \(10s, timeouts\.create\) ran out/);
      // 400 + 800 + 1600 + 3200 ms of backoff; the next (6400 ms) would end past 10 s.
      expect(clock.sleeps).toEqual([400, 800, 1600, 3200]);
      expect(server.received.length).toBe(5);
      expect(clock.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });
});

describe("retryWhileBusy", () => {
  const request = { vendor: "Test", method: "DELETE", path: "/vm/7" };
  const locked = () => apiErrorFor(request, 409, "Virtual machine 7 is locked by another operation");
  const isBusy = (error: ApiError) => error.status === 409 && /locked/.test(error.vendorMessage ?? "");

  it("tries again while busy, with a log line per wait, and returns once accepted", async () => {
    const clock = fakeClock();
    const logger = memoryLogger();
    let tries = 0;
    const result = await retryWhileBusy(
      async () => {
        if (++tries < 3) throw locked();
        return "deleted";
      },
      { description: "deleting vm 7", isBusy, clock, logger, random: () => 1 },
    );
    expect([result, tries]).toEqual(["deleted", 3]);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(logger.lines.filter((line) => /deleting vm 7: Test says the object is busy \(409: Virtual machine 7 is locked/.test(line))).toHaveLength(2);
  });

  it("until the deadline if asked: fails at it naming it; other failures pass through at once", async () => {
    const clock = fakeClock();
    const deadline = operationContext("delete", 60_000, { settings: () => undefined, logger: memoryLogger(), clock, configured: false });
    let tries = 0;
    const failure = await retryWhileBusy(async () => {
      tries++;
      throw locked();
    }, { description: "deleting vm 7", isBusy, deadline, untilDeadline: true, logger: memoryLogger(), random: () => 1 }).catch((error) => error);
    expect(failure).toBeInstanceOf(DeadlineExceededError);
    expect(failure.message).toMatch(/deleting vm 7 \(the object stayed busy: .*locked.*\)\. The delete deadline \(1m, the default\) ran out/);
    // 1 + 2 + 4 + 8 + 16 s of waits; the next (30 s) would end past the minute: 6 tries, not a retry of retries.
    expect(tries).toBe(6);
    await expect(retryWhileBusy(async () => { throw apiErrorFor(request, 409, "a disk with this mount point exists"); }, { description: "x", isBusy, deadline, logger: memoryLogger() })).rejects.toThrow(/mount point/);
  });

  it("otherwise a few tries (policy.maxAttempts), still never past the deadline", async () => {
    const clock = fakeClock();
    const deadline = operationContext("update", 10 * 60_000, { settings: () => undefined, logger: memoryLogger(), clock });
    let tries = 0;
    await expect(retryWhileBusy(async () => {
      tries++;
      throw locked();
    }, { description: "writing a record", isBusy, deadline, logger: memoryLogger(), random: () => 1 })).rejects.toThrow(/answered 409: Virtual machine 7 is locked/);
    expect(tries).toBe(6);
    const short = operationContext("update", 5000, { settings: () => undefined, logger: memoryLogger(), clock });
    tries = 0;
    await expect(retryWhileBusy(async () => {
      tries++;
      throw locked();
    }, { description: "writing a record", isBusy, deadline: short, logger: memoryLogger(), random: () => 1 })).rejects.toThrow(/The update deadline \(5s, the default\) ran out/);
    // 1 s, then 2 s; a 4 s wait would end past 5 s.
    expect(tries).toBe(3);
  });

  it("waits until the object is free before each try, and ends with undefined when it is gone", async () => {
    const clock = fakeClock();
    const looks: string[] = [];
    let free = 0;
    const result = await retryWhileBusy(async () => {
      looks.push("try");
      throw locked();
    }, {
      description: "deleting vm 7",
      isBusy,
      untilFree: async () => {
        looks.push("free?");
        return ++free < 3;
      },
      clock,
      logger: memoryLogger(),
      random: () => 1,
    });
    expect(result).toBeUndefined();
    expect(looks).toEqual(["free?", "try", "free?", "try", "free?"]);
  });
});
