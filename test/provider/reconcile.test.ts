import { z } from "zod";
import { bridge } from "../../provider/dynamic";
import { ApiError, NetworkError, ResourceInitializationError } from "../../provider/errors";
import { AmbiguousObjectError, createOnce, onlyCandidate, writeReconciled } from "../../provider/reconcile";
import { memoryLogger } from "../../provider/log";
import { fakeClock } from "../support/fakeClock";

const request = { vendor: "Test", method: "POST", path: "/things" };
const noAnswer = () => new NetworkError(request, undefined, "timed out waiting for the answer");

/** A vendor whose objects appear `delayMs` after a write, whatever the client saw. */
function lateVendor(clock: ReturnType<typeof fakeClock>, delayMs: number, outcome: () => Error | undefined) {
  const appliedAt: number[] = [];
  return {
    writes: 0,
    appliedAt,
    objects: () => appliedAt.filter((at) => at <= clock.now()).map((_, index) => `thing-${index + 1}`),
    async write(this: { writes: number }) {
      this.writes++;
      appliedAt.push(clock.now() + delayMs);
      const error = outcome();
      if (error) throw error;
    },
  };
}

describe("writeReconciled", () => {
  it("does not re-send a write that got no answer while the vendor shows it within the settle time", async () => {
    const clock = fakeClock();
    // Applied 20 s after the client gave up: a single look would miss it.
    const vendor = lateVendor(clock, 20_000, () => noAnswer());
    const found = await writeReconciled({
      attempt: () => vendor.write(),
      find: async () => vendor.objects()[0],
      description: "creating a thing",
      settleMs: 30_000,
      clock,
      logger: memoryLogger(),
    });
    expect(found).toBe("thing-1");
    expect(vendor.writes).toBe(1);
  });

  it("re-sends only after the whole settle time passed without the object", async () => {
    const clock = fakeClock();
    let failures = 1;
    const vendor = lateVendor(clock, 0, () => (failures-- > 0 ? noAnswer() : undefined));
    vendor.appliedAt.length = 0;
    const started = clock.now();
    const times: number[] = [];
    const found = await writeReconciled({
      attempt: async () => {
        times.push(clock.now() - started);
        vendor.writes++;
        if (failures-- > 0) throw noAnswer();
        vendor.appliedAt.push(clock.now());
      },
      find: async () => vendor.objects()[0],
      description: "creating a thing",
      settleMs: 30_000,
      clock,
      random: () => 0,
      logger: memoryLogger(),
    });
    expect(found).toBe("thing-1");
    expect(times.length).toBe(2);
    expect(times[1]).toBeGreaterThanOrEqual(30_000);
  });

  it("looks once after an answered 5xx, and repeats a 429 without looking", async () => {
    const clock = fakeClock();
    let looks = 0;
    const answers = [new ApiError(request, 429, "slow down"), new ApiError(request, 502, "bad gateway"), undefined];
    let writes = 0;
    const found = await writeReconciled({
      attempt: async () => {
        const error = answers[writes++];
        if (error) throw error;
        return "made";
      },
      find: async () => {
        looks++;
        return undefined;
      },
      description: "creating a thing",
      clock,
      random: () => 0,
      logger: memoryLogger(),
    });
    expect(found).toBe("made");
    expect(writes).toBe(3);
    expect(looks).toBe(1);
  });

  it("never repeats a refused write", async () => {
    const clock = fakeClock();
    let writes = 0;
    await expect(
      writeReconciled({
        attempt: async () => {
          writes++;
          throw new ApiError(request, 400, "invalid name");
        },
        find: async () => undefined,
        description: "creating a thing",
        clock,
        logger: memoryLogger(),
      }),
    ).rejects.toThrow("invalid name");
    expect(writes).toBe(1);
  });
});

