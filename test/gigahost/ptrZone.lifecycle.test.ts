import * as gigahost from "../../resources/gigahost";
import { reverseZoneName } from "../../resources/gigahost/ptrZone";
import { CheckFailedError, programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

const ptrZone = (name: string, prefix: string) => programResource(() => new gigahost.PtrZone(name, { prefix }));
const api = () => fixture.brands.gigahost;

test.each([
  ["185.181.63.0/24", { ipVersion: "ipv4", zoneName: "63.181.185.in-addr.arpa" }],
  ["10.20.0.0/16", { ipVersion: "ipv4", zoneName: "20.10.in-addr.arpa" }],
  ["2a03:94e0:190e::/48", { ipVersion: "ipv6", zoneName: "e.0.9.1.0.e.4.9.3.0.a.2.ip6.arpa" }],
  ["2001:db8::/32", { ipVersion: "ipv6", zoneName: "8.b.d.0.1.0.0.2.ip6.arpa" }],
  ["192.0.2.0/25", "an IPv4 prefix needs a length of 8, 16 or 24 (reverse zones follow whole octets)"],
  ["2001:db8::/30", "an IPv6 prefix needs a length that is a multiple of 4 (reverse zones follow whole nibbles), e.g. /48"],
  ["192.0.2.0", 'must be a prefix in CIDR notation such as "192.0.2.0/24" or "2a03:94e0:190e::/48"'],
])("reverseZoneName(%s)", (prefix, expected) => {
  expect(reverseZoneName(prefix)).toEqual(expected);
});

test("full lifecycle: create, no drift, replace on prefix, out-of-band delete, destroy", async () => {
  const { engine } = fixture;
  const v1 = await ptrZone("reverse", "185.181.63.0/24");
  const created = await engine.up(v1);
  const zone = api().zoneByName("63.181.185.in-addr.arpa")!;
  expect(created.entry.id).toBe(zone.zone_id);
  expect(created.entry.outputs).toMatchObject({ prefix: "185.181.63.0/24", zoneId: zone.zone_id, zoneName: "63.181.185.in-addr.arpa", ipVersion: "ipv4" });
  const sent = fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/zones/ptr"));
  expect(sent).toHaveLength(1);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await ptrZone("reverse", "2A03:94e0:190e::/48");
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["prefix"] });
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  expect(api().zoneByName("63.181.185.in-addr.arpa")).toBeUndefined();
  expect(replaced.entry.outputs).toMatchObject({ zoneName: "e.0.9.1.0.e.4.9.3.0.a.2.ip6.arpa", ipVersion: "ipv6", prefix: "2a03:94e0:190e::/48" });

  api().removeZone(replaced.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();
  await engine.up(v2);

  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(api().zoneByName("e.0.9.1.0.e.4.9.3.0.a.2.ip6.arpa")).toBeUndefined();
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases = ["192.0.2.0", "192.0.2.0/25", "2001:db8::/30", "not-a-prefix/24", "", "300.1.1.0/24"];
  fixture.server.resetRequests();
  for (const prefix of cases) {
    const failure = await fixture.engine.up(await ptrZone("bad", prefix)).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain("prefix");
  }
  expect(fixture.server.requests).toHaveLength(0);
});

test("a `pulumi up` killed just after the zone was created, then run again: one zone, in state with its id", async () => {
  const resource = await ptrZone("crashy", "198.51.100.0/24");
  fixture.server.resetRequests();
  const { entry } = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/dns/zones/ptr"));
  expect(fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/zones/ptr"))).toHaveLength(1);
  expect(entry.id).toBe(api().zoneByName("100.51.198.in-addr.arpa")!.zone_id);
  await fixture.engine.destroy(resource.urn);
  expect(api().zoneByName("100.51.198.in-addr.arpa")).toBeUndefined();
});

test("an existing zone of the same name with records is refused clearly", async () => {
  const existing = api().addZone({ name: "113.0.203.in-addr.arpa" });
  api().addRecord(existing.zone_id, { name: "1", type: "PTR", value: "host.example.no", ttl: 3600 });
  await expect(fixture.engine.up(await ptrZone("taken", "203.0.113.0/24"))).rejects.toThrow(
    `already has the zone 113.0.203.in-addr.arpa (id ${existing.zone_id}), with records`,
  );
});
