// getIsos, getTrafficGraphs and openIpmiSession at both brands (each brand's document lists the endpoints).
import * as pulumi from "@pulumi/pulumi";
import type { EmulatorServer } from "../../emulator/core";
import type { GigahostEmulator } from "../../emulator/gigahost";
import type { TerrahostEmulator } from "../../emulator/terrahost";
import * as gigahost from "../../resources/gigahost";
import * as terrahost from "../../resources/terrahost";
import { startBrandEmulators } from "../support/brandEmulators";

let server: EmulatorServer;
let gigahostApi: GigahostEmulator;
let terrahostApi: TerrahostEmulator;

beforeAll(async () => {
  ({ server, gigahostApi, terrahostApi } = await startBrandEmulators());
});

afterAll(async () => {
  await server.close();
});

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
/** Whether an Output's value is known (false for an unknown value during a preview): Output's own internal promise. */
const isKnown = (output: pulumi.Output<unknown>) => (output as unknown as { isKnown: Promise<boolean> }).isKnown;
const mocks: pulumi.runtime.Mocks = { newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs };

describe.each([
  ["gigahost", gigahost, () => gigahostApi],
  ["terrahost", terrahost, () => terrahostApi],
] as const)("%s", (brand, lookups, api) => {
  test("getIsos lists the account's ISOs and which is mounted on the server", async () => {
    const vps = api().servers.addServer({ label: `iso.${brand}` });
    const debian = api().servers.addIso({ name: "debian-12.iso", sizeBytes: 650_000_000 });
    const uploading = api().servers.addIso({ name: "big.iso", state: "uploading" });
    api().servers.updateServer(vps.id, { mountedIsoId: debian.id });
    expect(await lookups.getIsos({ serverId: Number(vps.id) })).toEqual([
      { isoId: debian.id, name: "debian-12.iso", url: debian.url, state: "ready", sizeBytes: 650_000_000, mounted: true },
      { isoId: uploading.id, name: "big.iso", url: uploading.url, state: "uploading", sizeBytes: 0, mounted: false },
    ]);
    await expect(lookups.getIsos({ serverId: "srv-1" })).rejects.toThrow(/getIsos: serverId must be the server id \(digits\)/);
  });

  test("getTrafficGraphs reads the bandwidth (port_bits) or packet (port_upkts) graphs", async () => {
    const vps = api().servers.addServer();
    server.resetRequests();
    const bits = await lookups.getTrafficGraphs({ serverId: vps.id });
    const packets = await lookups.getTrafficGraphs({ serverId: vps.id, counter: "packets" });
    expect(bits).toMatchObject({ counter: "bits", day: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
    expect(packets.counter).toBe("packets");
    expect(Buffer.from(packets.year!, "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(server.requests.map((r) => r.path.replace(/^.*\/servers\/\d+/, ""))).toEqual(["/port_bits", "/port_upkts"]);
    await expect(lookups.getTrafficGraphs({ serverId: vps.id, counter: "bytes" as never })).rejects.toThrow(/counter must be "bits" or "packets"/);
  });

  test("openIpmiSession opens a KVM/IPMI session and returns the password as a secret", async () => {
    const vps = api().servers.addServer();
    const session = await lookups.openIpmiSession({ serverId: vps.id });
    const stored = api().servers.stored(vps.id)!.ipmi!;
    expect({ address: await valueOf(session.address), username: await valueOf(session.username) }).toEqual({ address: stored.address, username: stored.username });
    expect(await pulumi.isSecret(session.password)).toBe(true);
    expect(await valueOf(session.password)).toBe(stored.password);
    // no plain-text copy of the password in what the function returns
    expect(JSON.stringify({ ...session, password: undefined })).not.toContain(stored.password);
  });

  test("openIpmiSession opens no session during a preview (it would replace the console's credentials): its fields are unknown", async () => {
    const vps = api().servers.addServer();
    const earlier = await lookups.openIpmiSession({ serverId: vps.id });
    const before = api().servers.stored(vps.id)!.ipmi!;
    await pulumi.runtime.setMocks(mocks, "p", "s", true);
    try {
      server.resetRequests();
      const previewed = await lookups.openIpmiSession({ serverId: vps.id });
      expect(server.requests).toEqual([]);
      for (const field of [previewed.address, previewed.username, previewed.password]) expect(await isKnown(field)).toBe(false);
      expect(await pulumi.isSecret(previewed.password)).toBe(true);
    } finally {
      await pulumi.runtime.setMocks(mocks, "p", "s", false);
    }
    // the session opened before still holds
    expect(api().servers.stored(vps.id)!.ipmi).toEqual(before);
    expect(await valueOf(earlier.password)).toBe(before.password);
  });
});
