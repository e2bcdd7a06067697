import { PREMIUM_PACKAGES } from "../../emulator/zoneid/hosting-settings-state";
import { Dkim, FtpAllowlistEntry, MailAutoreply, MailPremium, SshSettings } from "../../resources/zoneid";
import { programResource } from "../harness/engine";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { upKilledDuringCreate } from "../support/crash";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";
import { startZoneid } from "../support/zoneidFixture";

/**
 * The singletons of a web hosting service: DKIM signing and the SSH
 * settings, through the provider host against the emulator.
 */

const SERVICE = "settings.example.com";
const OTHER_SERVICE = "other-settings.example.com";
const POST = (suffix: string) => (request: { method: string; path: string }) => request.method === "POST" && request.path.endsWith(suffix);
const PUT = (suffix: string) => (request: { method: string; path: string }) => request.method === "PUT" && request.path.endsWith(suffix);

const fixture = fixtureForFile(() => startZoneid({ timeScale: 60 }));
beforeAll(() => {
  fixture.zoneid.addWebHosting(SERVICE);
  fixture.zoneid.addWebHosting(OTHER_SERVICE);
});

type Args = Record<string, unknown>;
const dkim = (args: Args, name = "dkim") => programResource(() => new Dkim(name, args as never));
const sshSettings = (args: Args, name = "ssh") => programResource(() => new SshSettings(name, args as never));
const liveDkim = (service: string) => {
  try {
    return fixture.zoneid.hostingSettings.getDkim(service).public_key as string;
  } catch {
    return undefined;
  }
};

describe("Dkim", () => {
  test("bad input is refused at check, naming the property, with no API call", async () => {
    const cases: [Args, string][] = [
      [{}, "service"],
      [{ service: "no dot" }, "service"],
      [{ service: 5 }, "service"],
      [{ service: "" }, "service"],
      [{ service: "-bad-.example.com" }, "service"],
      [{ service: SERVICE, selector: "zone" }, "selector"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => dkim(args, "bad"));
  });

  test("full lifecycle: activate, read, a key rotated elsewhere shows on refresh, replace, delete, read after delete", async () => {
    const { engine, zoneid } = fixture;
    const v1 = await dkim({ service: "Settings.Example.com." });
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(created.entry.id).toBe(SERVICE);
    const key = liveDkim(SERVICE);
    expect(key).toBeDefined();
    expect(created.entry.outputs).toMatchObject({ service: SERVICE, publicKey: key });
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // out-of-band: DKIM deleted and activated again in the web UI gives a new key; refresh shows it
    zoneid.hostingSettings.deleteDkim(SERVICE);
    const rotated = zoneid.hostingSettings.activateDkim(SERVICE).public_key;
    expect(rotated).not.toBe(key);
    await fixture.newCommand();
    expect((await engine.refresh(v1.urn))?.outputs).toMatchObject({ publicKey: rotated });
    expect((await engine.preview(v1)).changes).toBe("none");

    // another service: a replacement (no input changes in place)
    const v2 = await dkim({ service: OTHER_SERVICE });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["service"] });
    const replaced = await engine.up(v2);
    expect(replaced.operation).toBe("replace");
    expect(liveDkim(SERVICE)).toBeUndefined();
    expect(replaced.entry.outputs).toMatchObject({ service: OTHER_SERVICE, publicKey: liveDkim(OTHER_SERVICE) });

    // out-of-band delete: refresh reports it gone, up activates again
    zoneid.hostingSettings.deleteDkim(OTHER_SERVICE);
    await fixture.newCommand();
    expect(await engine.refresh(v2.urn)).toBeUndefined();
    expect((await engine.up(v2)).operation).toBe("create");

    const last = engine.entry(v2.urn);
    await engine.destroy(v2.urn);
    expect(liveDkim(OTHER_SERVICE)).toBeUndefined();
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
  });

  test("a create killed the moment ZoneID activated DKIM: the next up takes the key, activates nothing twice", async () => {
    const { engine, server } = fixture;
    const resource = await dkim({ service: SERVICE }, "crashy");
    server.resetRequests();
    const { entry } = await upKilledDuringCreate(fixture, resource, POST("/mail/dkim"));
    expect(entry.outputs).toMatchObject({ service: SERVICE, publicKey: liveDkim(SERVICE) });
    // One POST in all: the second up found the key (the emulator would refuse a second activation with 400).
    expect(server.requests.filter((request) => request.method === "POST" && request.path.endsWith("/mail/dkim"))).toHaveLength(1);
    await engine.destroy(resource.urn);
    expect(liveDkim(SERVICE)).toBeUndefined();
  });
});

