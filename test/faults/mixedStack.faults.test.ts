import { createEmulatorClock } from "../../emulator/core";
import { GandiEmulator } from "../../emulator/gandi";
import { GigahostEmulator } from "../../emulator/gigahost";
import { GigasEmulator } from "../../emulator/gigas";
import { ZoneidEmulator } from "../../emulator/zoneid";
import * as gandi from "../../resources/gandi";
import * as gigahost from "../../resources/gigahost";
import * as gigas from "../../resources/gigas";
import * as terrahost from "../../resources/terrahost";
import * as zoneid from "../../resources/zoneid";
import { deployProgram, destroyAll, driftedResources } from "../harness/program";
import { secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "../support/fixture";

/**
 * A stack of over 200 resources across all five vendors goes through `up`,
 * `refresh` and `destroy` (each a new provider process, as CLI commands are)
 * while the emulators fail 10% of requests with 429, 5xx or dropped
 * connections, half of the 5xx and drops after applying the request. After
 * each stage every vendor holds exactly what the program declares.
 *
 * It is also the secrets audit: every credential and password is a sentinel
 * that must appear in no serialized provider, no non-secret output, no log
 * line and no error.
 */
const SCALE = 60;
const SENTINELS = {
  gigahostPassword: "SENTINEL-gigahost-password-7f3a",
  terrahostKey: "SENTINEL-terrahost-key-19c2",
  zoneidKey: "SENTINEL-zoneid-key-5d8e",
  gandiToken: "SENTINEL-gandi-token-a61b",
  gigasKey: "SENTINEL-gigas-key-c4f0",
  sitePassword: "SENTINEL-site-password-0b9d",
  vmPassword: "SENTINEL-vm-password-e27c",
};
/** Outputs declared in additionalSecretOutputs: the engine stores them encrypted. */
const SECRET_OUTPUTS = new Set(["password", "initialRootPassword", "rootPassword"]);

const clock = createEmulatorClock({ scale: SCALE });
const gigahostApi = new GigahostEmulator({ clock, zoneWriteMs: 5, users: [{ username: "ops@example.no", password: SENTINELS.gigahostPassword }] });
const terrahostApi = new GigahostEmulator({ clock, vendor: "terrahost", basePath: "/terrahost/api/v3", apiKeys: [SENTINELS.terrahostKey] });
const zoneidApi = new ZoneidEmulator({ clock, users: [{ username: "ops", apiKey: SENTINELS.zoneidKey }] });
const gandiApi = new GandiEmulator({ clock, tokens: [SENTINELS.gandiToken] });
const gigasApi = new GigasEmulator({ clock, apiKeys: [SENTINELS.gigasKey] });

const GIGAHOST_ZONES = 5;
const RECORDS_PER_ZONE = 25;
const ZONEID_RECORDS = 60;

function program() {
  const resources = [];
  for (let z = 0; z < GIGAHOST_ZONES; z++) {
    const zone = new gigahost.DnsZone(`zone${z}`, { name: `stack${z}.example.no` });
    resources.push(zone);
    for (let i = 0; i < RECORDS_PER_ZONE; i++) {
      resources.push(new gigahost.DnsRecord(`zone${z}-r${i}`, { zoneId: zone.zoneId, name: `pool${i % 5}`, type: "A", value: `10.${z}.${i}.1` }));
    }
  }
  const server = new gigahost.Server("server", { serverId: "3000", name: "app.example.no" });
  resources.push(server, new gigahost.ReverseDns("server-ptr", { serverId: server.serverId, ipId: server.ipv4.apply((ips) => ips[0].ipId), hostname: "app.example.no" }));
  resources.push(new gigahost.ServerSnapshot("server-snapshot", { serverId: server.serverId, name: "stack" }));
  const backup = new terrahost.Server("backup", { serverId: "3000" });
  resources.push(backup, new terrahost.ServerSnapshot("backup-snapshot", { serverId: backup.serverId, name: "stack" }));

  const zone = new zoneid.DnsZone("ee", { name: "example-shop.ee" });
  resources.push(zone);
  for (let i = 0; i < ZONEID_RECORDS; i++) {
    resources.push(new zoneid.DnsRecord(`ee-r${i}`, { zone: zone.name, type: i % 2 ? "txt" : "a", name: `h${i}`, destination: i % 2 ? `v=token${i}` : `192.0.2.${i + 1}` }));
  }

  for (let v = 0; v < 2; v++) {
    const vm = new gigas.VirtualMachine(`vm${v}`, {
      label: `stack vm ${v}`,
      hostname: `stack${v}`,
      templateId: 2266610120,
      locationId: 226661012,
      memory: 1024,
      cpus: 1,
      primaryDiskSize: 20,
      initialRootPassword: SENTINELS.vmPassword,
    });
    resources.push(vm, new gigas.Disk(`vm${v}-data`, { virtualMachineId: vm.virtualMachineId, size: 10 }));
    for (const [i, port] of ["22", "443"].entries()) {
      resources.push(new gigas.FirewallRule(`vm${v}-rule${i}`, { networkInterfaceId: vm.primaryNetworkInterfaceId.apply((id) => id ?? 0), command: "ACCEPT", protocol: "TCP", port, order: i + 1 }));
    }
  }

  for (let s = 0; s < 2; s++) {
    const site = new gandi.SimpleHostingInstance(`site${s}`, { name: `stack-site-${s}`, location: "FR", size: "starter", database: "mysql", language: "php", password: SENTINELS.sitePassword });
    resources.push(site, new gandi.SimpleHostingVhost(`site${s}-www`, { instanceId: site.instanceId, fqdn: `www.stack${s}.example.fr`, linkedDnsZone: { allowAlteration: true } }));
  }
  return resources;
}

let fixture: Fixture;
const logs: string[] = [];
const newCommand = async () => {
  logs.push(fixture.host.stderr, fixture.host.stdout);
  await fixture.newCommand();
};

beforeAll(async () => {
  gigahostApi.servers.addServer({ label: "app.example.no" });
  terrahostApi.servers.addServer({ label: "backup.example.no" });
  zoneidApi.addZone("example-shop.ee");
  fixture = await startFixture(
    [gigahostApi, terrahostApi, zoneidApi, gandiApi, gigasApi],
    (server) => ({
      "gigahost:apiUrl": server.urlFor("gigahost"),
      "gigahost:username": "ops@example.no",
      "gigahost:password": secretValue(SENTINELS.gigahostPassword),
      "terrahost:apiUrl": server.urlFor("terrahost"),
      "terrahost:apiKey": secretValue(SENTINELS.terrahostKey),
      "zoneid:apiUrl": server.urlFor("zoneid"),
      "zoneid:username": "ops",
      "zoneid:apiKey": secretValue(SENTINELS.zoneidKey),
      "gandi:apiUrl": server.urlFor("gandi"),
      "gandi:personalAccessToken": secretValue(SENTINELS.gandiToken),
      "gigas:apiUrl": server.urlFor("gigas"),
      "gigas:apiKey": secretValue(SENTINELS.gigasKey),
    }),
    { timeScale: SCALE },
  );
  fixture.server.setFaults({ rate: 0.1, kinds: ["429", "5xx", "drop"], seed: Number(process.env.FAULT_SEED ?? 7) });
});
afterAll(() => fixture.stop());

function gigahostRecords(): string[] {
  return gigahostApi.zones().flatMap((zone) => gigahostApi.records(zone.zone_id).map((r) => `${zone.zone_name} ${r.record_name} ${r.record_value}`)).sort();
}

function zoneidUserRecords(): string[] {
  return zoneidApi
    .records("example-shop.ee")
    .filter((record) => record.delete !== false)
    .map((record) => `${record.recordType} ${record.name} ${record.destination}`)
    .sort();
}

test("200+ resources across five vendors converge exactly under faults, and no secret leaks", async () => {
  const { engine, server } = fixture;
  // up
  const resources = await deployProgram(engine, program);
  expect(resources.length).toBeGreaterThanOrEqual(200);
  const expectedGigahost = Array.from({ length: GIGAHOST_ZONES }, (_, z) =>
    Array.from({ length: RECORDS_PER_ZONE }, (_, i) => `stack${z}.example.no pool${i % 5} 10.${z}.${i}.1`),
  ).flat().sort();
  expect(gigahostRecords()).toEqual(expectedGigahost);
  expect(zoneidUserRecords()).toHaveLength(ZONEID_RECORDS);
  expect(gigasApi.virtualMachines()).toHaveLength(2);
  expect(gigasApi.firewallRules()).toHaveLength(4);
  expect(gandiApi.instances()).toHaveLength(2);
  expect(gigahostApi.servers.snapshots("3000")).toHaveLength(1);
  expect(terrahostApi.servers.snapshots("3000")).toHaveLength(1);

  // refresh, in a new command: nothing drifted, nothing changed at the vendors
  await newCommand();
  expect(await driftedResources(engine, program)).toEqual([]);
  expect(gigahostRecords()).toEqual(expectedGigahost);
  expect(zoneidUserRecords()).toHaveLength(ZONEID_RECORDS);

  // secrets audit over everything the engine would store or show
  const state = [...engine.state.values()].map((entry) => ({
    provider: entry.outputs.__provider,
    outputs: Object.fromEntries(Object.entries(entry.outputs).filter(([key]) => !SECRET_OUTPUTS.has(key))),
  }));
  const providers = resources.map((resource) => resource.inputs.__provider);

  // destroy, in a new command
  await newCommand();
  await destroyAll(engine);
  expect(engine.state.size).toBe(0);
  expect(gigahostApi.zones()).toEqual([]);
  expect(zoneidUserRecords()).toEqual([]);
  expect(gigasApi.virtualMachines()).toEqual([]);
  expect(gandiApi.instances()).toEqual([]);
  expect(gigahostApi.servers.snapshots("3000")).toEqual([]);
  expect(terrahostApi.servers.snapshots("3000")).toEqual([]);

  logs.push(fixture.host.stderr, fixture.host.stdout);
  const everything = JSON.stringify({ state, providers }) + logs.join("\n");
  for (const [name, sentinel] of Object.entries(SENTINELS)) {
    expect({ name, leaked: everything.includes(sentinel) }).toEqual({ name, leaked: false });
  }
  // the run really was faulty, across vendors
  const faulted = new Set(server.requests.filter((r) => r.fault).map((r) => r.vendor));
  expect([...faulted].sort()).toEqual(["gandi", "gigahost", "gigas", "terrahost", "zoneid"]);
});
