import * as gigahost from "../../resources/gigahost";
import { CheckFailedError, programResource } from "../harness/engine";
import { upKilledDuringCreate } from "../support/crash";
import { NO_DOMAIN_ORGANIZATION, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

type Args = ConstructorParameters<typeof gigahost.NoDomain>[1];
const domain = (name: string, args: Args) => programResource(() => new gigahost.NoDomain(name, args));
const api = () => fixture.brands.gigahost;
const registerCalls = () => fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/dns/domains/register"));

const ORG: Args = NO_DOMAIN_ORGANIZATION;

test("full lifecycle: availability checked, registered, no drift, registration-only changes refused, drift, replace, out-of-band loss, destroy warns", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const v1 = await domain("site", ORG);
  const created = await engine.up(v1);
  const zone = api().zoneByName("nordlys-eksempel.no")!;
  expect(zone).toMatchObject({ zone_is_registered: "1", zone_protected: "1" });
  expect(created.entry.id).toBe(zone.zone_id);
  expect(created.entry.outputs).toMatchObject({ domain: "nordlys-eksempel.no", zoneId: zone.zone_id, status: "active", autoRenew: true, expiresAt: expect.stringMatching(/^\d{4}-/) });
  const checks = fixture.server.requests.filter((r) => r.path.endsWith("/dns/domains/check/nordlys-eksempel.no"));
  expect(checks).toHaveLength(1);
  expect(fixture.server.requests.indexOf(checks[0])).toBeLessThan(fixture.server.requests.indexOf(registerCalls()[0]));
  expect(registerCalls()).toHaveLength(1);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
  expect((await engine.preview(await domain("site", { ...ORG, adopt: true }))).changes).toBe("none");

  // the registrant and contact details only serve the registration: a later change is refused at check
  const changed = await engine.up(await domain("site", { ...ORG, email: "new@example.no" })).catch((error) => error);
  expect(changed).toBeInstanceOf(CheckFailedError);
  expect((changed as CheckFailedError).failures).toEqual([{ property: "email", reason: expect.stringContaining("only used to register nordlys-eksempel.no") }]);

  // auto-renew switched off elsewhere: refresh shows it
  api().domainSettings.setAutoRenew(zone.zone_id, { auto_renew: 0 });
  await fixture.newCommand();
  expect((await engine.refresh(v1.urn))?.outputs.autoRenew).toBe(false);
  expect((await engine.preview(v1)).changes).toBe("none");

  // another name replaces: registered anew; the old one leaves the stack with a warning and stays registered
  const v2 = await domain("site", { ...ORG, domain: "Nordlys-Eksempel2.no." });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["domain"] });
  const replaced = await engine.up(v2);
  expect(replaced.operation).toBe("replace");
  expect(api().zoneByName("nordlys-eksempel2.no")).toBeDefined();
  expect(api().zoneByName("nordlys-eksempel.no")).toBeDefined();
  // after one more call: the provider's stderr arrives alongside, not before, its answers
  expect((await engine.preview(v2)).changes).toBe("none");
  expect(fixture.host.stderr).toContain("nordlys-eksempel.no: removed from the stack, but a .no domain cannot be unregistered");

  // gone from the account (e.g. expired): refresh reports it gone
  api().removeZone(replaced.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v2.urn)).toBeUndefined();

  // registered again, then destroyed: it stays registered, with a warning
  await engine.up(v2);
  const last = engine.entry(v2.urn);
  await engine.destroy(v2.urn);
  expect(api().zoneByName("nordlys-eksempel2.no")).toBeDefined();
  api().removeZone(last.id);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
  // checked last: the provider's stderr arrives alongside, not before, its answers
  expect(fixture.host.stderr).toContain("nordlys-eksempel2.no: removed from the stack");
});

test("a person registrant with external name servers", async () => {
  const resource = await domain("person", {
    ...ORG,
    domain: "ola-eksempel.no",
    registrant: { type: "person", personId: "N.PRI.12345678", firstName: "Ola", lastName: "Nordmann" },
    nameservers: ["ns1.example.net", "ns2.example.net"],
  });
  fixture.server.resetRequests();
  const created = await fixture.engine.up(resource);
  expect(registerCalls()).toHaveLength(1);
  const zone = api().zoneByName("ola-eksempel.no")!;
  expect(created.entry.id).toBe(zone.zone_id);
  expect(zone.external_dns).toBe("1");
  expect(api().domainSettings.settings(zone.zone_id).nameservers).toEqual(["ns1.example.net", "ns2.example.net"]);
});

test("a taken domain fails clearly before registering; one already in the account needs adopt", async () => {
  api().domains.markTaken("opptatt.no");
  fixture.server.resetRequests();
  await expect(fixture.engine.up(await domain("taken", { ...ORG, domain: "opptatt.no" }))).rejects.toThrow(
    /opptatt.no cannot be registered: Domain is already registered./,
  );
  expect(registerCalls()).toHaveLength(0);

  const owned = api().addZone({ name: "allerede-min.no", registered: true });
  await expect(fixture.engine.up(await domain("owned", { ...ORG, domain: "allerede-min.no" }))).rejects.toThrow(/already in this Gigahost account.*Set `adopt: true`/);
  const adopted = await fixture.engine.up(await domain("owned", { ...ORG, domain: "allerede-min.no", adopt: true }));
  expect(adopted.entry.id).toBe(owned.zone_id);
  expect(registerCalls()).toHaveLength(0);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...ORG, domain: "example.com" }, "domain"],
    [{ ...ORG, domain: "sub.example.no" }, "domain"],
    [{ ...ORG, registrant: { type: "organization", orgNumber: "12345678", companyName: "Example AS" } }, "registrant.orgNumber"],
    [{ ...ORG, registrant: { type: "organization", orgNumber: "92360901X", companyName: "Example AS" } }, "registrant.orgNumber"],
    [{ ...ORG, registrant: { type: "person", personId: "12345678", firstName: "Ola", lastName: "N" } }, "registrant.personId"],
    [{ ...ORG, registrant: { type: "person", personId: "N.PRI.123", firstName: "", lastName: "N" } }, "registrant.firstName"],
    [{ ...ORG, registrant: { type: "company", orgNumber: "923609016" } }, "registrant.type"],
    [{ ...ORG, email: "nope" }, "email"],
    [{ ...ORG, zipCode: "NO-0123" }, "zipCode"],
    [{ ...ORG, nameservers: ["ns1.example.net"] }, "nameservers"],
    [{ ...ORG, applicantName: " " }, "applicantName"],
  ];
  await expectRefusedByCheck(fixture, cases, (args) => domain("bad", args as never));
});

test("a `pulumi up` killed just after the registration, then run again: never registered twice; the rerun names the zone and adopt takes it", async () => {
  const resource = await domain("crashy", { ...ORG, domain: "krasj-eksempel.no" });
  fixture.server.resetRequests();
  const failure = await upKilledDuringCreate(fixture, resource, (r) => r.method === "POST" && r.path.endsWith("/dns/domains/register")).catch((error) => error);
  expect(String(failure.message)).toMatch(/krasj-eksempel.no is already in this Gigahost account \(zone \d+\)\. Set `adopt: true`.*interrupted/);
  const adopted = await fixture.engine.up(await domain("crashy", { ...ORG, domain: "krasj-eksempel.no", adopt: true }));
  expect(adopted.entry.id).toBe(api().zoneByName("krasj-eksempel.no")!.zone_id);
  expect(registerCalls()).toHaveLength(1);
});