describe("SshSettings", () => {
  test("bad input is refused at check, naming the property, with no API call", async () => {
    const cases: [Args, string][] = [
      [{ service: SERVICE }, "access"],
      [{ service: SERVICE, access: "private" }, "access"],
      [{ service: SERVICE, access: true }, "access"],
      [{ access: "public" }, "service"],
      [{ service: "no dot", access: "public" }, "service"],
      [{ service: SERVICE, access: "public", username: "virt1" }, "username"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => sshSettings(args, "bad"));
  });

  test("full lifecycle: take over, read, change in place, out-of-band change shows on refresh, delete leaves the setting", async () => {
    const { engine, zoneid } = fixture;
    const access = () => zoneid.hostingSettings.sshSettings(SERVICE).access;
    expect(access()).toBe("public");
    const v1 = await sshSettings({ service: SERVICE, access: "whitelist" });
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(access()).toBe("whitelist");
    expect(created.entry.outputs).toMatchObject({
      service: SERVICE,
      access: "whitelist",
      username: zoneid.hostingSettings.sshSettings(SERVICE).username,
      webhosts: [SERVICE],
      ipv4: "192.0.2.80",
    });
    expect((created.entry.outputs.serverFingerprints as string[])[0]).toMatch(/^SHA256:/);
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // in place
    const v2 = await sshSettings({ service: SERVICE, access: "public" });
    const updatePreview = await engine.preview(v2);
    expect(updatePreview).toMatchObject({ changes: "some", replaces: [] });
    const updated = await engine.up(v2);
    expect(updated.operation).toBe("update");
    expect(access()).toBe("public");

    // out-of-band change: refresh shows it, up puts it back
    zoneid.hostingSettings.updateSshSettings(SERVICE, { access: "whitelist" });
    await fixture.newCommand();
    expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ access: "whitelist" });
    expect((await engine.preview(v2)).changes).toBe("some");
    await engine.up(v2);
    expect(access()).toBe("public");

    // delete stops managing: the setting stays; a read after delete still finds the service's settings
    const before = zoneid.hostingSettings.sshSettings(SERVICE);
    await engine.destroy(v2.urn);
    expect(zoneid.hostingSettings.sshSettings(SERVICE)).toEqual(before);
  });

  test("a create killed the moment ZoneID applied the PUT: the next up finishes with the setting in state", async () => {
    const { engine, zoneid } = fixture;
    const resource = await sshSettings({ service: OTHER_SERVICE, access: "whitelist" }, "crashy");
    const { entry } = await upKilledDuringCreate(fixture, resource, PUT(`/vserver/${OTHER_SERVICE}/ssh`));
    expect(entry.outputs).toMatchObject({ service: OTHER_SERVICE, access: "whitelist" });
    expect(zoneid.hostingSettings.sshSettings(OTHER_SERVICE).access).toBe("whitelist");
    await engine.destroy(resource.urn);
  });

  test("a service the account does not have fails naming it, and changes nothing", async () => {
    const failure = await fixture.engine.up(await sshSettings({ service: "missing.example.com", access: "whitelist" }, "missing")).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/has no web hosting service missing\.example\.com/);
  });
});

