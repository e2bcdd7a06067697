// Server's packageId (resize), mountedIsoId and rebootTrigger, at both brands
// (each brand's document lists /servers/{id}/upgrade, /isos and /reboot).
import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { ProviderCallError } from "../harness/providerHost";
import { brandResource, startGigahostPlatform } from "../support/gigahostFixture";
import { expectRefusedByCheck } from "../support/checkRefusals";
import { fixtureForFile } from "../support/fileFixture";

const fixture = fixtureForFile(() => startGigahostPlatform({ timings: { upgradeMs: 2 * 60_000 } }));

const server = brandResource({ gigahost: gigahost.Server, terrahost: terrahost.Server });
const sent = (method: string, suffix: string) => fixture.server.requests.filter((r) => r.method === method && r.path.endsWith(suffix));

describe.each(["gigahost", "terrahost"] as const)("%s:Server", (brand) => {
  const emulator = () => fixture.brands[brand].servers;

  test("packageId: resize in place and wait until applied, drift after a resize elsewhere, a package not offered is refused naming the offered ones", async () => {
    const { engine } = fixture;
    const vps = emulator().addServer({ label: "small", cores: 2, ramGb: 2 });
    const v1 = await server(brand, "sized", { serverId: vps.id, packageId: "3" });
    fixture.server.resetRequests();
    const created = await engine.up(v1);
    expect(created.entry.outputs.packageId).toBe("3");
    // already on package 3: nothing sent
    expect(sent("POST", "/upgrade")).toHaveLength(0);
    expect((await engine.preview(v1)).changes).toBe("none");

    const v2 = await server(brand, "sized", { serverId: vps.id, packageId: 4 });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await engine.up(v2);
    expect(updated.operation).toBe("update");
    expect(sent("POST", "/upgrade")).toHaveLength(1);
    // the update returned only once the server showed the new package
    expect(updated.entry.outputs).toMatchObject({ packageId: "4", cores: 4, ramGb: 4 });
    expect(emulator().stored(vps.id)).toMatchObject({ productId: "2059", cores: 4, upgrade: null });
    await engine.refresh(v2.urn);
    expect((await engine.preview(v2)).changes).toBe("none");

    // resized elsewhere: refresh shows it, up puts it back
    emulator().updateServer(vps.id, { productId: "2058" });
    expect((await engine.refresh(v2.urn))?.outputs.packageId).toBe("3");
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    await engine.up(v2);
    expect(emulator().stored(vps.id)!.productId).toBe("2059");

    // a package the server is not offered: refused before any upgrade is sent
    fixture.server.resetRequests();
    const refused = await engine.up(await server(brand, "sized", { serverId: vps.id, packageId: "99" })).catch((error) => error);
    expect(refused).toBeInstanceOf(ProviderCallError);
    expect(String(refused.message)).toMatch(/packageId 99 is not offered for this server; offered: 3 \(KVM 2048\), 4 \(KVM 4096\)/);
    expect(sent("POST", "/upgrade")).toHaveLength(0);

    await engine.destroy(v2.urn);
    expect(emulator().stored(vps.id)).toMatchObject({ productId: "2059" });
  });

  test("mountedIsoId: mounts in place, a mount elsewhere shows as drift; rebootTrigger reboots once per change", async () => {
    const { engine } = fixture;
    const vps = emulator().addServer({ label: "iso" });
    const installer = emulator().addIso({ name: "debian-12.iso" });
    const rescue = emulator().addIso({ name: "rescue.iso" });

    const v1 = await server(brand, "iso", { serverId: vps.id, mountedIsoId: installer.id, rebootTrigger: "1" });
    fixture.server.resetRequests();
    const created = await engine.up(v1);
    expect(created.entry.outputs).toMatchObject({ mountedIsoId: installer.id, rebootTrigger: "1" });
    expect(emulator().stored(vps.id)!.mountedIsoId).toBe(installer.id);
    // create takes the server over: no reboot
    expect(sent("GET", "/reboot")).toHaveLength(0);
    await engine.refresh(v1.urn);
    expect((await engine.preview(v1)).changes).toBe("none");

    // another ISO, and the trigger changes: one mount, one reboot
    const v2 = await server(brand, "iso", { serverId: vps.id, mountedIsoId: rescue.id, rebootTrigger: 2 });
    expect(await engine.preview(v2)).toMatchObject({ changes: "some", replaces: [] });
    await engine.up(v2);
    expect(emulator().stored(vps.id)!.mountedIsoId).toBe(rescue.id);
    // one mount at create, one now
    expect(sent("POST", "/isos")).toHaveLength(2);
    expect(sent("GET", "/reboot")).toHaveLength(1);
    // an unchanged trigger does not reboot again
    await engine.refresh(v2.urn);
    expect((await engine.preview(v2)).changes).toBe("none");
    await engine.up(v2);
    expect(sent("GET", "/reboot")).toHaveLength(1);

    // mounted elsewhere: refresh shows the drift, up mounts the program's ISO again
    emulator().updateServer(vps.id, { mountedIsoId: installer.id });
    expect((await engine.refresh(v2.urn))?.outputs.mountedIsoId).toBe(installer.id);
    await engine.up(v2);
    expect(emulator().stored(vps.id)!.mountedIsoId).toBe(rescue.id);

    // an ISO still uploading is refused by the vendor, verbatim
    const uploading = emulator().addIso({ name: "big.iso", state: "uploading" });
    await expect(engine.up(await server(brand, "iso", { serverId: vps.id, mountedIsoId: uploading.id, rebootTrigger: 2 }))).rejects.toThrow(
      /ISO is still uploading/,
    );

    // removing the inputs unmanages them: nothing is sent, the ISO stays mounted (no unmount endpoint)
    fixture.server.resetRequests();
    const v3 = await server(brand, "iso", { serverId: vps.id });
    await engine.up(v3);
    expect(fixture.server.requests.filter((r) => r.method !== "GET" || r.path.endsWith("/reboot"))).toHaveLength(0);
    expect(engine.entry(v3.urn).outputs).not.toHaveProperty("mountedIsoId");
    expect(emulator().stored(vps.id)!.mountedIsoId).toBe(rescue.id);
  });
});

