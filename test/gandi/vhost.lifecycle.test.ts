import { DEFAULT_GANDI_API_KEY, DEFAULT_GANDI_TOKEN } from "../../emulator/gandi";
import { providerStub } from "../../provider/dynamic";
import { SimpleHostingVhost } from "../../resources/gandi";
import { CheckFailedError, programResource } from "../harness/engine";
import { ProviderCallError, secretValue } from "../harness/providerHost";
import { startGandi } from "../support/gandiFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGandi());
let instanceId: string;
let counter = 0;
beforeEach(() => {
  instanceId = fixture.gandi.addInstance({ name: `vhost-host-${++counter}` }).id;
});

type Args = ConstructorParameters<typeof SimpleHostingVhost>[1];
const vhost = (args: Omit<Args, "instanceId"> & { instanceId?: string }, name = "site") =>
  programResource(() => new SimpleHostingVhost(name, { instanceId, ...args } as Args));

test("full lifecycle: create and wait for running, no drift, in-place update, replace on fqdn, drift, converge, out-of-band delete, destroy", async () => {
  const { engine, gandi } = fixture;
  const v1 = await vhost({ fqdn: "www.example.com", application: { name: "wordpress" } });

  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  expect(created.entry.id).toBe(`${instanceId}/www.example.com`);
  expect(gandi.vhostStatus(instanceId, "www.example.com")).toBe("running");
  expect(created.entry.outputs).toMatchObject({
    status: "running",
    httpsStrategy: "allow_HTTP_and_HTTPS",
    application: { name: "wordpress" },
    applicationStatus: "running",
    linkedDnsZone: { allowAlteration: false, allowAlterationOverride: false },
    dns: { domain: "example.com", key: "www", isRoot: false, cname: "webredir.vip.gandi.net." },
  });
  expect(fixture.host.stderr).toContain("waiting for Gandi vhost www.example.com to be running: status being_created");

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");

  // in place: https strategy and the linked zone
  const v2 = await vhost({ fqdn: "www.example.com", application: { name: "wordpress" }, httpsStrategy: "redirect_HTTP_to_HTTPS", linkedDnsZone: { allowAlteration: true } });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(gandi.vhosts(instanceId)[0]).toMatchObject({ httpsStrategy: "redirect_HTTP_to_HTTPS", allowAlteration: true });
  await engine.refresh(v2.urn);
  expect((await engine.preview(v2)).changes).toBe("none");

  // out-of-band: refresh reports exactly the change, up converges
  gandi.modifyVhost(instanceId, "www.example.com", { httpsStrategy: "HTTP_only" });
  const refreshed = await engine.refresh(v2.urn);
  expect(refreshed?.inputs.httpsStrategy).toBe("HTTP_only");
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(gandi.vhosts(instanceId)[0].httpsStrategy).toBe("redirect_HTTP_to_HTTPS");

  // an fqdn change replaces (a Unicode name becomes Punycode), the old vhost is deleted first
  const v3 = await vhost({ fqdn: "Café.example.com.", application: { name: "wordpress" }, httpsStrategy: "redirect_HTTP_to_HTTPS", linkedDnsZone: { allowAlteration: true } });
  expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["fqdn"], deleteBeforeReplace: true });
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  expect(replaced.entry.outputs.fqdn).toBe("xn--caf-dma.example.com");
  expect(gandi.vhosts(instanceId).map((v) => v.fqdn)).toEqual(["xn--caf-dma.example.com"]);

  // out-of-band delete: refresh drops it, up creates it again
  gandi.removeVhost(instanceId, "xn--caf-dma.example.com");
  expect(await engine.refresh(v3.urn)).toBeUndefined();
  expect((await engine.up(v3)).operation).toBe("create");

  // destroy waits until gone; the old state reads as gone; deleting again succeeds
  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(gandi.vhosts(instanceId)).toHaveLength(0);
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
});