describe("MailAutoreply", () => {
  const autoreply = (args: Args, name = "autoreply") => programResource(() => new MailAutoreply(name, args as never));
  beforeAll(() => {
    fixture.zoneid.hosting.create(SERVICE, "mail/account", { address: "info@example.com", password: "long-Password-1" });
    fixture.zoneid.hosting.create(SERVICE, "mail/forwarder", { address: "sales@example.com", fwd_addresses: ["team@example.net"] });
  });
  const live = (target: "account" | "forwarder", address: string) => fixture.zoneid.hostingSettings.autoreply(SERVICE, target, address);

  test("bad input is refused at check, naming the property, with no API call", async () => {
    const base = { service: SERVICE, address: "info@example.com" };
    const cases: [Args, string][] = [
      [{ service: SERVICE }, "address"],
      [{ ...base, address: "not-an-address" }, "address"],
      [{ ...base, mailboxType: "alias" }, "mailboxType"],
      [{ ...base, enabled: "yes" }, "enabled"],
      [{ ...base, startDate: "2026-02-30" }, "startDate"],
      [{ ...base, endDate: "1.3.2026" }, "endDate"],
      [{ ...base, startDate: "2026-03-10", endDate: "2026-03-01" }, "endDate"],
      [{ ...base, subject: 5 }, "subject"],
      [{ ...base, replyTo: "x@example.com" }, "replyTo"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => autoreply(args, "bad"));
  });

  test("full lifecycle on a mail account: set, read, change in place, out-of-band change shows on refresh, delete turns it off", async () => {
    const { engine, zoneid } = fixture;
    const v1 = await autoreply({ service: SERVICE, address: "Info@Example.com", subject: "Away", body: "Back on Monday.", startDate: "2026-07-01", endDate: "2026-07-14" });
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(created.entry.id).toBe(`${SERVICE}/account/info@example.com`);
    expect(live("account", "info@example.com")).toMatchObject({ is_enabled: true, subject: "Away", body: "Back on Monday.", datestart: "2026-07-01", dateend: "2026-07-14" });
    // The mailbox's read-only flag follows.
    expect(zoneid.hosting.get(SERVICE, "mail/account", "info@example.com").autoreply).toBe(true);
    expect(created.entry.outputs).toMatchObject({ address: "info@example.com", mailboxType: "account", enabled: true, fromName: "", subject: "Away", startDate: "2026-07-01" });
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    const v2 = await autoreply({ service: SERVICE, address: "info@example.com", fromName: "Info desk", subject: "Closed", body: "Back in August.", startDate: "2026-07-01", endDate: "2026-07-31" });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await engine.up(v2);
    expect(updated.operation).toBe("update");
    expect(live("account", "info@example.com")).toMatchObject({ fromname: "Info desk", subject: "Closed", dateend: "2026-07-31" });

    // out-of-band: turned off in the webmail; refresh shows it, up turns it on again
    zoneid.hostingSettings.updateAutoreply(SERVICE, "account", "info@example.com", { is_enabled: false });
    await fixture.newCommand();
    expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ enabled: false });
    expect((await engine.preview(v2)).changes).toBe("some");
    await engine.up(v2);
    expect(live("account", "info@example.com").is_enabled).toBe(true);

    // delete turns it off and keeps the texts
    await engine.destroy(v2.urn);
    expect(live("account", "info@example.com")).toMatchObject({ is_enabled: false, subject: "Closed" });
    expect(zoneid.hosting.get(SERVICE, "mail/account", "info@example.com").autoreply).toBe(false);
  });

  test("a forwarder's autoreply; the mailbox deleted elsewhere: refresh reports it gone and delete succeeds", async () => {
    const { engine, zoneid } = fixture;
    const resource = await autoreply({ service: SERVICE, address: "sales@example.com", mailboxType: "forwarder", subject: "Thanks", body: "We will answer soon." }, "forwarder");
    await engine.up(resource);
    expect(live("forwarder", "sales@example.com")).toMatchObject({ is_enabled: true, subject: "Thanks" });
    expect(live("account", "info@example.com").subject).not.toBe("Thanks");
    zoneid.removeHostingItem(SERVICE, "mail/forwarder", "sales@example.com");
    await fixture.newCommand();
    const last = engine.entry(resource.urn);
    expect(await engine.refresh(resource.urn)).toBeUndefined();
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, resource.urn);
  });

  test("a create killed the moment ZoneID applied the PUT: the next up finishes, one autoreply in state", async () => {
    const { engine } = fixture;
    const resource = await autoreply({ service: SERVICE, address: "info@example.com", subject: "Crash", body: "text" }, "crashy");
    const { entry } = await upKilledDuringCreate(fixture, resource, PUT("/autoreply"));
    expect(entry.outputs).toMatchObject({ enabled: true, subject: "Crash" });
    expect(live("account", "info@example.com")).toMatchObject({ is_enabled: true, subject: "Crash" });
    await engine.destroy(resource.urn);
    expect(live("account", "info@example.com").is_enabled).toBe(false);
  });

  test("a mailbox that does not exist fails naming it, and nothing is written", async () => {
    fixture.server.resetRequests();
    const failure = await fixture.engine.up(await autoreply({ service: SERVICE, address: "nobody@example.com" }, "nobody")).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/has no mail account nobody@example\.com/);
    expect(fixture.server.requests.filter((request) => request.method === "PUT")).toHaveLength(0);
  });
});

