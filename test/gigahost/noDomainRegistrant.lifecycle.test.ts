import * as gigahost from "../../resources/gigahost";
import { CheckFailedError, programResource } from "../harness/engine";
import { failAnswerAfterApplying } from "../support/lostAnswer";
import { NO_DOMAIN_ORGANIZATION, startGigahostPlatform } from "../support/gigahostFixture";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform());

type Args = ConstructorParameters<typeof gigahost.NoDomain>[1];
const domain = (name: string, args: Args) => programResource(() => new gigahost.NoDomain(name, args));
const api = () => fixture.brands.gigahost;
const registrantPuts = () => fixture.server.requests.filter((r) => r.method === "PUT" && /\/dns\/zones\/\d+\/registrant$/.test(r.path));

const NEW_OWNER = { type: "organization", orgNumber: "987654321", companyName: "Nye Eiere AS" } as const;

test("a new holder is a registrant change in place, only with Norid's declaration accepted; the domain is extended by a year", async () => {
  const { engine } = fixture;
  const ORG: Args = { ...NO_DOMAIN_ORGANIZATION, domain: "eierskifte.no" };
  const v1 = await domain("owned", ORG);
  const created = await engine.up(v1);
  const zoneId = created.entry.id;
  expect(api().domainSettings.registrant(zoneId)).toMatchObject({ identity: "923609016", type: "organization" });
  const expiresBefore = String(created.entry.outputs.expiresAt);

  // without the declaration: refused at check, naming acceptNoridDeclaration, nothing sent
  fixture.server.resetRequests();
  const undeclared = await engine.up(await domain("owned", { ...ORG, registrant: NEW_OWNER, email: "post@nye-eiere.no" })).catch((error) => error);
  expect(undeclared).toBeInstanceOf(CheckFailedError);
  expect((undeclared as CheckFailedError).failures).toEqual([
    { property: "acceptNoridDeclaration", reason: expect.stringContaining("must be true to give eierskifte.no a new holder (923609016 → 987654321)") },
  ]);
  expect(fixture.server.requests).toHaveLength(0);

  // with it: one PUT …/registrant, in place, with the new contact details
  const v2 = await domain("owned", { ...ORG, registrant: NEW_OWNER, email: "post@nye-eiere.no", city: "Bergen", zipCode: "5003", acceptNoridDeclaration: true });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(updated.entry.id).toBe(zoneId);
  expect(registrantPuts()).toHaveLength(1);
  expect(api().domainSettings.registrant(zoneId)).toMatchObject({ identity: "987654321", organization: "Nye Eiere AS", email: "post@nye-eiere.no", city: "Bergen" });
  expect(api().domainSettings.registrantChanges).toBe(1);
  expect(Date.parse(String(updated.entry.outputs.expiresAt).replace(" ", "T") + "Z") - Date.parse(expiresBefore.replace(" ", "T") + "Z")).toBeGreaterThanOrEqual(364 * 86_400_000);
  expect((await engine.preview(v2)).changes).toBe("none");

  // the same holder under a new company name is no holder change: refused as before
  const renamed = await engine.up(await domain("owned", { ...ORG, registrant: { ...NEW_OWNER, companyName: "Nye Eiere Holding AS" }, email: "post@nye-eiere.no", city: "Bergen", zipCode: "5003" })).catch((error) => error);
  expect((renamed as CheckFailedError).failures.map((failure) => failure.property)).toEqual(["registrant"]);
  // name servers never go with a holder change
  const withNs = await engine
    .up(await domain("owned", { ...ORG, registrant: { type: "person", personId: "N.PRI.12345678", firstName: "Kari", lastName: "Nordmann" }, acceptNoridDeclaration: true, nameservers: ["ns1.example.net", "ns2.example.net"] }))
    .catch((error) => error);
  expect((withNs as CheckFailedError).failures.map((failure) => failure.property)).toEqual(["nameservers"]);

  // to a person: sent with the person id only (the document lists no names for the change)
  const v3 = await domain("owned", { ...ORG, registrant: { type: "person", personId: "N.PRI.12345678", firstName: "Kari", lastName: "Nordmann" }, acceptNoridDeclaration: true });
  expect((await engine.up(v3)).operation).toBe("update");
  expect(api().domainSettings.registrant(zoneId)).toMatchObject({ identity: "N.PRI.12345678", type: "person" });
  expect(api().domainSettings.registrantChanges).toBe(2);
});