describe("createOnce", () => {
  it("continues with the object an interrupted create left, writing nothing", async () => {
    const logger = memoryLogger();
    let writes = 0;
    const result = await createOnce({
      attempt: async () => {
        writes++;
        return "second";
      },
      find: async () => "half-made",
      description: "creating a thing",
      clock: fakeClock(),
      logger,
    });
    expect(result).toEqual({ object: "half-made", resumed: true });
    expect(writes).toBe(0);
    expect(logger.lines.join("\n")).toMatch(/interrupted create/);
  });

  it("writes when nothing is there, and reports what the write made", async () => {
    const result = await createOnce({
      attempt: async () => "made",
      find: async () => undefined,
      description: "creating a thing",
      clock: fakeClock(),
      logger: memoryLogger(),
    });
    expect(result).toEqual({ object: "made", resumed: false });
  });

  it("fails when the write succeeded but nothing can be found", async () => {
    await expect(
      createOnce({ attempt: async () => undefined, find: async () => undefined, description: "creating a thing", clock: fakeClock(), logger: memoryLogger() }),
    ).rejects.toThrow(/cannot be found/);
  });
});

describe("onlyCandidate", () => {
  it("names every candidate when more than one matches", () => {
    expect(() => onlyCandidate([{ id: "7" }, { id: "9" }], (c) => c.id, "virtual machine web1")).toThrow(AmbiguousObjectError);
    expect(() => onlyCandidate([{ id: "7" }, { id: "9" }], (c) => c.id, "virtual machine web1")).toThrow(/7, 9/);
    expect(onlyCandidate([{ id: "7" }], (c) => c.id, "x")).toEqual({ id: "7" });
    expect(onlyCandidate([], (c: { id: string }) => c.id, "x")).toBeUndefined();
  });
});

describe("objects held by resources in state", () => {
  /**
   * A kind whose create takes its half-made object the way resource code
   * does: the one candidate no resource of its kind holds (else it makes
   * `made`, or fails half-made with `halfMade`).
   */
  function kindOver(kind: string, candidates: () => { id: string }[], outcome: { made?: string; halfMade?: string } = {}) {
    const definition = {
      kind,
      inputs: z.object({ name: z.string() }).strict(),
      state: z.object({ took: z.string() }),
      replaceOnChanges: ["name"] as const,
      async create() {
        const found = onlyCandidate(candidates(), (c) => c.id, `${kind} web1`);
        if (found) return { id: found.id, state: { took: found.id } };
        if (outcome.halfMade) throw new ResourceInitializationError(outcome.halfMade, {}, ["half made"]);
        return { id: outcome.made ?? "none", state: { took: "nothing" } };
      },
      read: async () => ({}),
      update: async () => ({}),
      delete: async () => undefined,
    };
    return bridge(definition as any);
  }

  it("are never taken as a create's half-made object: a replacement does not take the object it replaces", async () => {
    const things = kindOver("test:Replaced", () => [{ id: "vm-old" }, { id: "vm-half-made" }]);
    // The engine diffs the resource in state (id "vm-old") before a create-before-delete replacement.
    await things.diff("vm-old", { name: "a" }, { name: "a" });
    expect((await things.create({ name: "a" })).id).toBe("vm-half-made");
    // Outside any operation, an id any kind holds counts as held.
    expect(onlyCandidate([{ id: "vm-old" }], (c) => c.id, "virtual machine web1")).toBeUndefined();
  });

  it("are held per kind: an id a resource of one kind holds does not hide another kind's object with that id", async () => {
    const records = kindOver("test:Record", () => []);
    const snapshots = kindOver("test:Snapshot", () => [{ id: "12" }]);
    await records.read("12", { name: "a", took: "12" });
    expect((await snapshots.create({ name: "a" })).outs).toMatchObject({ took: "12" });
    // The same id held by a resource of the snapshot's own kind does hide it.
    await snapshots.diff("12", { name: "b" }, { name: "b" });
    expect((await snapshots.create({ name: "c" })).outs).toMatchObject({ took: "nothing" });
  });

  it("include what a create made, or left half-made: a second create of the kind in the run does not take it", async () => {
    const live: { id: string }[] = [];
    const made = kindOver("test:Address", () => live, { made: "ip-1" });
    expect((await made.create({ name: "a" })).id).toBe("ip-1");
    live.push({ id: "ip-1" });
    expect((await made.create({ name: "b" })).outs).toMatchObject({ took: "nothing" });

    const servers: { id: string }[] = [];
    const halfMade = kindOver("test:Server", () => servers, { halfMade: "srv-1" });
    await expect(halfMade.create({ name: "a" })).rejects.toThrow(ResourceInitializationError);
    servers.push({ id: "srv-1" });
    await expect(halfMade.create({ name: "b" })).rejects.toThrow(ResourceInitializationError);
    // Another kind still sees both as free: ip-1 and srv-1 are not its objects.
    live.push({ id: "srv-1" });
    await expect(kindOver("test:Other", () => live).create({ name: "a" })).rejects.toThrow(AmbiguousObjectError);
  });
});

