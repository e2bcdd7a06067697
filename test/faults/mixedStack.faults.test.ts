import { FULL_STACK, problems, runMixedStack } from "./mixedStack";

/**
 * Over 200 resources across all five vendors through `up`, `refresh` and
 * `destroy` while the emulators fail 10% of requests with 429, 5xx or dropped
 * connections (half of the 5xx and drops after applying the request). After
 * each stage every vendor holds exactly what the program declares, and no
 * secret leaks (see mixedStack.ts). FAULT_SEED=<n> replays another fault
 * sequence; `npm run soak` runs twenty of them, with late answers too.
 *
 * The limit is generous on purpose: the stack took 4 to 11 minutes on a
 * 2-core machine at load 20+ (37-58 s in the runs of issue 11), and no verdict here may
 * depend on machine speed.
 */
jest.setTimeout(30 * 60_000);

test("200+ resources across five vendors converge exactly under faults, and no secret leaks", async () => {
  const report = await runMixedStack({
    seed: Number(process.env.FAULT_SEED ?? 7),
    size: FULL_STACK,
    faults: { rate: 0.1, kinds: ["429", "5xx", "drop"] },
  });
  expect(report.resources).toBeGreaterThanOrEqual(200);
  expect(problems(report)).toEqual([]);
  // The run really was faulty. (Which vendors and kinds a seed happens to
  // draw is up to the seed; the figures are in the report, not asserted.)
  expect(Object.values(report.faults).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
});