test("an upgrade past its deadline keeps the package asked for in the partial state: the next up does not send it again", async () => {
  const { engine } = fixture;
  const vps = fixture.brands.gigahost.servers.addServer();
  await engine.up(await server("gigahost", "slowresize", { serverId: vps.id, packageId: "3" }));
  const resource = await server("gigahost", "slowresize", { serverId: vps.id, packageId: "4", timeouts: { update: "30s" } });
  fixture.server.resetRequests();
  const failure = await engine.up(resource).catch((error) => error);
  expect(failure).toBeInstanceOf(ProviderCallError);
  expect(String(failure.message)).toMatch(/waiting for Gigahost server \d+ to show package 4/);
  expect((failure as ProviderCallError).initFailure?.properties.packageId).toBe("4");
  expect(sent("POST", "/upgrade")).toHaveLength(1);
  // the next up, the upgrade still running (the vendor refuses a second one meanwhile), waits for it instead of sending it again
  fixture.brands.gigahost.servers.prolongUpgrade(vps.id, 20 * 60_000);
  const finished = await engine.up(await server("gigahost", "slowresize", { serverId: vps.id, packageId: "4" }));
  expect(sent("POST", "/upgrade")).toHaveLength(1);
  expect(finished.entry.outputs).toMatchObject({ packageId: "4", cores: 4 });
  expect((await engine.refresh(resource.urn))?.outputs.packageId).toBe("4");
});

test("packageId on a dedicated server (offered no packages) fails naming packageId", async () => {
  const dedicated = fixture.brands.gigahost.servers.addServer({ type: "dedicated" });
  const failure = await fixture.engine.up(await server("gigahost", "metal", { serverId: dedicated.id, packageId: "4" })).catch((error) => error);
  expect(String(failure.message)).toMatch(/packageId 4 is not offered for this server; it is offered no packages/);
});

test("bad packageId, mountedIsoId and rebootTrigger are caught at check with zero API calls", async () => {
  const { engine, server: emulatorServer } = fixture;
  const cases: [Record<string, unknown>, string][] = [
    [{ serverId: "12", packageId: "kvm4096" }, "packageId"],
    [{ serverId: "12", packageId: "" }, "packageId"],
    [{ serverId: "12", packageId: true }, "packageId"],
    [{ serverId: "12", mountedIsoId: "debian.iso" }, "mountedIsoId"],
    [{ serverId: "12", mountedIsoId: -1 }, "mountedIsoId"],
    [{ serverId: "12", rebootTrigger: "" }, "rebootTrigger"],
    [{ serverId: "12", rebootTrigger: { at: "now" } }, "rebootTrigger"],
  ];
  const brandCases = (["gigahost", "terrahost"] as const).flatMap((brand) => cases.map(([args, property]) => [{ brand, args }, property] as const));
  await expectRefusedByCheck({ engine, server: emulatorServer }, brandCases, ({ brand, args }) => server(brand, "bad", args as never));
});
