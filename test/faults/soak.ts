import { ChildProcess, spawn } from "node:child_process";
import { FaultKind } from "../../emulator/core";
import { MixedStackReport, StackSize, problems, runMixedStack } from "./mixedStack";

/**
 * `npm run soak`: the mixed-stack fault suite (mixedStack.ts) over seeds
 * 1–20 with every fault kind, late answers included, one line per seed.
 * Exits non-zero if any seed shows a duplicate, orphan, lost sibling, leak,
 * drift, error or timeout. Options:
 *   --seeds 3,5,9 | --seeds 1-20   which seeds (default 1-20)
 *   --jobs N                       seeds run at once, each in its own process (default 2)
 *
 * The stack is smaller than the jest suite's (still all five vendors and
 * every resource kind), and two seeds run at once (a seed spends most of its
 * time waiting for the provider processes and vendor jobs), so twenty seeds
 * fit in a few minutes on a 2-core CI machine.
 */
const SOAK_STACK: StackSize = { gigahostZones: 2, recordsPerZone: 6, zoneidRecords: 10, virtualMachines: 1, sites: 1 };
const FAULT_KINDS: FaultKind[] = ["429", "5xx", "drop", "slow", "late"];
const FAULT_RATE = 0.1;
/** The provider's EURO_HOSTING_REQUEST_TIMEOUT: "late" faults hold 1.5 times as long, "slow" ones answer in half of it. */
const REQUEST_TIMEOUT_MS = 2000;
/** A hang detector, not a budget: a seed's stage normally takes seconds. */
const STAGE_LIMIT_MS = 5 * 60_000;

/** Marks the line a worker prints its report on. */
const REPORT_PREFIX = "soak-report ";

async function main(argv: string[]): Promise<number> {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const worker = option("--worker");
  if (worker !== undefined) {
    // Interrupted (the soak itself was): stop the provider processes and emulators, then exit.
    const interrupted = new AbortController();
    process.once("SIGTERM", () => interrupted.abort());
    const report = await runSeed(Number(worker), interrupted.signal);
    console.log(REPORT_PREFIX + JSON.stringify(report));
    return interrupted.signal.aborted ? 1 : 0;
  }
  const seeds = parseSeeds(option("--seeds"));
  const jobs = Number(option("--jobs") ?? 2);
  if (!(Number.isInteger(jobs) && jobs > 0)) throw new Error(`--jobs takes a positive integer, got ${JSON.stringify(option("--jobs"))}`);
  const queue = [...seeds];
  console.log(`soak: ${seeds.length} seeds, ${jobs} at a time, ${FAULT_RATE * 100}% faults (${FAULT_KINDS.join(", ")}), request timeout ${REQUEST_TIMEOUT_MS} ms`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`soak: ${signal}, stopping the seeds running`);
      for (const child of workers) child.kill("SIGTERM");
      process.exitCode = 1;
      queue.length = 0;
    });
  }
  const started = Date.now();
  const failed: { seed: number; problems: string[] }[] = [];
  let clean = 0;
  const runWorkers = Array.from({ length: Math.min(jobs, seeds.length) }, async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
      const outcome = await runWorker(seed);
      if ("report" in outcome) {
        console.log(summaryLine(outcome.report));
        if (problems(outcome.report).length > 0) failed.push({ seed, problems: problems(outcome.report) });
        else clean++;
      } else {
        console.log(`seed ${String(seed).padStart(2)}  worker failed: ${outcome.failure.split("\n")[0]}  FAILED`);
        failed.push({ seed, problems: [`worker failed: ${outcome.failure}`] });
      }
    }
  });
  await Promise.all(runWorkers);
  const notRun = seeds.length - clean - failed.length;
  console.log(`soak: ${clean}/${seeds.length} seeds clean in ${seconds(Date.now() - started)}${notRun > 0 ? `, ${notRun} not run (interrupted)` : ""}`);
  for (const { seed, problems: lines } of failed.sort((a, b) => a.seed - b.seed)) {
    console.log(`\nseed ${seed}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  return failed.length === 0 && notRun === 0 ? 0 : 1;
}

function runSeed(seed: number, signal: AbortSignal): Promise<MixedStackReport> {
  return runMixedStack({
    signal,
    seed,
    size: SOAK_STACK,
    faults: { rate: FAULT_RATE, kinds: FAULT_KINDS },
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    stageLimitMs: STAGE_LIMIT_MS,
  });
}

/**
 * One seed in its own process: the harness runs Pulumi programs under the
 * process-wide `pulumi.runtime.setMocks`, so two seeds cannot share one.
 */
const workers = new Set<ChildProcess>();

function runWorker(seed: number): Promise<{ report: MixedStackReport } | { failure: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [__filename, "--worker", String(seed)], { stdio: ["ignore", "pipe", "pipe"] });
    workers.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code, signal) => {
      workers.delete(child);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith(REPORT_PREFIX));
      if (code === 0 && line) resolve({ report: JSON.parse(line.slice(REPORT_PREFIX.length)) as MixedStackReport });
      else resolve({ failure: `no report (exit ${code ?? signal}) ${(stderr || stdout).trim().split("\n").slice(-5).join("\n")}`.trim() });
    });
  });
}

function summaryLine(report: MixedStackReport): string {
  const faults = FAULT_KINDS.map((kind) => `${kind}:${report.faults[kind] ?? 0}`).join(" ");
  return [
    `seed ${String(report.seed).padStart(2)}`,
    seconds(report.elapsedMs).padStart(6),
    `${report.resources} resources`,
    `${report.requests} requests`,
    `faults ${faults} (client gave up ${report.clientGaveUp})`,
    `duplicates ${report.duplicates.length}`,
    `orphans ${report.orphans.length}`,
    `lost siblings ${report.lostSiblings.length}`,
    `leaks ${report.leaks.length}`,
    `timeouts ${report.timeouts.length}`,
    `errors ${report.errors.length}`,
    `drifted ${report.drifted.length}`,
    problems(report).length === 0 ? "ok" : "FAILED",
  ].join("  ");
}

function parseSeeds(value: string | undefined): number[] {
  if (value === undefined) return range(1, 20);
  const seeds = (value ?? "").split(",").flatMap((part) => {
    const bounds = /^(\d+)-(\d+)$/.exec(part);
    return bounds ? range(Number(bounds[1]), Number(bounds[2])) : [Number(part)];
  });
  if (seeds.length === 0 || !seeds.every((seed) => Number.isInteger(seed) && seed > 0)) {
    throw new Error(`--seeds takes positive integers and ranges, e.g. 1-20 or 3,5,9; got ${JSON.stringify(value)}`);
  }
  return seeds;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
