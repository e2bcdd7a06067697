import { DnsZone } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));

test("takes over an existing zone: settings applied, drift found and converged, delete stops managing", async () => {
  const { engine, zoneid } = fixture;
  zoneid.addZone("takeover.example.com", { ipv6: false });
  const v1 = await programResource(() => new DnsZone("z", { name: "Takeover.Example.com." }));
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.id).toBe("takeover.example.com");
  expect(created.entry.outputs).toMatchObject({ name: "takeover.example.com", active: true, ipv6: true });
  expect(zoneid.zone("takeover.example.com")).toMatchObject({ active: true, ipv6: true });

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // update in place
  const v2 = await programResource(() => new DnsZone("z", { name: "takeover.example.com", ipv6: false }));
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(zoneid.zone("takeover.example.com").ipv6).toBe(false);

  // a name change means another zone: replace
  zoneid.addZone("other.example.com");
  const renamed = await programResource(() => new DnsZone("z", { name: "other.example.com", ipv6: false }));
  expect(await engine.preview(renamed)).toMatchObject({ changes: "some", replaces: ["name"] });
  expect((await engine.up(renamed)).operation).toBe("replace");
  expect(zoneid.zone("takeover.example.com").ipv6).toBe(false);

  // out-of-band change: refresh reports exactly it, up converges
  zoneid.dns.updateZone("other.example.com", { active: false });
  const refreshed = await engine.refresh(renamed.urn);
  expect(refreshed?.outputs).toMatchObject({ active: false, ipv6: false });
  expect(await engine.preview(renamed)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(renamed);
  expect(zoneid.zone("other.example.com").active).toBe(true);

  // the zone goes away (its service ended): refresh reports it gone
  zoneid.dns.removeZone("other.example.com");
  expect(await engine.refresh(renamed.urn)).toBeUndefined();
  zoneid.addZone("other.example.com", { active: false });
  expect((await engine.up(renamed)).operation).toBe("create");

  // destroy only stops managing: the zone and its settings stay
  const last = engine.entry(renamed.urn);
  fixture.server.resetRequests();
  await engine.destroy(renamed.urn);
  expect(fixture.server.requests).toHaveLength(0);
  expect(zoneid.zone("other.example.com")).toMatchObject({ active: true, ipv6: false });
  zoneid.dns.removeZone("other.example.com");
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, renamed.urn);
});

test("a zone the account does not have fails clearly: the API cannot create zones", async () => {
  const resource = await programResource(() => new DnsZone("missing", { name: "missing.example.com" }));
  await expect(fixture.engine.up(resource)).rejects.toThrow(/no DNS zone missing\.example\.com\. ZoneID cannot create zones/);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: "no-dot" }, "name"],
    [{ name: "bad name.com" }, "name"],
    [{ name: "example.com", active: "yes" }, "active"],
    [{ name: "example.com", ipv6: 1 }, "ipv6"],
    [{ name: "example.com", adopt: true }, "adopt"],
    [{}, "name"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => programResource(() => new DnsZone("bad", args as never)));
});
