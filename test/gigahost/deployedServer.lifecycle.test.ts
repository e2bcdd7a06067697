import { createEmulatorClock } from "../../emulator/core";
import { DEFAULT_GIGAHOST_API_KEY, GigahostEmulator } from "../../emulator/gigahost";
import * as gigahost from "../../resources/gigahost";
import { deployBody } from "../../resources/gigahost/deployedServer";
import { deployedServerArgs } from "../../resources/gigahost/deployedServerArgs";
import { validateInputs } from "../../provider/inputs";
import { programResource } from "../harness/engine";
import { ProviderCallError, secretValue } from "../harness/providerHost";
import { upKilledDuringCreate } from "../support/crash";
import { startFixture } from "../support/fixture";
import { fixtureForFile } from "../support/fileFixture";
import { PlatformFixture, startGigahostPlatform } from "../support/gigahostFixture";
import { lateProxy } from "../support/lateProxy";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";

// A deployment: 30 s queued, 30 s provisioning, 4 min installing; 1.25 s at 240x.
const fixture = fixtureForFile(() => startGigahostPlatform({ timings: { deployQueueMs: 30_000, deployProvisionMs: 30_000, deployInstallMs: 4 * 60_000 } }));

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
  await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
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
  expect(String(failure.message)).toMatch(/Timed out after [0-9ms]+ waiting for Gigahost server \d+ to be deployed; last state: installing/);
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

describe("a `pulumi up` killed during the deployment, then run again: one order, one server, in state with its id", () => {
  const crashTest = async (crash: PlatformFixture, hostname: string, killOn: (r: { method: string; path: string }) => boolean) => {
    const ordered = () => crash.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/deploy/servers")).length;
    const orderedBefore = ordered();
    const resource = await deployed(`crash-${hostname}`, { ...BASE, hostname, name: "crash" });
    const { entry } = await upKilledDuringCreate(crash, resource, killOn);
    expect(ordered() - orderedBefore).toBe(1);
    const emulator = crash.brands.gigahost;
    const mine = emulator.servers.list().filter((server) => server.srv_hostname === hostname);
    expect(mine.map((server) => server.srv_id)).toEqual([entry.id]);
    // the create is complete: the label is the user's name, without the creation tag
    expect(emulator.servers.stored(entry.id)).toMatchObject({ label: "crash" });
    expect(entry.outputs).toMatchObject({ serverId: entry.id, status: "online", label: "crash", name: "crash", hostname });
    await crash.engine.destroy(resource.urn);
    expect(emulator.servers.list().filter((server) => server.srv_hostname === hostname)).toEqual([]);
  };

  test("just after the order was placed, before it named its server: the next create waits for the order's server and takes it", async () => {
    // The order names no host name: the next create recognises the half-made server while it is still
    // being installed (40 min here, 10 s at 240x: the next command must start within that).
    const slow = await startGigahostPlatform({ timings: { deployQueueMs: 30_000, deployProvisionMs: 30_000, deployInstallMs: 40 * 60_000 } });
    try {
      await crashTest(slow, "crash1.example.no", (r) => r.method === "POST" && r.path.endsWith("/deploy/servers"));
    } finally {
      await slow.stop();
    }
  });

  test("while installing, as the creation tag is written into the label (the next create may come after the installation ended)", async () => {
    await crashTest(fixture, "crash2.example.no", (r) => r.method === "PUT" && r.path.endsWith("/name"));
  });

  test("a finished server with the same host name is not taken: a replacement orders a new one", async () => {
    const { engine } = fixture;
    const first = await engine.up(await deployed("same-host", { ...BASE, hostname: "same.example.no" }));
    expect(api().servers.stored(first.entry.id)!.label).not.toMatch(/peh-/);
    const replaced = await engine.up(await deployed("same-host", { ...BASE, hostname: "same.example.no", backups: true }));
    expect(replaced.operation).toBe("replace");
    expect(replaced.entry.id).not.toBe(first.entry.id);
    await engine.destroy(replaced.entry.urn);
  });
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
  await expectRefusedByCheck(fixture, cases, (args) => deployed("bad", args as never));
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

test("an order that got no answer but was applied a moment later is not placed twice", async () => {
  const proxy = await lateProxy((request) => request.method === "POST" && request.path.endsWith("/deploy/servers"));
  const clock = createEmulatorClock({ scale: 240 });
  const emulator = new GigahostEmulator({ zoneWriteMs: 10, clock, timings: { deployQueueMs: 30_000, deployProvisionMs: 30_000, deployInstallMs: 4 * 60_000 } });
  const late = await startFixture(
    [emulator],
    (server) => ({ "gigahost:apiUrl": proxy.urlFor(server.urlFor("gigahost")), "gigahost:apiKey": secretValue(DEFAULT_GIGAHOST_API_KEY) }),
    { timeScale: 240, env: { EURO_HOSTING_REQUEST_TIMEOUT: "2s", EURO_HOSTING_SETTLE_TIME: "5m" } },
  );
  try {
    const { entry } = await late.engine.up(await deployed("late", { ...BASE, hostname: "late.example.no" }));
    expect(proxy.lateRequests).toHaveLength(1);
    // the emulator applied one order (the late one); the client never sent a second
    expect(late.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/deploy/servers"))).toHaveLength(1);
    expect(emulator.servers.list().map((server) => server.srv_id)).toEqual([entry.id]);
    expect(entry.outputs).toMatchObject({ status: "online", hostname: "late.example.no" });
  } finally {
    await late.stop();
    await proxy.close();
  }
});

test("a server a gigahost:Server resource holds is not taken by a DeployedServer create in the same run as its half-made deployment", async () => {
  const { engine } = fixture;
  // A server still installing (ordered in the control panel), untagged, taken over by a Server resource.
  const installing = api().servers.provision({ hostname: "held.example.no" }, api().clock.now() + 24 * 3_600_000);
  const adopted = await programResource(() => new gigahost.Server("adopted", { serverId: installing.id }));
  expect((await engine.up(adopted)).entry.id).toBe(installing.id);

  // In the same command, a DeployedServer with that host name: the held server is no candidate, a new one is ordered.
  const ordersBefore = posts("/deploy/servers").length;
  const fresh = await engine.up(await deployed("fresh", { ...BASE, hostname: "held.example.no" }));
  expect(fresh.entry.id).not.toBe(installing.id);
  expect(posts("/deploy/servers").length - ordersBefore).toBe(1);
  await engine.destroy(fresh.entry.urn);
  engine.state.delete(adopted.urn);
  api().servers.removeServer(installing.id);
});
