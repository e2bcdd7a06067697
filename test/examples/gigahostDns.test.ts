import * as path from "node:path";
import { deployProgram, destroyAll, driftedResources, programFromFile } from "../harness/program";
import { startGigahost } from "../support/gigahostFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahost());

const program = programFromFile(path.resolve(__dirname, "../../examples/gigahost-dns/index.ts"));

test("examples/gigahost-dns deploys, refreshes clean, survives drift and destroys", async () => {
  const { engine, gigahost } = fixture;
  const resources = await deployProgram(engine, program);
  expect(resources.map((r) => r.type)).toEqual([
    "pulumi-nodejs:dynamic/gigahost:DnsZone",
    ...Array(6).fill("pulumi-nodejs:dynamic/gigahost:DnsRecord"),
  ]);
  const zone = gigahost.zoneByName("example-shop.no")!;
  expect(gigahost.records(zone.zone_id).map((r) => `${r.record_name} ${r.record_type}`).sort()).toEqual(
    ["@ A", "@ A", "@ MX", "@ TXT", "_dmarc TXT", "www CNAME"],
  );
  expect(await driftedResources(engine, program)).toEqual([]);

  // an out-of-band edit shows up as drift on exactly that record
  const spf = gigahost.records(zone.zone_id).find((r) => r.record_type === "TXT" && r.record_name === "@")!;
  gigahost.updateRecord(zone.zone_id, spf.record_id, { ttl: 60 });
  await fixture.newCommand();
  expect(await driftedResources(engine, program)).toEqual(["urn:pulumi:test::euro-hosting::pulumi-nodejs:dynamic/gigahost:DnsRecord::spf"]);
  await deployProgram(engine, program);
  expect(await driftedResources(engine, program)).toEqual([]);

  await destroyAll(engine);
  expect(gigahost.zoneByName("example-shop.no")).toBeUndefined();
});