describe("writeReconciled: every outcome (table)", () => {
  const status = (code: number, retryAfterMs?: number) => () => new ApiError(request, code, `status ${code}`, retryAfterMs);
  type Answer = "object" | "empty" | (() => Error);
  interface Row {
    answers: Answer[];
    /** When (ms after the start) `find` starts seeing the object; undefined: never. */
    showsAt?: number;
    /** The operation's deadline (ms); undefined: outside an operation. */
    deadlineMs?: number;
    result?: string;
    error?: RegExp;
    writes: number;
    /** Checks on the waits asked of the clock. */
    sleeps?: (sleeps: number[]) => void;
  }
  const rows: [string, Row][] = [
    ["an answer with the object: returned, no look", { answers: ["object"], result: "made-by-answer", writes: 1, sleeps: (s) => expect(s).toEqual([]) }],
    ["an answer without the object: found by looking", { answers: ["empty"], showsAt: 0, result: "found", writes: 1 }],
    ["an answer without the object that shows later: looked for until it shows", { answers: ["empty"], showsAt: 5_000, result: "found", writes: 1 }],
    ["a 5xx, and the object is there: not written again", { answers: [status(502)], showsAt: 0, result: "found", writes: 1 }],
    ["a 5xx, and the object is absent: written again", { answers: [status(502), "object"], result: "made-by-answer", writes: 2 }],
    ["no answer, and the object shows within the settle time: not written again", { answers: [() => noAnswer()], showsAt: 20_000, result: "found", writes: 1 }],
    ["a 429: written again after the vendor's wait, without looking", { answers: [status(429, 7_000), "object"], result: "made-by-answer", writes: 2, sleeps: (s) => expect(s).toEqual([7_000]) }],
    ["a refusal (400): thrown at once", { answers: [status(400)], showsAt: 0, error: /status 400/, writes: 1 }],
    ["attempts exhausted: the last failure is thrown", { answers: [status(503), status(503), status(503)], error: /status 503/, writes: 3 }],
    [
      "an accepted write whose object never shows: fails at the operation's deadline, naming it",
      { answers: ["empty"], deadlineMs: 60_000, error: /The create deadline \(1m, timeouts.create\) ran out/, writes: 1 },
    ],
    [
      "a retry that would start past the deadline: fails with the deadline's error",
      { answers: [() => noAnswer(), "object"], deadlineMs: 20_000, error: /settle time\).*The create deadline \(20s, timeouts.create\) ran out/, writes: 1 },
    ],
  ];

  it.each(rows)("%s", async (_name, row) => {
    const { operationDeadline } = await import("../../provider/deadline");
    const clock = fakeClock();
    const started = clock.now();
    let writes = 0;
    const outcome = writeReconciled({
      attempt: async () => {
        const answer = row.answers[writes++];
        if (answer === undefined) throw new Error("written more often than the table allows");
        if (answer === "object") return "made-by-answer";
        if (answer === "empty") return undefined;
        throw answer();
      },
      find: async () => (row.showsAt !== undefined && clock.now() - started >= row.showsAt ? "found" : undefined),
      description: "creating a thing",
      settleMs: 30_000,
      policy: { maxAttempts: 3 },
      deadline: row.deadlineMs === undefined ? undefined : operationDeadline("create", row.deadlineMs, clock, true),
      clock,
      random: () => 0,
      logger: memoryLogger(),
    });
    if (row.error) await expect(outcome).rejects.toThrow(row.error);
    else expect(await outcome).toBe(row.result);
    expect(writes).toBe(row.writes);
    row.sleeps?.(clock.sleeps);
  });
});
