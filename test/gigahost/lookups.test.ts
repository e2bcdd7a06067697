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

test("zone and record lookups run in the program process with the stack's gigahost config", async () => {
  const zone = gigahostApi.addZone({ name: "lookup.example.no" });
  gigahostApi.addRecord(zone.zone_id, { name: "www", type: "A", value: "192.0.2.5", ttl: 300 });

  expect((await gigahost.getZones()).map((z) => z.name)).toEqual(["lookup.example.no"]);
  const found = await gigahost.getZone({ name: "lookup.example.no." });
  expect(found.zoneId).toBe(zone.zone_id);
  expect(await gigahost.getRecords({ zoneId: found.zoneId })).toEqual([
    expect.objectContaining({ name: "www", type: "A", value: "192.0.2.5", ttl: 300, zoneId: zone.zone_id }),
  ]);
  await expect(gigahost.getZone({ name: "missing.example.no" })).rejects.toThrow('has no zone named "missing.example.no"');
});

test.each([
  ["gigahost", gigahost, () => gigahostApi],
  ["terrahost", terrahost, () => terrahostApi],
] as const)("%s server lookups: getServers, getServer, getOperatingSystems, getUpgradePackages", async (brand, lookups, api) => {
  const vps = api().servers.addServer({ label: `web.${brand}`, cores: 4, ramGb: 8, disksGb: [50], ipv4Count: 2 });
  const dedicated = api().servers.addServer({ type: "dedicated", label: "metal" });

  const listed = await lookups.getServers();
  expect(listed.map((s) => [s.serverId, s.label, s.type])).toEqual([
    [vps.id, `web.${brand}`, "vps"],
    [dedicated.id, "metal", "dedicated"],
  ]);
  const one = await lookups.getServer({ serverId: Number(vps.id) });
  expect(one).toMatchObject({ serverId: vps.id, cores: 4, ramGb: 8, status: "online", primaryIp: vps.ips[0].address });
  expect(one.disks).toEqual([{ diskId: vps.disks[0].id, type: "SSD", sizeGb: 50 }]);
  expect(one.ipv4.map((ip) => ip.ipId)).toEqual(vps.ips.map((ip) => ip.id));
  expect(one.ipv6Subnets).toHaveLength(1);

  const all = await lookups.getOperatingSystems();
  expect(all.map((os) => [os.osId, os.distribution])).toEqual([
    ["72", "Ubuntu"],
    ["101", "Ubuntu"],
    ["110", "Debian"],
  ]);
  const debian = await lookups.getOperatingSystems({ distribution: "debian" });
  expect(debian).toEqual([
    { osId: "110", name: "Debian 12 64-bit", version: "12", architecture: "amd64", distributionId: "2", distribution: "Debian", dedicatedOnly: false, minRamMb: 0 },
  ]);
  await expect(lookups.getOperatingSystems({ distribution: "Arch" })).rejects.toThrow('no distribution "Arch"; available: Ubuntu, Debian');

  const packages = await lookups.getUpgradePackages({ serverId: vps.id });
  expect(packages.map((pkg) => [pkg.packageId, pkg.cores, pkg.ramMb, pkg.diskGb, pkg.price])).toEqual([
    ["3", 2, 2048, 40, "199.00"],
    ["4", 4, 4096, 50, "299.00"],
  ]);
  expect(await lookups.getUpgradePackages({ serverId: dedicated.id })).toEqual([]);
});

test("getDeployCatalog lists products with their price and region ids", async () => {
  const catalog = await gigahost.getDeployCatalog();
  expect(catalog.canDeploy).toBe(true);
  expect(catalog.regions.map((region) => region.regionId)).toEqual(["1", "2"]);
  expect(catalog.products.find((product) => product.productId === "2058")).toEqual({
    productId: "2058",
    priceId: "311",
    name: "KVM 2048",
    tier: "KVM VPS",
    price: "199.00",
    cores: 2,
    ramGb: 2,
    diskGb: 40,
    regionIds: ["1", "2"],
    allowsHourly: true,
  });
  expect(catalog.products.find((product) => product.productId === "3101")?.allowsHourly).toBe(false);
});

