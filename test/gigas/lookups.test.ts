import * as pulumi from "@pulumi/pulumi";
import { startEmulatorServer } from "../../emulator/core";
import { DEFAULT_GIGAS_API_KEY, GigasEmulator } from "../../emulator/gigas";
import { getAccounts, getLocations, getIpAddresses, getNetwork, getNetworkIpAddresses, getNetworks, getTemplates, getVirtualMachines } from "../../resources/gigas";

test("lookups run in the program process with the stack's gigas config, reading every page", async () => {
  // A page size of 2 makes every list span several pages.
  const gigas = new GigasEmulator({ defaultPageSize: 2 });
  const server = await startEmulatorServer([gigas]);
  try {
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    pulumi.runtime.setAllConfig({ "gigas:apiUrl": server.urlFor("gigas"), "gigas:apiKey": DEFAULT_GIGAS_API_KEY }, ["gigas:apiKey"]);
    for (let i = 0; i < 150; i++) gigas.addTemplate({ label: `Rocky ${i} x64 (Linux)`, operating_system: "linux" });
    const { vm } = gigas.state.virtualMachines.create(22666, {
      label: "seeded",
      note: "n",
      memory: 1024,
      cpus: 2,
      cpu_type: "intel",
      template_id: "2266610116",
      hostname: "seeded",
      location_id: "226661012",
      primary_disk_size: 10,
      swap_disk_size: 0,
      default_firewall_policy: "ACCEPT",
    });

    expect(await getAccounts()).toEqual([{ id: "22666", categorySlug: "cloud-datacenter", domain: "account22666.dc", status: "Active", productId: "193" }]);
    expect(await getLocations()).toEqual([
      { id: "226661012", label: "Spain" },
      { id: "226661013", label: "Miami" },
    ]);
    expect(await getTemplates()).toHaveLength(155);
    expect(await getTemplates({ operatingSystem: "Windows" })).toEqual([
      expect.objectContaining({ id: "2266610130", minDiskSize: 40, minMemorySize: 2048, allowedSwap: false, operatingSystem: "windows" }),
    ]);
    expect((await getTemplates({ label: "ubuntu 24", operatingSystem: "linux" })).map((t) => t.id)).toEqual(["2266610120"]);
    expect(await getVirtualMachines()).toEqual([
      expect.objectContaining({ id: vm.id, hostname: "seeded", status: "unbuilt", locked: true, memory: 1024, cpus: 2, note: "n" }),
    ]);
    expect((await getNetworks()).map((n) => ({ label: n.label, public: n.public }))).toEqual([
      { label: "Public Spain", public: true },
      { label: "Public Miami", public: true },
    ]);
    // one network, and its IPs (the networks page): the seeded VM's public address
    const spain = (await getNetworks())[0];
    expect(await getNetwork({ networkId: Number(spain.id) })).toEqual(spain);
    await expect(getNetwork({ networkId: "999" })).rejects.toThrow(/getNetwork: networkId 999 is not a network of this Gigas account/);
    const privateNet = gigas.addNetwork({ label: "private", location_id: "226661012" });
    for (let i = 1; i <= 3; i++) gigas.state.networkInterfaces.addIp(22666, privateNet.id, { address: `10.1.0.${i}`, netmask: "255.255.255.0" });
    expect((await getNetworkIpAddresses({ networkId: privateNet.id })).map((ip) => ip.address)).toEqual(["10.1.0.1", "10.1.0.2", "10.1.0.3"]);
    expect((await getNetworkIpAddresses({ networkId: privateNet.id }))[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      address: "10.1.0.1",
      networkId: privateNet.id,
      networkInterfaceId: null,
      netmask: "255.255.255.0",
      gateway: null,
      broadcast: null,
      networkAddress: null,
      disallowedPrimary: false,
    });
    expect(await getNetworkIpAddresses({ networkId: spain.id })).toEqual([expect.objectContaining({ address: expect.stringMatching(/^203\.0\.113\./), networkInterfaceId: expect.stringMatching(/^\d+$/) })]);
    // an address found by the documented `ip` filter, on whichever network it is
    expect(await getIpAddresses({ ip: " 10.1.0.2 " })).toEqual([expect.objectContaining({ address: "10.1.0.2", networkId: privateNet.id })]);
    expect(await getIpAddresses({ ip: "192.0.2.99" })).toEqual([]);
    await expect(getIpAddresses({ ip: "10.1.0" })).rejects.toThrow(/getIpAddresses: ip must be an IPv4 address/);
    expect(server.requests.filter((r) => r.path.endsWith("/22666/ip_addresses")).map((r) => Object.keys(r.query).sort())).toEqual([
      ["ip", "limit", "offset"],
      ["ip", "limit", "offset"],
    ]);
    // the template list took pages of 100 (the client's limit), not the default of 2
    expect(server.requests.filter((r) => r.path.endsWith("/templates") && r.query.limit === "100").length).toBeGreaterThanOrEqual(2);
  } finally {
    await server.close();
  }
});
