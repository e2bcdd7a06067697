import * as gigahost from "../../resources/gigahost";
import { programResource } from "../harness/engine";
import { startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

type Args = ConstructorParameters<typeof gigahost.DomainSettings>[1];
const settings = (name: string, args: Args) => programResource(() => new gigahost.DomainSettings(name, args));
const api = () => fixture.brands.gigahost;
const DS = { keyTag: 2371, algorithm: 13, digestType: 2, digest: "a".repeat(64) };

test("full lifecycle: apply, no drift, update in place, drift, external name servers with DS records, replace, out-of-band delete, destroy restores", async () => {
  const { engine } = fixture;
  const zone = api().addZone({ name: "settings.no", registered: true });
  const other = api().addZone({ name: "other-settings.no", registered: true });
  const stored = () => api().domainSettings.settings(zone.zone_id);
  const originalEmail = stored().email;

  const v1 = await settings("domain", { zoneId: zone.zone_id, autoRenew: false, dnssec: true, registrantEmail: "dns@settings.no", whoisProtection: true });
  const created = await engine.up(v1);
  expect(created.entry.id).toBe(zone.zone_id);
  expect(api().zoneByName("settings.no")!.domain_auto_renew).toBe("0");
  expect(stored()).toMatchObject({ dnssec: true, email: "dns@settings.no", whoisProtection: true });
  expect(created.entry.outputs).toMatchObject({
    zoneName: "settings.no",
    externalDns: false,
    autoRenew: false,
    dnssec: true,
    registrantEmail: "dns@settings.no",
    whoisProtection: true,
    previous: { autoRenew: true, dnssec: false, registrantEmail: originalEmail, externalDsRecords: null },
  });
  expect(created.entry.outputs.dsRecords).toEqual([{ keyTag: expect.any(Number), algorithm: 13, digestType: 2, digest: expect.stringMatching(/^[0-9A-F]{64}$/) }]);
  expect(created.entry.outputs).not.toHaveProperty("nameservers");

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place: auto-renew on, DNSSEC off (the DS records output empties)
  const v2 = await settings("domain", { zoneId: zone.zone_id, autoRenew: true, dnssec: false, registrantEmail: "dns@settings.no", whoisProtection: true });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.outputs).toMatchObject({ autoRenew: true, dnssec: false, dsRecords: [] });
  expect(stored().dnssec).toBe(false);

  // changed elsewhere: refresh reports exactly that, up converges
  stored().email = "someone-else@example.com";
  await fixture.newCommand();
  const drifted = await engine.refresh(v2.urn);
  expect(drifted?.outputs).toMatchObject({ registrantEmail: "someone-else@example.com", autoRenew: true, dnssec: false });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(stored().email).toBe("dns@settings.no");
  expect((await engine.preview(v2)).changes).toBe("none");

  // external name servers with DS records for them
  const v3 = await settings("domain", {
    zoneId: zone.zone_id,
    autoRenew: true,
    registrantEmail: "dns@settings.no",
    nameservers: ["NS1.Example.NET.", "ns2.example.net"],
    externalDsRecords: [DS],
  });
  await engine.up(v3);
  expect(api().zoneByName("settings.no")!.external_dns).toBe("1");
  expect(stored()).toMatchObject({ nameservers: ["ns1.example.net", "ns2.example.net"], externalDs: [{ keyTag: 2371, alg: 13, digestType: 2, digest: "A".repeat(64) }] });
  expect(engine.entry(v3.urn).outputs).toMatchObject({ externalDns: true, nameservers: ["ns1.example.net", "ns2.example.net"], externalDsRecords: [{ ...DS, digest: "A".repeat(64) }] });
  await engine.refresh(v3.urn);
  expect((await engine.preview(v3)).changes).toBe("none");
  // DS records replaced elsewhere: drift, converged
  stored().externalDs = [];
  await fixture.newCommand();
  expect((await engine.refresh(v3.urn))?.outputs.externalDsRecords).toEqual([]);
  await engine.up(v3);
  expect(stored().externalDs).toHaveLength(1);

  // another zone replaces (the old zone's settings are put back first)
  const v4 = await settings("domain", { zoneId: other.zone_id, autoRenew: false });
  expect(await engine.preview(v4)).toMatchObject({ changes: "some", replaces: ["zoneId"] });
  expect((await engine.up(v4)).operation).toBe("replace");
  expect(api().zoneByName("settings.no")!.domain_auto_renew).toBe("1");
  expect(stored().email).toBe(originalEmail);
  expect(api().zoneByName("other-settings.no")!.domain_auto_renew).toBe("0");
  // after one more call: the provider's stderr arrives alongside, not before, its answers
  expect((await engine.preview(v4)).changes).toBe("none");
  expect(fixture.host.stderr).toContain("name servers stay as they are");

  // the zone deleted out of band: refresh reports it gone
  api().removeZone(other.zone_id);
  await fixture.newCommand();
  expect(await engine.refresh(v4.urn)).toBeUndefined();

  // destroy puts back what was there before
  const third = api().addZone({ name: "third-settings.no", registered: true, autoRenew: true });
  const v5 = await settings("domain", { zoneId: third.zone_id, autoRenew: false, dnssec: true });
  await engine.up(v5);
  const last = engine.entry(v5.urn);
  await engine.destroy(v5.urn);
  expect(api().zoneByName("third-settings.no")!.domain_auto_renew).toBe("1");
  expect(api().domainSettings.settings(third.zone_id).dnssec).toBe(false);
  api().removeZone(third.zone_id);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v5.urn);
});

