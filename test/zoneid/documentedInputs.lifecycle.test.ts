// Request fields zoneid-openapi.json documents that the resources could not
// set before (coverage audit, "Resource inputs vs documented request fields").
// Each is managed only when set: a program that leaves it out neither sends
// it nor shows it, so upgrading never overwrites what was set elsewhere.
import { DomainContact, FtpUser, MailAccount } from "../../resources/zoneid";
import { CheckFailedError, programResource } from "../harness/engine";
import { startZoneid } from "../support/zoneidFixture";
import { fixtureForFile } from "../support/fileFixture";

const SERVICE = "inputs.example.com";
const DOMAIN = "inputs.ee";

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  fixture.zoneid.domains.addDomain(DOMAIN);
});

const CONTACT = { service: DOMAIN, role: "admin", name: "Mari Maasikas", email: "mari@example.ee", phone: "+372.5551234", street: "Pikk 1", city: "Tallinn", postalCode: "10123", country: "EE" };
const contacts = () => fixture.zoneid.domains.collections;

test("DomainContact: type, names, fax, state and the ext_* fields are sent, read back and updated in place", async () => {
  const { engine } = fixture;
  const full = {
    ...CONTACT,
    type: "company",
    firstName: "Mari",
    lastName: "Maasikas",
    fax: "+372.555 0000",
    state: "Harjumaa",
    language: "et",
    vatNumber: "EE100000000",
    department: "IT",
    passport: "K0000000",
    legalForm: "OÜ",
  };
  const v1 = await programResource(() => new DomainContact("full", full as never));
  const created = await engine.up(v1);
  expect(contacts().get(DOMAIN, "contact", created.entry.id)).toMatchObject({
    type: "company",
    first_name: "Mari",
    last_name: "Maasikas",
    fax: "+372.5550000",
    state: "Harjumaa",
    ext_language: "et",
    ext_vatnr: "EE100000000",
    ext_department: "IT",
    ext_passport: "K0000000",
    ext_legal_form: "OÜ",
  });
  expect(created.entry.outputs).toMatchObject({ type: "company", fax: "+372.5550000", vatNumber: "EE100000000", legalForm: "OÜ" });
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await programResource(() => new DomainContact("full", { ...full, vatNumber: "EE100000001", department: "" } as never));
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(contacts().get(DOMAIN, "contact", updated.entry.id)).toMatchObject({ ext_vatnr: "EE100000001", ext_department: "", fax: "+372.5550000" });

  // drift on a managed field shows and converges
  contacts().update(DOMAIN, "contact", updated.entry.id, { ext_passport: "X1" }, { force: true });
  await fixture.newCommand();
  expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ passport: "X1" });
  await engine.up(v2);
  expect(contacts().get(DOMAIN, "contact", updated.entry.id)).toMatchObject({ ext_passport: "K0000000" });
  await engine.destroy(v2.urn);
});

test("DomainContact: fields left out are neither sent nor shown, so what was set elsewhere stays", async () => {
  const { engine } = fixture;
  contacts().create(DOMAIN, "contact", { role: "registrant", name: "Old", email: "old@example.ee", fax: "+372.5559999", ext_vatnr: "EE1" });
  const v1 = await programResource(() => new DomainContact("registrant", { ...CONTACT, role: "registrant", adopt: true } as never));
  const adopted = await engine.up(v1);
  expect(adopted.entry.outputs).not.toHaveProperty("fax");
  expect(adopted.entry.outputs).not.toHaveProperty("vatNumber");
  expect(contacts().get(DOMAIN, "contact", adopted.entry.id)).toMatchObject({ name: "Mari Maasikas", fax: "+372.5559999", ext_vatnr: "EE1" });
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
});

test("FtpUser: allowedOperations and accessCountries are sent, read back and updated in place", async () => {
  const { engine, zoneid } = fixture;
  const args = { service: SERVICE, username: "ops", password: "first-Password-1", allowedOperations: ["write", "Read"], accessCountries: ["fi", "EE"] };
  const v1 = await programResource(() => new FtpUser("ops", args as never));
  const created = await engine.up(v1);
  const stored = () => zoneid.hostingItems(SERVICE, "ftp/user").find((item) => String(item.identificator) === created.entry.id);
  expect(stored()).toMatchObject({ allowed_operations: ["read", "write"], access_countries: ["EE", "FI"] });
  expect(created.entry.outputs).toMatchObject({ allowedOperations: ["read", "write"], accessCountries: ["EE", "FI"] });
  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  const v2 = await programResource(() => new FtpUser("ops", { ...args, allowedOperations: ["read"], accessCountries: [] } as never));
  const updated = await engine.up(v2);
  expect(updated.operation).toBe("update");
  expect(stored()).toMatchObject({ allowed_operations: ["read"], access_countries: [] });

  // unset: not managed, the live value stays
  const v3 = await programResource(() => new FtpUser("ops", { service: SERVICE, username: "ops", password: "first-Password-1" } as never));
  await engine.up(v3);
  expect(stored()).toMatchObject({ allowed_operations: ["read"] });
  expect(engine.entry(v3.urn).outputs).not.toHaveProperty("allowedOperations");
  await engine.refresh(v3.urn);
  expect((await engine.preview(v3)).changes).toBe("none");
  await engine.destroy(v3.urn);
});

test("MailAccount: twoFactorAuth false turns it off; true is refused at check (the API only sets false)", async () => {
  const { engine, zoneid } = fixture;
  const args = { service: SERVICE, address: "tfa@example.com", password: "first-Password-1" };
  const v1 = await programResource(() => new MailAccount("tfa", args as never));
  const created = await engine.up(v1);
  expect(created.entry.outputs).not.toHaveProperty("twoFactorAuth");
  zoneid.changeHostingItem(SERVICE, "mail/account", created.entry.id, { two_factor_auth: true });
  await fixture.newCommand();

  const v2 = await programResource(() => new MailAccount("tfa", { ...args, twoFactorAuth: false } as never));
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(zoneid.hostingItems(SERVICE, "mail/account").find((item) => item.address === "tfa@example.com")).toMatchObject({ two_factor_auth: false });
  expect(engine.entry(v2.urn).outputs).toMatchObject({ twoFactorAuth: false });

  fixture.server.resetRequests();
  const refused = await engine.up(await programResource(() => new MailAccount("tfa", { ...args, twoFactorAuth: true } as never))).catch((error) => error);
  expect(refused).toBeInstanceOf(CheckFailedError);
  expect((refused as CheckFailedError).failures.map((failure) => failure.property)).toEqual(["twoFactorAuth"]);
  expect(fixture.server.requests).toHaveLength(0);
  await engine.destroy(v2.urn);
});

test.each([
  [{ ...CONTACT, fax: "555" }, "fax"],
  [{ ...CONTACT, type: "" }, "type"],
  [{ ...CONTACT, firstName: "x".repeat(256) }, "firstName"],
])("DomainContact check: %j → %s", async (args, property) => {
  const failure = await fixture.engine.up(await programResource(() => new DomainContact("bad", args as never))).catch((error) => error);
  expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
});

test.each([
  [{ allowedOperations: ["read write"] }, "allowedOperations.0"],
  [{ accessCountries: ["Estonia"] }, "accessCountries.0"],
])("FtpUser check: %j → %s", async (extra, property) => {
  const failure = await fixture.engine.up(await programResource(() => new FtpUser("bad", { service: SERVICE, username: "bad", password: "first-Password-1", ...extra } as never))).catch((error) => error);
  expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
});
