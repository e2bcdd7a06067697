import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../emulator/gigahost";
import { DnsZoneRecords } from "../resources/gigahost";
import { programResource } from "../test/harness/engine";
import { secretValue } from "../test/harness/providerHost";
import { startFixture } from "../test/support/fixture";
import { ScenarioResult, measure } from "./measure";

/**
 * gigahost.DnsZoneRecords over one zone of N single-value A sets (issue #17):
 * initial apply, no-op refresh, a 10 % change, a 40 % change (refused by the
 * safety rule). Floors: one write per record that changes, plus the listings
 * an apply cannot do without (one to plan from, one to confirm the writes);
 * writes to one zone are serialized, so the wall floor is (writes +
 * listings) × latency. The zone-name lookup (one `GET /dns/zones`, shared by
 * every resource in the process) is counted in the calls, not in the floor.
 */
export async function gigahostZoneRecords(counts: number[], latencyMs: number): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const count of counts) {
    const gigahost = new GigahostEmulator({ zoneWriteMs: 0 });
    const fixture = await startFixture([gigahost], (server) => ({
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY),
    }));
    try {
      const zoneId = gigahost.addZone({ name: "bench-zone.example.no" }).zone_id;
      fixture.server.setLatency(latencyMs);
      /** N sets, the first `changed` of them with another address. */
      const zone = (changed: number) =>
        programResource(
          () =>
            new DnsZoneRecords("zone", {
              zoneId,
              records: Array.from({ length: count }, (_, i) => ({
                name: `host${i}`,
                type: "A",
                values: [`10.${i < changed ? 200 : 0}.${Math.floor(i / 250)}.${(i % 250) + 1}`],
              })),
            }),
        );
      const initial = await zone(0);
      results.push(
        await measure(`gigahost zone: apply ${count} records`, fixture.server, {
          wallMs: (count + 2) * latencyMs,
          apiCalls: count + 2,
          note: "one POST per record + a listing to plan and one to confirm, serialized",
        }, async () => {
          await fixture.engine.up(initial);
        }),
      );
      await fixture.newCommand();
      results.push(
        await measure(`gigahost zone: refresh ${count} records (no change)`, fixture.server, {
          wallMs: latencyMs,
          apiCalls: 1,
          note: "one listing",
        }, async () => {
          await fixture.engine.refresh(initial.urn);
        }),
      );
      await fixture.newCommand();
      const tenth = Math.round(count / 10);
      const changed = await zone(tenth);
      results.push(
        await measure(`gigahost zone: change 10 % of ${count} records`, fixture.server, {
          wallMs: (tenth + 2) * latencyMs,
          apiCalls: tenth + 2,
          note: "one PUT per changed value + two listings",
        }, async () => {
          await fixture.engine.up(changed);
        }),
      );
      await fixture.newCommand();
      const tooMuch = await zone(tenth + Math.round((count * 4) / 10));
      results.push(
        await measure(`gigahost zone: change 40 % of ${count} records (refused)`, fixture.server, {
          wallMs: latencyMs,
          apiCalls: 1,
          note: "one listing, then the safety refusal; no write",
        }, async () => {
          const refused = await fixture.engine.up(tooMuch).then(
            () => false,
            (error: Error) => /refusing to apply/.test(String(error)),
          );
          if (!refused) throw new Error("the 40 % change was not refused");
          return { refused: "yes" };
        }),
      );
    } finally {
      await fixture.stop();
    }
  }
  return results;
}