describe("FtpAllowlistEntry (ZoneID allows the caller's address: 127.0.0.1 against the emulator)", () => {
  const entry = (args: Args, name = "ftp") => programResource(() => new FtpAllowlistEntry(name, args as never));
  const entries = (service: string) => fixture.zoneid.hostingItems(service, "ftp/ipwhitelist");

  test("bad input is refused at check, naming the property, with no API call", async () => {
    const cases: [Args, string][] = [
      [{ service: SERVICE }, "ip"],
      [{ service: SERVICE, ip: "127.0.0.256" }, "ip"],
      [{ service: SERVICE, ip: "192.0.2.0/24" }, "ip"],
      [{ service: SERVICE, ip: "localhost" }, "ip"],
      [{ ip: "127.0.0.1" }, "service"],
      [{ service: "no dot", ip: "127.0.0.1" }, "service"],
      [{ service: SERVICE, ip: "127.0.0.1", comment: "ci" }, "comment"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => entry(args, "bad"));
  });

  test("full lifecycle: create, read, out-of-band change shows on refresh, replace, delete, read after delete", async () => {
    const { engine, zoneid } = fixture;
    const v1 = await entry({ service: SERVICE, ip: " 127.0.0.1 " });
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(entries(SERVICE).map((item) => [String(item.identificator), item.ip])).toEqual([[created.entry.id, "127.0.0.1"]]);
    expect(created.entry.outputs).toMatchObject({ service: SERVICE, ip: "127.0.0.1", country: "EE" });
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // out-of-band change of a read-only fact: refresh shows it, nothing to converge
    zoneid.changeHostingItem(SERVICE, "ftp/ipwhitelist", created.entry.id, { country: "FI" });
    await fixture.newCommand();
    expect((await engine.refresh(v1.urn))?.outputs).toMatchObject({ country: "FI" });

    // another service: a replacement (no input changes in place), the old entry deleted first
    const v2 = await entry({ service: OTHER_SERVICE, ip: "127.0.0.1" });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: ["service"], deleteBeforeReplace: true });
    const replaced = await engine.up(v2);
    expect(replaced.operation).toBe("replace");
    expect(entries(SERVICE)).toEqual([]);
    expect(entries(OTHER_SERVICE)).toHaveLength(1);

    // out-of-band delete: refresh reports it gone, up creates it again
    zoneid.removeHostingItem(OTHER_SERVICE, "ftp/ipwhitelist", replaced.entry.id);
    await fixture.newCommand();
    expect(await engine.refresh(v2.urn)).toBeUndefined();
    expect((await engine.up(v2)).operation).toBe("create");

    const last = engine.entry(v2.urn);
    await engine.destroy(v2.urn);
    expect(entries(OTHER_SERVICE)).toEqual([]);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v2.urn);
  });

  test("a declared address that is not the caller's: the entry ZoneID made is removed again and the error names both", async () => {
    const failure = await fixture.engine.up(await entry({ service: SERVICE, ip: "192.0.2.10" }, "elsewhere")).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/ZoneID allowed 127\.0\.0\.1, the address this request came from, not 192\.0\.2\.10/);
    expect(entries(SERVICE)).toEqual([]);
  });

  test("a create killed the moment ZoneID added the entry: the next up finds it by its address, adds nothing twice", async () => {
    const { engine, server } = fixture;
    const resource = await entry({ service: SERVICE, ip: "127.0.0.1" }, "crashy");
    server.resetRequests();
    const { entry: created } = await upKilledDuringCreate(fixture, resource, POST("/ftp/ipwhitelist"));
    expect(entries(SERVICE).map((item) => String(item.identificator))).toEqual([created.id]);
    expect(server.requests.filter((request) => request.method === "POST" && request.path.endsWith("/ftp/ipwhitelist"))).toHaveLength(1);
    await engine.destroy(resource.urn);
    expect(entries(SERVICE)).toEqual([]);
  });
});