test("refusals: a zone that is not a registered domain, and name servers the vendor finds not authoritative", async () => {
  const plain = api().addZone({ name: "plain-zone.example" });
  await expect(fixture.engine.up(await settings("plain", { zoneId: plain.zone_id, autoRenew: true }))).rejects.toThrow(
    /zone \d+ \(plain-zone.example\) is not a domain registered through Gigahost/,
  );
  const zone = api().addZone({ name: "lame.no", registered: true });
  api().domainSettings.markNotAuthoritative("ns2.lame.example");
  await expect(fixture.engine.up(await settings("lame", { zoneId: zone.zone_id, nameservers: ["ns1.lame.example", "ns2.lame.example"] }))).rejects.toThrow(
    /Nameserver ns2.lame.example is not authoritative for the domain/,
  );
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ zoneId: "12" }, "zoneId"],
    [{ zoneId: "12", nameservers: ["ns1.example.net"] }, "nameservers"],
    [{ zoneId: "12", nameservers: ["ns1.example.net", "not a host"] }, "nameservers.1"],
    [{ zoneId: "12", externalDsRecords: [{ ...DS, keyTag: 70000 }] }, "externalDsRecords.0.keyTag"],
    [{ zoneId: "12", externalDsRecords: [{ ...DS, algorithm: 6 }] }, "externalDsRecords.0.algorithm"],
    [{ zoneId: "12", externalDsRecords: [{ ...DS, digestType: 3 }] }, "externalDsRecords.0.digestType"],
    [{ zoneId: "12", externalDsRecords: [{ ...DS, digest: "ABC" }] }, "externalDsRecords.0.digest"],
    [{ zoneId: "12", externalDsRecords: [{ ...DS, digest: "z".repeat(64) }] }, "externalDsRecords.0.digest"],
    [{ zoneId: "12", registrantEmail: "not-an-email" }, "registrantEmail"],
    [{ zoneId: "12", autoRenew: true, whoisProtection: true }, "whoisProtection"],
    [{ zoneId: "12", nameservers: ["ns1.gigahost.no", "ns2.gigahost.no"], externalDsRecords: [DS] }, "externalDsRecords"],
    [{ zoneId: "12", nameservers: ["ns1.example.net", "ns2.example.net"], dnssec: true }, "dnssec"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => settings("bad", args as never));
});