test("a vhost stuck in waiting_ownership is reported with the records to add, and the next up finishes it", async () => {
  const { engine, gandi, host } = fixture;
  gandi.requireOwnershipProof("shop.example.org");
  const resource = await vhost({ fqdn: "shop.example.org" }, "shop");
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  const message = String(failure.message);
  expect(message).toContain("waiting_ownership");
  expect(message).toContain(`shop TXT "gandi-simplehosting-verification=${instanceId.slice(0, 8)}" (in zone example.org)`);
  expect(message).toContain("shop CNAME webredir.vip.gandi.net. (in zone example.org)");
  // the vhost exists: its id is kept, nothing is created twice
  const initFailure = (failure as ProviderCallError).initFailure!;
  expect(initFailure.id).toBe(`${instanceId}/shop.example.org`);

  // the user adds the records; Gandi validates; the engine's next up updates the half-created resource
  gandi.validateOwnership("shop.example.org");
  const checked = await host.check(resource.urn, initFailure.properties, resource.inputs);
  const { properties } = await host.update(initFailure.id, resource.urn, initFailure.properties, checked.inputs);
  expect(properties).toMatchObject({ status: "running", fqdn: "shop.example.org" });
});

test("with allowAlteration it keeps waiting, and the timeouts input bounds the wait with the records in the error", async () => {
  const { engine, gandi } = fixture;
  gandi.requireOwnershipProof("blog.example.net");
  const resource = await vhost({ fqdn: "blog.example.net", linkedDnsZone: { allowAlteration: true }, timeouts: { create: "2m" } }, "blog");
  const failure = await engine.up(resource).catch((error) => error);
  // The wait gets what the look and the POST left of the 2m (one deadline per operation), so the figure it names may be lower.
  expect(String(failure.message)).toMatch(/Timed out after \S+ waiting for Gandi vhost blog.example.net to be running; last state: status waiting_ownership/);
  expect(String(failure.message)).toContain('blog TXT "gandi-simplehosting-verification=');
});

test("a vhost that already exists (running) is refused unless adopt is set; adoption applies the program's settings", async () => {
  const { engine, gandi } = fixture;
  gandi.addVhost(instanceId, "old.example.net", { httpsStrategy: "HTTP_only" });
  const plain = await vhost({ fqdn: "old.example.net", httpsStrategy: "redirect_HTTP_to_HTTPS" }, "old");
  await expect(engine.up(plain)).rejects.toThrow(/already exists on instance .* \(status running\)\. Set `adopt: true`/);
  const adopting = await vhost({ fqdn: "old.example.net", httpsStrategy: "redirect_HTTP_to_HTTPS", adopt: true }, "old");
  const adopted = await engine.up(adopting);
  expect(adopted.operation).toBe("create");
  expect(gandi.vhosts(instanceId)).toHaveLength(1);
  expect(gandi.vhosts(instanceId)[0].httpsStrategy).toBe("redirect_HTTP_to_HTTPS");
  expect((await engine.preview(adopting)).changes).toBe("none");
});

test("bad input is caught at check with zero API calls", async () => {
  const { engine, server } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ instanceId: "123", fqdn: "a.example.com" }, "instanceId"],
    [{ fqdn: "not a domain" }, "fqdn"],
    [{ fqdn: "nodot" }, "fqdn"],
    [{ fqdn: "a.example.com", httpsStrategy: "always" }, "httpsStrategy"],
    [{ fqdn: "a.example.com", application: { name: "" } }, "application.name"],
    [{ fqdn: "a.example.com", linkedDnsZone: { allowAlteration: false, allowAlterationOverride: true } }, "linkedDnsZone.allowAlterationOverride"],
    // POST vhost: `allow_alteration` is Required inside `linked_dns_zone`
    [{ fqdn: "a.example.com", linkedDnsZone: { allowAlterationOverride: false } }, "linkedDnsZone.allowAlteration"],
    [{ fqdn: "a.example.com", timeouts: { create: "forever" } }, "timeouts.create"],
  ];
  await expectRefusedByCheck({ engine, server }, cases, (args) => vhost(args as never, "bad"));
});

