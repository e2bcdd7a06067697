import { Dkim, SshSettings } from "../../resources/zoneid";
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

  test("a service the account does not have fails naming it, and changes nothing", async () => {
    const failure = await fixture.engine.up(await sshSettings({ service: "missing.example.com", access: "whitelist" }, "missing")).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/has no web hosting service missing\.example\.com/);
  });
});
