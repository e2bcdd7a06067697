import { DEFAULT_GIGAHOST_API_KEY } from "../../emulator/gigahost";
import * as gigahost from "../../resources/gigahost";
import { deployBody, deployedServerArgs } from "../../resources/gigahost/deployedServer";
import { validateInputs } from "../../provider/dynamic";
import { CheckFailedError, programResource } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { PlatformFixture, startGigahostPlatform } from "../support/gigahostFixture";

let fixture: PlatformFixture;
beforeAll(async () => {
  // A deployment: 30 s queued, 30 s provisioning, 4 min installing; 1.25 s at 240x.
  fixture = await startGigahostPlatform({ timings: { deployQueueMs: 30_000, deployProvisionMs: 30_000, deployInstallMs: 4 * 60_000 } });
});
afterAll(() => fixture.stop());

type Args = ConstructorParameters<typeof gigahost.DeployedServer>[1];
const deployed = (name: string, args: Args) => programResource(() => new gigahost.DeployedServer(name, args));
const api = () => fixture.brands.gigahost;
const posts = (suffix: string) => fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith(suffix));

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJq2zpxXkRZ1o0Yy0q5aW2yA4zS1wq8cQ0x9y0x8y7x6 ops@example.no";
const BASE: Args = { productId: "2058", priceId: "311", regionId: "1", hostname: "web1.example.no", osId: "101", sshKeys: [KEY] };

test("full lifecycle: order, follow until installed, no drift, rename in place, replace, drift, out-of-band delete, destroy cancels", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const v1 = await deployed("web", { ...BASE, name: "web-1" });
  const created = await engine.up(v1);
  expect(created.operation).toBe("create");
  const serverId = created.entry.id;
  const stored = api().servers.stored(serverId)!;
  expect(stored).toMatchObject({ hostname: "web1.example.no", label: "web-1", osId: "101", cores: 2, ramGb: 2 });
  expect(created.entry.outputs).toMatchObject({
    serverId,
    orderId: expect.stringMatching(/^\d+$/),
    hostname: "web1.example.no",
    name: "web-1",
    label: "web-1",
    status: "online",
    location: "DC2",
    type: "vps",
    billingPeriod: "monthly",
    backups: false,
    installedOs: { osId: "101", name: "Ubuntu 24.04 LTS 64-bit" },
    primaryIp: stored.ips[0].address,
  });
  // the deploy-time root password was captured while installing; it is a secret and never logged
  const password = created.entry.outputs.rootPassword as string;
  expect(password).toMatch(/^[\w-]{12,}$/);
  expect(fixture.host.stderr).not.toContain(password);
  // one order with the documented body; followed in /deploy/status, decided from /servers
  const orders = posts("/deploy/servers");
  expect(orders).toHaveLength(1);
  expect(fixture.server.requests.filter((r) => r.path.endsWith("/deploy/status") && r.query.ids).length).toBeGreaterThan(1);

  await engine.refresh(v1.urn);
  expect((await engine.preview(v1)).changes).toBe("none");
  expect((await engine.preview(await deployed("web", { ...BASE, name: "web-1", timeouts: { create: "2h" } }))).changes).toBe("none");

  // rename in place
  const v2 = await deployed("web", { ...BASE, name: "web-2" });
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  expect((await engine.up(v2)).operation).toBe("update");
  expect(api().servers.stored(serverId)!.label).toBe("web-2");

  // out-of-band rename: refresh reports exactly that, up converges
  api().servers.updateServer(serverId, { label: "renamed-elsewhere" });
  await fixture.newCommand();
  const drifted = await engine.refresh(v2.urn);
  expect(drifted?.outputs.name).toBe("renamed-elsewhere");
  expect(drifted?.outputs.rootPassword).toBe(password);
  expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(v2);
  expect(api().servers.stored(serverId)!.label).toBe("web-2");

  // another product replaces: the new server is deployed, then the old one cancelled
  const v3 = await deployed("web", { ...BASE, productId: "2059", priceId: "312", name: "web-2" });
  expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["productId", "priceId"] });
  const replaced = await engine.up(v3);
  expect(replaced.operation).toBe("replace");
  expect(replaced.entry.id).not.toBe(serverId);
  expect(api().servers.stored(serverId)).toBeUndefined();
  expect(api().servers.stored(replaced.entry.id)).toMatchObject({ cores: 4, ramGb: 4, label: "web-2" });
  expect(posts(`/servers/${serverId}/cancel`)).toHaveLength(1);

  // removed out of band: refresh reports it gone only after it stayed absent
  api().servers.removeServer(replaced.entry.id);
  await fixture.newCommand();
  expect(await engine.refresh(v3.urn)).toBeUndefined();

  // destroy cancels; the old state reads as gone; delete again succeeds
  const again = await engine.up(v3);
  expect(again.operation).toBe("create");
  const last = engine.entry(v3.urn);
  await engine.destroy(v3.urn);
  expect(api().servers.stored(last.id)).toBeUndefined();
  expect(posts(`/servers/${last.id}/cancel`)).toHaveLength(1);
  expect((await fixture.host.read(last.id, v3.urn, last.outputs, last.inputs)).id).toBe("");
  await fixture.host.delete(last.id, v3.urn, last.outputs);
  // the second cancel answered 404, read as already gone
  expect(posts(`/servers/${last.id}/cancel`)).toHaveLength(2);
  expect(fixture.host.stderr).not.toContain(password);
  // credentials stay out of the serialized provider, outputs and logs
  expect(String(v1.inputs.__provider)).not.toContain(DEFAULT_GIGAHOST_API_KEY);
  expect(JSON.stringify(last)).not.toContain(DEFAULT_GIGAHOST_API_KEY);
  expect(fixture.host.stderr).not.toContain(DEFAULT_GIGAHOST_API_KEY);
});

