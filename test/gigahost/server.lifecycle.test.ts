import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { CheckFailedError } from "../harness/engine";
import { ProviderCallError } from "../harness/providerHost";
import { brandResource, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { expectReadGoneAndDeleteSucceeds } from "../support/goneObject";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform({ timings: { reinstallMs: 2 * 60_000 } }));

const server = brandResource({ gigahost: gigahost.Server, terrahost: terrahost.Server });
const reinstalls = () => fixture.server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/reinstall"));

const UBUNTU_18 = { osId: "72", language: "en_US", keyboard: "no", timezone: "Europe/Oslo", hostname: "web.example.no" };

describe.each(["gigahost", "terrahost"] as const)("%s:Server", (brand) => {
  const emulator = () => fixture.brands[brand].servers;

  test("full lifecycle: take over, no drift, rename, replace by serverId, drift, transient absence, out-of-band delete, destroy", async () => {
    const { engine, host } = fixture;
    fixture.server.resetRequests();
    const first = emulator().addServer({ label: "original", ipv4Count: 2, ipv6SubnetCount: 1, disksGb: [20, 40], cores: 4, ramGb: 8 });
    const v1 = await server(brand, "srv", { serverId: first.id, name: "web-1" });

    const created = await engine.up(v1);
    expect(created.operation).toBe("create");
    expect(created.entry.id).toBe(first.id);
    expect(emulator().stored(first.id)!.label).toBe("web-1");
    expect(created.entry.outputs).toMatchObject({
      serverId: first.id,
      name: "web-1",
      label: "web-1",
      status: "online",
      location: "DC2",
      type: "vps",
      virtualization: "kvm",
      cores: 4,
      ramGb: 8,
      primaryIp: first.ips[0].address,
      installedOs: { osId: "72", name: "Ubuntu 18.04 LTS 64-bit" },
      poweredOn: true,
      rootPassword: null,
    });
    // unmanaged inputs stay out of state
    expect(created.entry.outputs).not.toHaveProperty("powerState");
    expect(created.entry.outputs).not.toHaveProperty("os");
    expect(created.entry.outputs.disks).toEqual([
      { diskId: first.disks[0].id, type: "SSD", sizeGb: 20 },
      { diskId: first.disks[1].id, type: "SSD", sizeGb: 40 },
    ]);
    expect((created.entry.outputs.ipv4 as { ipId: string }[]).map((ip) => ip.ipId)).toEqual(first.ips.map((ip) => ip.id));
    expect(created.entry.outputs.ipv6Subnets).toEqual([
      { subnetId: first.subnets[0].id, cidr: `${first.subnets[0].network}/48`, gateway: first.subnets[0].gateway, nameServer: null },
    ]);
    // only this brand's API was called
    expect(fixture.server.requests.every((r) => r.vendor === brand)).toBe(true);

    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // rename in place
    const v2 = await server(brand, "srv", { serverId: first.id, name: "web-2" });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    expect((await engine.up(v2)).operation).toBe("update");
    expect(emulator().stored(first.id)!.label).toBe("web-2");

    // out-of-band rename: refresh reports exactly that, up converges
    emulator().updateServer(first.id, { label: "renamed-elsewhere" });
    const drifted = await engine.refresh(v2.urn);
    expect(drifted?.outputs.name).toBe("renamed-elsewhere");
    expect(drifted?.inputs.name).toBe("renamed-elsewhere");
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    await engine.up(v2);
    expect(emulator().stored(first.id)!.label).toBe("web-2");
    expect((await engine.preview(v2)).changes).toBe("none");

    // the listing omits the server for 30 s (docs/gigahost.md, "Vendor quirks handled"): refresh keeps it
    emulator().hideServer(first.id, 30_000);
    const kept = await engine.refresh(v2.urn);
    expect(kept?.id).toBe(first.id);
    expect(host.stderr).toContain("to be listed again");

    // another serverId replaces: the new server is taken over, the old one is left running
    const second = emulator().addServer({ label: "second" });
    const v3 = await server(brand, "srv", { serverId: second.id, name: "web-3" });
    expect(await engine.preview(v3)).toMatchObject({ changes: "some", replaces: ["serverId"] });
    expect((await engine.up(v3)).operation).toBe("replace");
    expect(emulator().stored(first.id)).toBeDefined();
    expect(emulator().stored(second.id)!.label).toBe("web-3");

    // gone for good: refresh confirms the absence over repeated reads, then drops it
    const last = engine.entry(v3.urn);
    emulator().removeServer(second.id);
    expect(await engine.refresh(v3.urn)).toBeUndefined();

    // destroy of the old state, then a read of it, then delete again
    await fixture.host.delete(last.id, v3.urn, last.outputs);
    await expectReadGoneAndDeleteSucceeds(fixture.host, last, v3.urn);
    // checked last: the provider's stderr arrives alongside, not before, its answers
    expect(host.stderr).toContain("treating it as gone");
  });

  test("destroy stops managing without touching the server", async () => {
    const { engine } = fixture;
    const kept = emulator().addServer({ label: "keep-me" });
    const resource = await server(brand, "keeper", { serverId: kept.id });
    await engine.up(resource);
    fixture.server.resetRequests();
    await engine.destroy(resource.urn);
    expect(fixture.server.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
    expect(emulator().stored(kept.id)!.label).toBe("keep-me");
  });

  test("os: takeover of a matching OS does not reinstall; a change needs allowReinstall; the root password is a secret output", async () => {
    const { engine, host } = fixture;
    const target = emulator().addServer({ osId: "72" });
    const same = await server(brand, "os", { serverId: target.id, os: UBUNTU_18 });
    fixture.server.resetRequests();
    await engine.up(same);
    expect(reinstalls()).toHaveLength(0);
    expect(engine.entry(same.urn).outputs.os).toEqual(UBUNTU_18);
    await engine.refresh(same.urn);
    expect((await engine.preview(same)).changes).toBe("none");

    // without consent the plan fails, before any API call
    const debian = { ...UBUNTU_18, osId: "110", hostname: "db.example.no" };
    const refused = await server(brand, "os", { serverId: target.id, os: debian });
    fixture.server.resetRequests();
    const failure = await engine.preview(refused).catch((error) => error);
    expect(failure).toBeInstanceOf(CheckFailedError);
    expect((failure as CheckFailedError).failures[0]).toMatchObject({ property: "os" });
    expect((failure as CheckFailedError).failures[0].reason).toMatch(/erases its disks; set `allowReinstall: true`/);
    expect(fixture.server.requests).toHaveLength(0);

    // with consent: reinstall, wait for the install on the (accelerated) clock
    const consented = await server(brand, "os", { serverId: target.id, os: debian, allowReinstall: true });
    const updated = await engine.up(consented);
    expect(updated.operation).toBe("update");
    expect(reinstalls()).toHaveLength(1);
    expect(emulator().stored(target.id)).toMatchObject({ osId: "110", hostname: "db.example.no" });
    expect(updated.entry.outputs.status).toBe("online");
    const password = updated.entry.outputs.rootPassword as string;
    expect(password).toMatch(/^[A-Za-z0-9_-]{12,}$/);
    expect(host.stderr).not.toContain(password);
    // the password survives a refresh (the API cannot give it again)
    expect((await engine.refresh(consented.urn))?.outputs.rootPassword).toBe(password);
    expect((await engine.preview(consented)).changes).toBe("none");

    // reinstalled elsewhere: refresh shows the OS drift, and putting it back needs consent again
    emulator().updateServer(target.id, { osId: "101" });
    const drifted = await engine.refresh(consented.urn);
    expect((drifted?.outputs.os as { osId: string }).osId).toBe("101");
    expect((drifted?.outputs.installedOs as { osId: string }).osId).toBe("101");
    const back = await server(brand, "os", { serverId: target.id, os: debian });
    await expect(engine.preview(back)).rejects.toBeInstanceOf(CheckFailedError);
  });

  test("takeover with a different OS and no consent fails with an explanation, and reinstalls nothing", async () => {
    const target = emulator().addServer({ osId: "72" });
    const resource = await server(brand, "noconsent", { serverId: target.id, os: { ...UBUNTU_18, osId: "101" } });
    fixture.server.resetRequests();
    await expect(fixture.engine.up(resource)).rejects.toThrow(/reinstalls it and erases its disks; set `allowReinstall: true`/);
    expect(reinstalls()).toHaveLength(0);
  });
});

test("a reinstall past its deadline keeps the root password in the partial state", async () => {
  const target = fixture.brands.gigahost.servers.addServer({ osId: "72" });
  const { engine } = fixture;
  const base = await server("gigahost", "slow", { serverId: target.id, os: UBUNTU_18 });
  await engine.up(base);
  const resource = await server("gigahost", "slow", {
    serverId: target.id,
    os: { ...UBUNTU_18, osId: "101" },
    allowReinstall: true,
    timeouts: { update: "30s" },
  });
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toMatch(/Timed out after [0-9ms]+ waiting for Gigahost server \d+ to finish installing/);
  expect((failure as ProviderCallError).initFailure?.properties.rootPassword).toEqual(expect.any(String));
  expect(fixture.host.stderr).not.toContain((failure as ProviderCallError).initFailure?.properties.rootPassword as string);
});

test("power: dedicated servers switch off and on, drift included; KVM VPS refuse with a clear error", async () => {
  const { engine } = fixture;
  const emulator = fixture.brands.gigahost.servers;
  const dedicated = emulator.addServer({ type: "dedicated" });
  const off = await server("gigahost", "power", { serverId: dedicated.id, powerState: "off" });
  const created = await engine.up(off);
  expect(emulator.stored(dedicated.id)!.poweredOn).toBe(false);
  expect(created.entry.outputs).toMatchObject({ powerState: "off", poweredOn: false, status: "offline" });
  expect((await engine.preview(off)).changes).toBe("none");

  emulator.updateServer(dedicated.id, { poweredOn: true });
  expect((await engine.refresh(off.urn))?.outputs.powerState).toBe("on");
  expect(await engine.preview(off)).toMatchObject({ changes: "some", replaces: [] });
  await engine.up(off);
  expect(emulator.stored(dedicated.id)!.poweredOn).toBe(false);

  const vps = emulator.addServer({ type: "vps" });
  const refused = await server("gigahost", "vpspower", { serverId: vps.id, powerState: "off" });
  await expect(engine.up(refused)).rejects.toThrow(/does not support power off for server \d+ \(Power control is not supported for this server\.\).*Remove `powerState`/);
  expect(emulator.stored(vps.id)!.poweredOn).toBe(true);
});

test.each(["gigahost", "terrahost"] as const)('%s: a server whose powerstate is not readable ("if supported") is taken over and managed without it', async (brand) => {
  const { engine } = fixture;
  const emulator = fixture.brands[brand].servers;
  const quiet = emulator.addServer({ type: "dedicated", powerStateReadable: false });
  const plain = await server(brand, "nopowerstate", { serverId: quiet.id, name: "quiet" });
  const created = await engine.up(plain);
  expect(created.entry.outputs).toMatchObject({ poweredOn: null, label: "quiet" });
  expect(await engine.refresh(plain.urn)).toMatchObject({ outputs: expect.objectContaining({ poweredOn: null }) });
  expect((await engine.preview(plain)).changes).toBe("none");

  // powerState managed: the command is sent (it cannot be known whether it is needed), and no drift is invented.
  emulator.updateServer(quiet.id, { poweredOn: false });
  const on = await server(brand, "nopowerstate", { serverId: quiet.id, name: "quiet", powerState: "on" });
  await engine.up(on);
  expect(emulator.stored(quiet.id)!.poweredOn).toBe(true);
  expect(engine.entry(on.urn).outputs).toMatchObject({ powerState: "on", poweredOn: null });
  await engine.refresh(on.urn);
  expect((await engine.preview(on)).changes).toBe("none");
  await engine.destroy(on.urn);
  expect(emulator.stored(quiet.id)).toBeDefined();
});

test("a server the account does not have is refused at create", async () => {
  const resource = await server("terrahost", "missing", { serverId: "999999" });
  await expect(fixture.engine.up(resource)).rejects.toThrow(/Terrahost account has no server 999999/);
});

test("bad input is caught at check with zero API calls", async () => {
  const { engine, server: emulatorServer } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ serverId: "srv-12" }, "serverId"],
    [{ serverId: "12", name: "" }, "name"],
    [{ serverId: "12", powerState: "sleep" }, "powerState"],
    [{ serverId: "12", os: { ...UBUNTU_18, language: "english" } }, "os.language"],
    [{ serverId: "12", os: { ...UBUNTU_18, timezone: "Oslo" } }, "os.timezone"],
    [{ serverId: "12", os: { ...UBUNTU_18, hostname: "bad_host!" } }, "os.hostname"],
    [{ serverId: "12", os: { ...UBUNTU_18, osId: "ubuntu" } }, "os.osId"],
    [{ serverId: "12", allowReinstall: "yes" }, "allowReinstall"],
    [{ serverId: "12", timeouts: { update: "soon" } }, "timeouts.update"],
  ];
  const brandCases = (["gigahost", "terrahost"] as const).flatMap((brand) => cases.map(([args, property]) => [{ brand, args }, property] as const));
  await expectRefusedByCheck({ engine, server: emulatorServer }, brandCases, ({ brand, args }) => server(brand, "bad", args as never));
});