test("getBgp lists ASNs with their database ids and sessions", async () => {
  const host = gigahostApi.servers.addServer({ label: "router" });
  gigahostApi.bgp.submitAsn("AS212345");
  const asnId = (gigahostApi.bgp.view().asn as { id: string }[])[0].id;
  gigahostApi.bgp.setAsnStatus(asnId, "active");
  gigahostApi.bgp.createSessions(asnId, { redundant: 0, defaultroute: 0, ip_id_v4: host.ips[0].id });

  const bgp = await gigahost.getBgp();
  expect(bgp.asns).toEqual([expect.objectContaining({ asnId, asn: 212345, status: "active" })]);
  expect(bgp.sessions).toEqual([expect.objectContaining({ ipType: "ipv4", ipId: host.ips[0].id, ipAddress: host.ips[0].address })]);
});

test("checkDomainAvailability and lookupOrganization", async () => {
  gigahostApi.addZone({ name: "mine.no" });
  gigahostApi.domains.markTaken("taken.no");
  expect(await gigahost.checkDomainAvailability({ domain: "Free-Name.no." })).toEqual({ domain: "free-name.no", available: true, reason: null });
  expect(await gigahost.checkDomainAvailability({ domain: "taken.no" })).toEqual({ domain: "taken.no", available: false, reason: "Domain is already registered." });
  expect((await gigahost.checkDomainAvailability({ domain: "mine.no" })).available).toBe(false);

  expect(await gigahost.lookupOrganization({ orgNumber: "923 609 016" })).toEqual({
    orgNumber: "923609016",
    companyName: "Example AS",
    address: "Exampleveien 1",
    zipCode: "0123",
    city: "Oslo",
  });
  await expect(gigahost.lookupOrganization({ orgNumber: "987654321" })).rejects.toThrow("Organization not found.");
});

test.each([
  ["getServer without digits", () => gigahost.getServer({ serverId: "srv3523" }), "getServer: serverId must be the server id"],
  ["terrahost getServer empty id", () => terrahost.getServer({ serverId: "" }), "getServer: serverId must be the server id"],
  ["getUpgradePackages bad id", () => gigahost.getUpgradePackages({ serverId: "3523; DROP" }), "getUpgradePackages: serverId"],
  ["checkDomainAvailability .com", () => gigahost.checkDomainAvailability({ domain: "example.com" }), "must be a .no domain"],
  ["checkDomainAvailability empty", () => gigahost.checkDomainAvailability({ domain: " " }), "must be a .no domain"],
  ["lookupOrganization 8 digits", () => gigahost.lookupOrganization({ orgNumber: "12345678" }), "orgNumber must be 9 digits"],
  ["lookupOrganization letters", () => gigahost.lookupOrganization({ orgNumber: "NO923609016MVA" }), "orgNumber must be 9 digits"],
])("bad input is refused before any request: %s", async (_name, call, message) => {
  server.resetRequests();
  await expect(call()).rejects.toThrow(message);
  expect(server.requests).toEqual([]);
});

test("a zone id with dot segments or slashes is refused before any request, naming the argument", async () => {
  server.resetRequests();
  // Without the check, getRecords({ zoneId: ".." }) asked GET /dns/zones/../records, i.e. /dns/records.
  await expect(gigahost.getRecords({ zoneId: ".." })).rejects.toThrow('getRecords: zoneId must be the zone id (digits), e.g. a DnsZone\'s zoneId; got ".."');
  await expect(gigahost.getRecords({ zoneId: "1/../2" })).rejects.toThrow("getRecords: zoneId must be the zone id (digits)");
  expect(server.requests).toHaveLength(0);
});

test("the brand comes from the module imported, never from an argument", async () => {
  const gigahostOnly = gigahostApi.servers.addServer({ label: "brand.gigahost" });
  // Once an internal parameter leaked: gigahost.getServers("terrahost") listed Terrahost's servers.
  // @ts-expect-error getServers takes no arguments
  const listed = await gigahost.getServers("terrahost");
  expect(listed.map((facts) => facts.label)).toContain("brand.gigahost");
  // @ts-expect-error getServer takes only { serverId }
  expect((await gigahost.getServer({ serverId: gigahostOnly.id }, "terrahost")).label).toBe("brand.gigahost");
  // @ts-expect-error getUpgradePackages takes only { serverId }
  await expect(gigahost.getUpgradePackages({ serverId: gigahostOnly.id }, "terrahost")).resolves.toBeInstanceOf(Array);
});