test("a registrant change whose answer is lost, or that a killed run applied, is never ordered twice", async () => {
  const { engine } = fixture;
  const ORG: Args = { ...NO_DOMAIN_ORGANIZATION, domain: "tapt-svar.no" };
  const created = await engine.up(await domain("lost", ORG));
  const zoneId = created.entry.id;
  const before = api().domainSettings.registrantChanges;

  // the answer is lost after Gigahost applied it: the registry's holder says it was, no second PUT
  fixture.server.resetRequests();
  const lost = failAnswerAfterApplying(fixture.server, (r) => r.method === "PUT" && r.path.endsWith(`/dns/zones/${zoneId}/registrant`));
  await engine.up(await domain("lost", { ...ORG, registrant: NEW_OWNER, acceptNoridDeclaration: true }));
  expect(lost()).toBe(true);
  expect(registrantPuts()).toHaveLength(1);
  expect(api().domainSettings.registrantChanges).toBe(before + 1);

  // a run killed after Gigahost applied the change (state still has the old holder): the next up sends nothing
  api().domainSettings.setHolder(zoneId, { type: "organization", identity: "912345678", name: "Tredje AS" });
  await fixture.newCommand();
  fixture.server.resetRequests();
  const third = { type: "organization", orgNumber: "912345678", companyName: "Tredje AS" } as const;
  expect((await engine.up(await domain("lost", { ...ORG, registrant: third, acceptNoridDeclaration: true }))).operation).toBe("update");
  expect(registrantPuts()).toHaveLength(0);
  expect(api().domainSettings.registrantChanges).toBe(before + 1);
});

test("a failure after the registrant change was accepted still records the new holder: the next up orders nothing, even where the registry shows no identity", async () => {
  const { engine } = fixture;
  const ORG: Args = { ...NO_DOMAIN_ORGANIZATION, domain: "halvveis.no" };
  const created = await engine.up(await domain("halfway", ORG));
  const zoneId = created.entry.id;
  const before = api().domainSettings.registrantChanges;

  // Gigahost accepts the change; then the zone cannot be read (it is gone from the listing for a moment)
  let saved: ReturnType<ReturnType<typeof api>["snapshot"]> | undefined;
  fixture.server.onApplied((request) => {
    if (request.method !== "PUT" || !request.path.endsWith(`/dns/zones/${zoneId}/registrant`)) return;
    fixture.server.onApplied(undefined);
    saved = api().snapshot();
    api().removeZone(zoneId);
  });
  fixture.server.resetRequests();
  const changed = await domain("halfway", { ...ORG, registrant: NEW_OWNER, acceptNoridDeclaration: true });
  const failure = await engine.up(changed).catch((error) => error);
  expect(String(failure?.message)).toContain("no longer in the Gigahost account");
  expect(registrantPuts()).toHaveLength(1);
  expect(engine.entry(changed.urn).outputs.registrant).toMatchObject({ orgNumber: "987654321" });
  expect(String(failure.message)).toMatch(/registrant change to 987654321 was made, but reading the zone afterwards failed/);

  // the zone is back, and the registry shows no holder identity (Gigahost's example): nothing confirms the change
  api().restore(saved);
  api().domainSettings.forgetHolder(zoneId);
  await fixture.newCommand();
  fixture.server.resetRequests();
  await engine.up(changed);
  expect(registrantPuts()).toHaveLength(0);
  expect(api().domainSettings.registrantChanges).toBe(before + 1);
  expect((await engine.preview(changed)).changes).toBe("none");
});

test("where the registry shows no identity and the expiry moved (a change a killed run made, or a renewal), the change is refused, not sent twice or skipped; after a refresh it is sent", async () => {
  const { engine } = fixture;
  const ORG: Args = { ...NO_DOMAIN_ORGANIZATION, domain: "avbrutt.no" };
  const created = await engine.up(await domain("killed", ORG));
  const zoneId = created.entry.id;
  // what a killed run leaves: Gigahost made the change (a year more), the state still has the old holder and expiry
  const changedByKilledRun = await domain("killed", { ...ORG, registrant: NEW_OWNER, acceptNoridDeclaration: true });
  api().domainSettings.changeRegistrant(zoneId, { registrant_type: "organization", org_number: NEW_OWNER.orgNumber, company_name: NEW_OWNER.companyName, email: "post@nye-eiere.no", applicant_name: "Kari Nordmann", zip_code: "5003", city: "Bergen", agree_to_terms: true });
  const before = api().domainSettings.registrantChanges;
  api().domainSettings.forgetHolder(zoneId);
  await fixture.newCommand();
  fixture.server.resetRequests();
  const refused = await engine.up(changedByKilledRun).catch((error) => error);
  expect(String(refused?.message)).toMatch(/`registrant`\) was not sent: the registry shows no holder identity/);
  expect(String(refused?.message)).toContain("pulumi refresh");
  expect(registrantPuts()).toHaveLength(0);
  expect(api().domainSettings.registrantChanges).toBe(before);
  // the user checked the holder and wants the change sent: a refresh records the current expiry, the next up sends it
  await engine.refresh(created.entry.urn);
  await fixture.newCommand();
  fixture.server.resetRequests();
  await engine.up(changedByKilledRun);
  expect(registrantPuts()).toHaveLength(1);
});
