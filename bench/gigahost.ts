import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../emulator/gigahost";
import { DnsRecord, DnsZone } from "../resources/gigahost";
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

/** Scenario 4: what each resource costs in state, and how fast a provider process answers. */
export async function footprint(): Promise<ScenarioResult[]> {
  const gigahost = new GigahostEmulator();
  const fixture = await startFixture([gigahost], (server) => ({
    "gigahost:apiUrl": server.urlFor("gigahost"),
    "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY),
  }));
  const results: ScenarioResult[] = [];
  try {
    const program = () => {
      const zone = new DnsZone("footprint", { name: "footprint.example.no" });
      return [zone, new DnsRecord("footprint-www", { zoneId: zone.zoneId, name: "www", type: "A", value: "192.0.2.1" })];
    };
    const resources = await deployProgram(fixture.engine, program);
    for (const resource of resources) {
      const entry = fixture.engine.entry(resource.urn);
      const kind = resource.type.split("/").pop()!;
      results.push({
        scenario: `footprint: ${kind}`,
        wallMs: 0,
        apiCalls: 0,
        lowerBound: { note: "state of one resource" },
        ratio: {},
        extra: {
          serializedProviderBytes: String(resource.inputs.__provider).length,
          stateBytes: JSON.stringify({ inputs: entry.inputs, outputs: entry.outputs }).length,
        },
      });
    }
    const { ProviderHost } = await import("../test/harness/providerHost");
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const host = await ProviderHost.start();
      await host.configure({});
      await host.check(resources[1].urn, {}, resources[1].inputs);
      starts.push(performance.now() - started);
      await host.stop();
    }
    starts.sort((a, b) => a - b);
    results.push({
      scenario: "footprint: provider cold start to first answer (median of 5)",
      wallMs: Math.round(starts[2]),
      apiCalls: 0,
      lowerBound: { note: "process start + first Check" },
      ratio: {},
    });
  } finally {
    await fixture.stop();
  }
  return results;
}
