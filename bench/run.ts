import * as fs from "node:fs";
import * as path from "node:path";
import { gigahostRecords } from "./gigahost";
import { gigahostZoneRecords } from "./gigahostZone";
import { asyncJobs, footprint, zoneidRateLimit, zoneidRefresh } from "./vendors";
import { zoneidZoneRecords } from "./zoneidZone";
import { ScenarioResult, markdownTable } from "./measure";

/**
 * `npm run bench`: drives resources through the real dynamic-provider host
 * against the emulators with per-request latency, and writes
 * bench/results.json and bench/results.md. Options:
 *   --latency MS   per-request latency of the emulators (default 25)
 *   --quick        small sizes only (10 records; 100 for zone resources)
 *   --only G[,G]   only these groups: gigahost-records, gigahost-zone,
 *                  zoneid-rate, zoneid-refresh, zoneid-zone, async, footprint. Their rows replace the rows
 *                  of the same scenario in the existing results; the others stay.
 */
async function main(argv: string[]) {
  const latencyIndex = argv.indexOf("--latency");
  const latencyMs = latencyIndex >= 0 ? Number(argv[latencyIndex + 1]) : 25;
  const quick = argv.includes("--quick");
  const onlyIndex = argv.indexOf("--only");
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1].split(",") : undefined;
  const groups: Record<string, () => Promise<ScenarioResult[]>> = {
    "gigahost-records": () => gigahostRecords(quick ? [10] : [10, 100, 500], latencyMs),
    "gigahost-zone": () => gigahostZoneRecords(quick ? [100] : [100, 1000], latencyMs),
    "zoneid-rate": async () => [await zoneidRateLimit(latencyMs)],
    "zoneid-refresh": async () => [await zoneidRefresh(latencyMs)],
    "zoneid-zone": () => zoneidZoneRecords(quick ? [100] : [100, 1000], latencyMs),
    async: () => asyncJobs(latencyMs),
    footprint: () => footprint(),
  };
  const unknown = (only ?? []).filter((group) => !(group in groups));
  if (unknown.length > 0) throw new Error(`--only: unknown group ${unknown.join(", ")}; the groups are ${Object.keys(groups).join(", ")}`);
  const measured: ScenarioResult[] = [];
  for (const [group, run] of Object.entries(groups)) if (!only || only.includes(group)) measured.push(...(await run()));

  const directory = path.resolve(__dirname, "../../bench");
  let results = measured;
  if (only) {
    // A partial run keeps the other rows of the last full one, in their order.
    const previous: ScenarioResult[] = JSON.parse(fs.readFileSync(path.join(directory, "results.json"), "utf8")).results;
    const fresh = new Map(measured.map((result) => [result.scenario, result]));
    results = [...previous.map((result) => fresh.get(result.scenario) ?? result), ...measured.filter((result) => !previous.some((old) => old.scenario === result.scenario))];
  }
  const report = { latencyMs, node: process.version, date: new Date().toISOString(), results };
  fs.writeFileSync(path.join(directory, "results.json"), JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(directory, "results.md"), `Latency per request: ${latencyMs} ms\n\n${markdownTable(results)}\n`);
  console.log(`\n${markdownTable(results)}\n\nwritten: bench/results.json, bench/results.md`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