describe("MailPremium", () => {
  const premium = (args: Args, name = "premium") => programResource(() => new MailPremium(name, args as never));
  const [SMALL, LARGE] = PREMIUM_PACKAGES.map((item) => item.package as string);
  const live = () => fixture.zoneid.hostingSettings.premiumStatus(SERVICE, "boss@example.com").package;
  beforeAll(() => {
    fixture.zoneid.hosting.create(SERVICE, "mail/account", { address: "boss@example.com", password: "long-Password-1" });
  });

  test("bad input is refused at check, naming the property, with no API call", async () => {
    const base = { service: SERVICE, address: "boss@example.com" };
    const cases: [Args, string][] = [
      [base, "package"],
      [{ ...base, package: "" }, "package"],
      [{ ...base, package: "none" }, "package"],
      [{ ...base, package: 10 }, "package"],
      [{ ...base, address: "boss", package: SMALL }, "address"],
      [{ address: "boss@example.com", package: SMALL }, "service"],
      [{ ...base, package: SMALL, diskSize: 5 }, "diskSize"],
    ];
    await expectRefusedByCheck(fixture, cases, (args) => premium(args, "bad"));
  });

  test("full lifecycle: turn on, read, change in place, out-of-band change shows on refresh, a package ZoneID refuses names it, delete turns off", async () => {
    const { engine, zoneid } = fixture;
    const v1 = await premium({ service: SERVICE, address: "Boss@Example.com", package: SMALL });
    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(live()).toBe(SMALL);
    expect(created.entry.outputs).toMatchObject({ address: "boss@example.com", package: SMALL, diskSize: 10 * 1024 ** 3, priceMonth: 1.5 });
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    const v2 = await premium({ service: SERVICE, address: "boss@example.com", package: LARGE });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    expect((await engine.up(v2)).operation).toBe("update");
    expect(live()).toBe(LARGE);

    // out-of-band: turned off in the web UI; refresh shows it, up turns it on again
    zoneid.hostingSettings.setPremium(SERVICE, "boss@example.com", { package: "none" });
    await fixture.newCommand();
    expect((await engine.refresh(v2.urn))?.outputs).toMatchObject({ package: "none" });
    await engine.up(v2);
    expect(live()).toBe(LARGE);

    // a handle ZoneID does not offer: its 422 names the input
    const refused = await engine.up(await premium({ service: SERVICE, address: "boss@example.com", package: "mail-gold" })).catch((error: unknown) => error);
    expect(String(refused)).toMatch(/answered 422: .*package: Allowed: none, mail-premium-10/);
    expect(live()).toBe(LARGE);

    await engine.destroy(v2.urn);
    expect(live()).toBe("none");
  });

  test("a create killed the moment ZoneID applied the PUT: the next up finishes with the package in state", async () => {
    const { engine } = fixture;
    const resource = await premium({ service: SERVICE, address: "boss@example.com", package: SMALL }, "crashy");
    const { entry } = await upKilledDuringCreate(fixture, resource, PUT("/premium"));
    expect(entry.outputs).toMatchObject({ package: SMALL });
    expect(live()).toBe(SMALL);
    await engine.destroy(resource.urn);
    expect(live()).toBe("none");
  });

  test("the account deleted elsewhere: refresh reports it gone and delete succeeds", async () => {
    const { engine, zoneid } = fixture;
    zoneid.hosting.create(SERVICE, "mail/account", { address: "temp@example.com", password: "long-Password-1" });
    const resource = await premium({ service: SERVICE, address: "temp@example.com", package: SMALL }, "temp");
    await engine.up(resource);
    zoneid.removeHostingItem(SERVICE, "mail/account", "temp@example.com");
    await fixture.newCommand();
    const last = engine.entry(resource.urn);
    expect(await engine.refresh(resource.urn)).toBeUndefined();
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, resource.urn);
  });
});