test("a deployment past its deadline keeps the server id and root password; the next up waits instead of ordering again", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  const resource = await deployed("slow", { ...BASE, hostname: "slow.example.no", timeouts: { create: "3m" } });
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toMatch(/Timed out after 3m waiting for Gigahost server \d+ to be deployed; last state: installing/);
  const partial = (failure as ProviderCallError).initFailure!;
  expect(api().servers.stored(partial.id)).toMatchObject({ hostname: "slow.example.no" });
  expect(partial.properties).toMatchObject({ serverId: partial.id, status: "installing", rootPassword: expect.any(String) });
  expect(fixture.host.stderr).not.toContain(partial.properties.rootPassword as string);
  expect(engine.entry(resource.urn).id).toBe(partial.id);

  // the next up (the engine calls update for a resource kept with an init error) finishes the wait
  const finished = await engine.up(await deployed("slow", { ...BASE, hostname: "slow.example.no" }));
  expect(finished.operation).toBe("update");
  expect(finished.entry.outputs).toMatchObject({ serverId: partial.id, status: "online", rootPassword: partial.properties.rootPassword });
  expect(posts("/deploy/servers")).toHaveLength(1);
  await engine.destroy(resource.urn);
});

test("a deployment that fails (the order vanishes, the server dies) fails clearly; cancelling the dead server answers 400 and counts as gone", async () => {
  const { engine } = fixture;
  fixture.server.resetRequests();
  // the server appears after 30 s and dies at 90 s, while provisioning
  api().deploy.failNextOrder(90_000);
  const resource = await deployed("doomed", { ...BASE, hostname: "doomed.example.no" });
  const failure = await engine.up(resource).catch((error) => error);
  expect(String(failure.message)).toMatch(/the deployment of server (\d+) \(order \d+\) failed: the order left the status view and the server stayed absent/);
  const deadId = /server (\d+)/.exec(String(failure.message))![1];
  expect(() => engine.entry(resource.urn)).toThrow("no state for");

  // cancel of a server that died while provisioning: 400, confirmed absent, success
  await fixture.host.delete(deadId, resource.urn, { __provider: resource.inputs.__provider, serverId: deadId });
  const cancels = fixture.server.requests.filter((r) => r.path.endsWith(`/servers/${deadId}/cancel`));
  expect(cancels.map((r) => r.status)).toEqual([400]);
  // a read of the dead server says gone; and the provider's stderr, which arrives alongside its answers, has been read by now
  expect((await fixture.host.read(deadId, resource.urn, { __provider: resource.inputs.__provider, serverId: deadId }, {})).id).toBe("");
  expect(fixture.host.stderr).toContain("cancel was refused");
});

test("an order that vanishes before naming its server is decided from /servers", async () => {
  const { engine } = fixture;
  api().deploy.failNextOrder(10_000);
  const failure = await engine.up(await deployed("early", { ...BASE, hostname: "early.example.no" })).catch((error) => error);
  expect(String(failure.message)).toMatch(/order \d+ left the status view without a server: the deployment failed/);
});

test("the vendor's refusals surface verbatim (region not offered for the product)", async () => {
  const resource = await deployed("wrong-region", { ...BASE, productId: "2059", priceId: "312", regionId: "2", hostname: "x.example.no" });
  await expect(fixture.engine.up(resource)).rejects.toThrow(/The product is not available in this region/);
});

test("bad input is caught at check with zero API calls", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...BASE, productId: "kvm" }, "productId"],
    [{ ...BASE, billingPeriod: "weekly" }, "billingPeriod"],
    [{ ...BASE, hostname: "not a host" }, "hostname"],
    [{ ...BASE, sshKeys: ["not-a-key"] }, "sshKeys.0"],
    [{ ...BASE, osId: undefined }, "osId"],
    [{ ...BASE, isoId: "12" }, "osId"],
    [{ ...BASE, rescue: true }, "osId"],
    [{ ...BASE, backups: "yes" }, "backups"],
    [{ ...BASE, name: "" }, "name"],
    [{ ...BASE, timeouts: { create: "soon" } }, "timeouts.create"],
    [{ ...BASE, quantity: 2 }, ""],
  ];
  fixture.server.resetRequests();
  for (const [args, property] of cases) {
    const failure = await fixture.engine.up(await deployed("bad", args as never)).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    if (property) expect((failure as CheckFailedError).failures.map((f) => f.property)).toContain(property);
  }
  expect(fixture.server.requests).toHaveLength(0);
});

test.each([
  [
    { ...BASE },
    { pid: 2058, price_id: 311, region_id: 1, os_id: 101, billing_period: "monthly", quantity: 1, hostnames: ["web1.example.no"], ssh_keys: [KEY], backups: 0 },
  ],
  [
    { productId: 3101, priceId: 401, regionId: 1, hostname: "Metal.Example.NO.", rescue: true, billingPeriod: "annual", backups: true },
    { pid: 3101, price_id: 401, region_id: 1, rescue: 1, billing_period: "annual", quantity: 1, hostnames: ["metal.example.no"], ssh_keys: [], backups: 1 },
  ],
  [
    { ...BASE, osId: undefined, isoId: "12", sshKeys: [] },
    { pid: 2058, price_id: 311, region_id: 1, iso_id: 12, billing_period: "monthly", quantity: 1, hostnames: ["web1.example.no"], ssh_keys: [], backups: 0 },
  ],
])("deployBody maps checked inputs to the order body (%#)", (raw, body) => {
  const { inputs, failures } = validateInputs(deployedServerArgs, raw as Record<string, unknown>);
  expect(failures).toEqual([]);
  expect(deployBody(inputs as never)).toEqual(body);
});
