import * as pulumi from "@pulumi/pulumi";
import { createEmulatorClock, startEmulatorServer } from "../../emulator/core";
import { DEFAULT_ZONEID_API_KEY, DEFAULT_ZONEID_USERNAME, ZoneidEmulator } from "../../emulator/zoneid";
import { getCloudOrderOptions, getCloudServer, getDomains, getRecords, getZone } from "../../resources/zoneid";

test("lookups run in the program process with the stack's zoneid config, reading every page", async () => {
  const clock = createEmulatorClock();
  const zoneid = new ZoneidEmulator({ clock });
  const server = await startEmulatorServer([zoneid]);
  try {
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    pulumi.runtime.setAllConfig(
      { "zoneid:apiUrl": server.urlFor("zoneid"), "zoneid:username": DEFAULT_ZONEID_USERNAME, "zoneid:apiKey": DEFAULT_ZONEID_API_KEY },
      ["zoneid:apiKey"],
    );

    // getZone / getRecords
    zoneid.addZone("lookup.example.com", { ipv6: false });
    zoneid.addRecord("lookup.example.com", "mx", { name: "lookup.example.com", destination: "mx.example.net", priority: 10 });
    zoneid.addRecord("lookup.example.com", "a", { name: "www.lookup.example.com", destination: "192.0.2.8" });
    expect(await getZone({ name: "Lookup.Example.com." })).toEqual({ name: "lookup.example.com", active: true, ipv6: false });
    await expect(getZone({ name: "missing.example.com" })).rejects.toThrow(/no DNS zone named "missing\.example\.com"/);
    // Names that would change the request path are refused before any request, naming the argument.
    server.resetRequests();
    await expect(getZone({ name: ".." })).rejects.toThrow('getZone: `name` is not a DNS zone name such as example.com; got ".."');
    await expect(getRecords({ zone: "../domain" })).rejects.toThrow("getRecords: `zone` is not a DNS zone name");
    await expect(getCloudServer({ hostName: ".." })).rejects.toThrow('getCloudServer: `hostName` must not be ".."');
    expect(server.requests).toHaveLength(0);
    // Internationalized zone names are asked for in their xn-- form.
    zoneid.addZone("xn--bcher-kva.example");
    expect(await getZone({ name: "Bücher.Example" })).toMatchObject({ name: "xn--bcher-kva.example" });
    expect(await getRecords({ zone: "lookup.example.com", type: "mx" })).toEqual([
      expect.objectContaining({ zone: "lookup.example.com", type: "mx", name: "@", destination: "mx.example.net", priority: 10, system: false }),
    ]);
    const all = await getRecords({ zone: "lookup.example.com" });
    expect(all.filter((record) => !record.system).map((record) => `${record.type} ${record.name}`).sort()).toEqual(["a www", "mx @"]);
    expect(all.some((record) => record.type === "ns" && record.system)).toBe(true);

    // getDomains: 120 domains are two pages of 100
    for (let i = 0; i < 120; i++) zoneid.domains.addDomain(`d${String(i).padStart(3, "0")}.ee`, { autorenew: i % 2 === 0 });
    server.resetRequests();
    const domains = await getDomains();
    expect(domains).toHaveLength(120);
    expect(domains[1]).toMatchObject({ domain: "d001.ee", autorenew: false, renewalNotifications: true, dnssec: false, delegated: null });
    expect(server.requests.filter((r) => r.path.endsWith("/domain"))).toHaveLength(2);
    expect(await getDomains({ name: "D007.ee" })).toEqual([expect.objectContaining({ domain: "d007.ee" })]);

    // getCloudOrderOptions / getCloudServer
    server.resetRequests();
    expect(await getCloudOrderOptions()).toEqual({
      options: expect.arrayContaining(["datacenter:tll01", "package:vps-s", "os:debian-12", "billing_period:12"]),
      datacenters: ["tll01", "hel01"],
      packages: ["vps-s", "vps-m", "vps-l"],
      operatingSystems: ["ubuntu-24.04", "debian-12"],
      billingPeriods: [1, 3, 6, 12],
    });
    // OPTIONS /order/cloud (zoneid-openapi.json); GET /order/cloud/options would read an order named "options".
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["OPTIONS /zoneid/v2/order/cloud"]);
    const order = zoneid.cloud.createOrder({ datacenter: "hel01", package: "vps-m", os: "debian-12", billing_period: 12, ssh_public_key: "ssh-ed25519 AAAA" });
    clock.advance(150_000);
    const hostName = String(zoneid.cloud.order(String(order.identificator)).container);
    expect(await getCloudServer({ hostName })).toEqual({
      hostName,
      ip: expect.stringMatching(/^198\.51\.100\./),
      username: "debian",
      availabilityZone: "hel01",
      operatingSystem: "Debian 12",
      state: "running",
      powerState: "running",
      vcpu: 2,
      ramGb: 4,
      diskGb: 80,
      suspended: false,
    });
    await expect(getCloudServer({ hostName: "uvn-00-0.tll01.zonevs.eu" })).rejects.toThrow(/no cloud server "uvn-00-0\.tll01\.zonevs\.eu"/);
  } finally {
    await server.close();
  }
});
