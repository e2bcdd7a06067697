import * as fs from "node:fs";
import * as path from "node:path";
import { gigahostRecords } from "./gigahost";
import { asyncJobs, footprint, zoneidRateLimit } from "./vendors";
import { ScenarioResult, markdownTable } from "./measure";

/**
 * `npm run bench`: drives resources through the real dynamic-provider host
 * against the emulators with per-request latency, and writes
 * bench/results.json and bench/results.md. Options:
 *   --latency MS   per-request latency of the emulators (default 25)
 *   --quick        small sizes only (10 records)
 *   --footprint    only the footprint scenarios (no latency involved): their
 *                  rows replace those of the existing results, the others stay
 *                  as measured on their date (`footprintDate` records the run)
 */
async function main(argv: string[]) {
  const latencyIndex = argv.indexOf("--latency");
  const latencyMs = latencyIndex >= 0 ? Number(argv[latencyIndex + 1]) : 25;
  const quick = argv.includes("--quick");
  const directory = path.resolve(__dirname, "../../bench");
  if (argv.includes("--footprint")) {
    const previous = JSON.parse(fs.readFileSync(path.join(directory, "results.json"), "utf8"));
    const measured = await footprint();
    const kept = (previous.results as ScenarioResult[]).filter((result) => !result.scenario.startsWith("footprint: "));
    write(directory, { ...previous, footprintDate: new Date().toISOString(), results: [...kept, ...measured] });
    return;
  }
  const results: ScenarioResult[] = [];
  results.push(...(await gigahostRecords(quick ? [10] : [10, 100, 500], latencyMs)));
  results.push(await zoneidRateLimit(latencyMs));
  results.push(...(await asyncJobs(latencyMs)));
  results.push(...(await footprint()));
  write(directory, { latencyMs, node: process.version, date: new Date().toISOString(), results });
}

function write(directory: string, report: { latencyMs: number; node: string; date: string; footprintDate?: string; results: ScenarioResult[] }) {
  const { latencyMs, results } = report;
  const dates = report.footprintDate ? `Measured ${report.date}; footprint rows ${report.footprintDate} (\`--footprint\`).\n\n` : "";
  fs.writeFileSync(path.join(directory, "results.json"), JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(directory, "results.md"), `Latency per request: ${latencyMs} ms\n\n${dates}${markdownTable(results)}\n`);
  console.log(`\n${markdownTable(results)}\n\nwritten: bench/results.json, bench/results.md`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