test("removing the application is refused at check (Gandi cannot uninstall one)", async () => {
  const { engine, server } = fixture;
  const first = await vhost({ fqdn: "app.example.com", application: { name: "wordpress" } }, "app");
  await engine.up(first);
  server.resetRequests();
  const failure = await engine.up(await vhost({ fqdn: "app.example.com" }, "app")).catch((error) => error);
  expect((failure as CheckFailedError).failures.map((f) => f.property)).toEqual(["application"]);
  expect(server.requests).toHaveLength(0);
});

describe("credentials", () => {
  test("the deprecated API key works, sent as Apikey, with one deprecation warning per process", async () => {
    const legacy = await startGandi({}, (url) => ({ "gandi:apiUrl": url, "gandi:apiKey": secretValue(DEFAULT_GANDI_API_KEY) }));
    try {
      const id = legacy.gandi.addInstance({ name: "apikey-host" }).id;
      for (const fqdn of ["k1.example.com", "k2.example.com"]) {
        await legacy.engine.up(await programResource(() => new SimpleHostingVhost(fqdn, { instanceId: id, fqdn })));
      }
      expect(legacy.gandi.vhosts(id)).toHaveLength(2);
      expect(legacy.host.stderr.match(/API keys .* are deprecated by Gandi/g)).toHaveLength(1);
      expect(legacy.host.stderr).toContain("gandi:personalAccessToken / GANDI_PERSONAL_ACCESS_TOKEN");
      expect(legacy.host.stderr).not.toContain(DEFAULT_GANDI_API_KEY);
    } finally {
      await legacy.stop();
    }
  });

  test("a refused token surfaces Gandi's own words; missing credentials name both keys and variables", async () => {
    const refused = await startGandi({}, (url) => ({ "gandi:apiUrl": url, "gandi:personalAccessToken": secretValue("pat_revoked-token-value") }));
    const none = await startGandi({}, (url) => ({ "gandi:apiUrl": url }));
    try {
      const id = refused.gandi.addInstance({ name: "refused-host" }).id;
      const denied = await refused.engine.up(await programResource(() => new SimpleHostingVhost("d", { instanceId: id, fqdn: "d.example.com" }))).catch((e) => e);
      expect(String(denied.message)).toContain("answered 403: The access token has expired, does not have enough permissions or does not exist. (cause: Forbidden, object: HTTPForbidden)");
      expect(String(denied.message)).not.toContain("pat_revoked-token-value");

      const missing = await none.engine.up(await programResource(() => new SimpleHostingVhost("m", { instanceId: id, fqdn: "m.example.com" }))).catch((e) => e);
      expect(String(missing.message)).toContain("gandi:personalAccessToken / GANDI_PERSONAL_ACCESS_TOKEN");
      expect(String(missing.message)).toContain("gandi:apiKey / GANDI_API_KEY");
      expect(none.server.requests).toHaveLength(0);
    } finally {
      await refused.stop();
      await none.stop();
    }
  });

  test("secrets stay out of the serialized provider and the logs", async () => {
    const resource = await vhost({ fqdn: "s.example.com" }, "secret");
    await fixture.engine.up(resource);
    // The stub is a function of the kind alone: nothing of the settings or the inputs is in it.
    expect(resource.inputs.__provider).toBe(providerStub("gandi:SimpleHostingVhost"));
    const everything = JSON.stringify([resource.inputs, fixture.engine.entry(resource.urn)]) + fixture.host.stderr;
    expect(everything).not.toContain(DEFAULT_GANDI_TOKEN);
  });
});

test("without a certificate Gandi shows no https_strategy: refresh keeps the program's value and shows no drift", async () => {
  const { engine, gandi, server } = fixture;
  const resource = await vhost({ fqdn: "nocert.example.com", httpsStrategy: "redirect_HTTP_to_HTTPS" }, "nocert");
  await engine.up(resource);
  gandi.modifyVhost(instanceId, "nocert.example.com", { certificate: false });
  const refreshed = await engine.refresh(resource.urn);
  expect(refreshed?.outputs).toMatchObject({ certificates: [], httpsStrategy: "redirect_HTTP_to_HTTPS" });
  server.resetRequests();
  expect((await engine.preview(resource)).changes).toBe("none");
  await engine.up(resource);
  expect(server.requests.filter((request) => request.method === "PATCH")).toHaveLength(0);
});
