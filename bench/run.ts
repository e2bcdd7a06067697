import * as fs from "node:fs";
import * as path from "node:path";
import { gigahostRecords } from "./gigahost";
import { asyncJobs, footprint, zoneidRateLimit, zoneidRefresh } from "./vendors";
import { ScenarioResult, markdownTable } from "./measure";

/**
 * `npm run bench`: drives resources through the real dynamic-provider host
 * against the emulators with per-request latency, and writes
 * bench/results.json and bench/results.md. Options:
 *   --latency MS   per-request latency of the emulators (default 25)
 *   --quick        small sizes only (10 records)
 */
async function main(argv: string[]) {
  const latencyIndex = argv.indexOf("--latency");
  const latencyMs = latencyIndex >= 0 ? Number(argv[latencyIndex + 1]) : 25;
  const quick = argv.includes("--quick");
  const results: ScenarioResult[] = [];
  results.push(...(await gigahostRecords(quick ? [10] : [10, 100, 500], latencyMs)));
  results.push(await zoneidRateLimit(latencyMs));
  results.push(await zoneidRefresh(latencyMs));
  results.push(...(await asyncJobs(latencyMs)));
  results.push(...(await footprint()));

  const directory = path.resolve(__dirname, "../../bench");
  const report = { latencyMs, node: process.version, date: new Date().toISOString(), results };
  fs.writeFileSync(path.join(directory, "results.json"), JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(directory, "results.md"), `Latency per request: ${latencyMs} ms\n\n${markdownTable(results)}\n`);
  console.log(`\n${markdownTable(results)}\n\nwritten: bench/results.json, bench/results.md`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
