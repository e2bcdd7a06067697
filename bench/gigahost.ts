import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../emulator/gigahost";
import { DnsRecord } from "../resources/gigahost";
import { deployProgram, destroyAll, driftedResources, refreshAll } from "../test/harness/program";
import { secretValue } from "../test/harness/providerHost";
import { startFixture } from "../test/support/fixture";
import { ScenarioResult, measure } from "./measure";

const ZONES = 5;

/** What issue #17 asks of per-record writes: calls and time as multiples of the bound. */
const TARGET = "target ≤ 1.1× calls, ≤ 1.5× time";

/**
 * Scenario 1: create, refresh and delete N records spread over five zones,
 * with every operation in flight at once (`pulumi up`'s default) and with ten
 * (`--parallel 10`). Lower bound for writes: one mutation per record,
 * serialized per zone, so N/5 mutations one after another; for a refresh, one
 * list call per zone. Writes to a zone are confirmed by one listing per burst
 * (docs/gigahost-dns.md, "Calls per record"), and a burst holds at most the
 * operations in flight for that zone: with ten in flight over five zones, two.
 */
export async function gigahostRecords(counts: number[], latencyMs: number): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const count of counts) {
    results.push(...(await gigahostRecordsAt(count, latencyMs, Infinity)));
  }
  for (const count of counts) {
    results.push(...(await gigahostRecordsAt(count, latencyMs, 10)));
  }
  return results;
}

async function gigahostRecordsAt(count: number, latencyMs: number, parallel: number): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const label = parallel === Infinity ? "" : ` (--parallel ${parallel})`;
  const gigahost = new GigahostEmulator({ zoneWriteMs: 0 });
  const fixture = await startFixture([gigahost], (server) => ({
    "gigahost:apiUrl": server.urlFor("gigahost"),
    "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY),
  }));
  try {
    const zoneIds: string[] = [];
    for (let z = 0; z < ZONES; z++) zoneIds.push(gigahost.addZone({ name: `bench${z}.example.no` }).zone_id);
    fixture.server.setLatency(latencyMs);
    const program = () => {
      const resources: DnsRecord[] = [];
      for (let i = 0; i < count; i++) {
        const zoneId = zoneIds[i % ZONES];
        resources.push(new DnsRecord(`r${i}`, { zoneId, name: `host${Math.floor(i / ZONES)}`, type: "A", value: `10.0.${Math.floor(i / 250)}.${i % 250}` }));
      }
      return resources;
    };
    const serialMutations = Math.ceil(count / ZONES);
    results.push(
      await measure(`gigahost: create ${count} records / ${ZONES} zones${label}`, fixture.server, {
        wallMs: serialMutations * latencyMs,
        apiCalls: count,
        note: `one POST per record, serialized per zone; ${TARGET}`,
      }, async () => {
        await deployProgram(fixture.engine, program, { parallel });
      }),
    );
    // Each CLI command is a fresh provider process: nothing cached carries over.
    await fixture.newCommand();
    results.push(
      await measure(`gigahost: refresh ${count} records${label}`, fixture.server, {
        wallMs: latencyMs,
        apiCalls: ZONES,
        note: "one list per zone",
      }, async () => {
        await refreshAll(fixture.engine);
      }),
    );
    const drifted = await driftedResources(fixture.engine, program);
    if (drifted.length) throw new Error(`refresh found drift in ${drifted.length} resources`);
    await fixture.newCommand();
    results.push(
      await measure(`gigahost: delete ${count} records${label}`, fixture.server, {
        wallMs: serialMutations * latencyMs,
        apiCalls: count,
        note: `one DELETE per record, serialized per zone; ${TARGET}`,
      }, async () => {
        await destroyAll(fixture.engine, { parallel });
      }),
    );
  } finally {
    await fixture.stop();
  }
  return results;
}
