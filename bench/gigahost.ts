import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../emulator/gigahost";
import { DnsRecord } from "../resources/gigahost";
import { deployProgram, destroyAll, driftedResources, refreshAll } from "../test/harness/program";
import { secretValue } from "../test/harness/providerHost";
import { startFixture } from "../test/support/fixture";
import { ScenarioResult, measure } from "./measure";

const ZONES = 5;

/**
 * Scenario 1: create, refresh and delete N records spread over five zones,
 * ten operations in flight. Lower bound for writes: one mutation per record,
 * serialized per zone, so N/5 mutations one after another; for a refresh, one
 * list call per zone.
 */
export async function gigahostRecords(counts: number[], latencyMs: number): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const count of counts) {
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
        await measure(`gigahost: create ${count} records / ${ZONES} zones`, fixture.server, {
          wallMs: serialMutations * latencyMs,
          apiCalls: count,
          note: "one POST per record, serialized per zone",
        }, async () => {
          await deployProgram(fixture.engine, program);
        }),
      );
      // Each CLI command is a fresh provider process: nothing cached carries over.
      await fixture.newCommand();
      results.push(
        await measure(`gigahost: refresh ${count} records`, fixture.server, {
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
        await measure(`gigahost: delete ${count} records`, fixture.server, {
          wallMs: serialMutations * latencyMs,
          apiCalls: count,
          note: "one DELETE per record, serialized per zone",
        }, async () => {
          await destroyAll(fixture.engine);
        }),
      );
    } finally {
      await fixture.stop();
    }
  }
  return results;
}
