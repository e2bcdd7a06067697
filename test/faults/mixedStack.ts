import * as pulumi from "@pulumi/pulumi";
import { EmulatorServer, FaultKind, createEmulatorClock } from "../../emulator/core";
import { GandiEmulator } from "../../emulator/gandi";
import { GigahostEmulator } from "../../emulator/gigahost";
import { GigasEmulator } from "../../emulator/gigas";
import { TerrahostEmulator } from "../../emulator/terrahost";
import { ZoneidEmulator } from "../../emulator/zoneid";
import * as gandi from "../../resources/gandi";
import * as gigahost from "../../resources/gigahost";
import * as gigas from "../../resources/gigas";
import * as terrahost from "../../resources/terrahost";
import * as zoneid from "../../resources/zoneid";
import { ProgramResource } from "../harness/engine";
import { deployProgram, destroyAll, driftedResources } from "../harness/program";
import { secretValue } from "../harness/providerHost";
import { Fixture, startFixture } from "../support/fixture";
import { splitDisplayName } from "../../resources/gigahost/serverSnapshot";

/**
 * A stack across all five vendors goes through `up`, `refresh` and `destroy`
 * (each a new provider process, as CLI commands are) while the emulators
 * inject faults. After each stage the objects at every vendor are counted
 * against what the program declares: a declared object present twice is a
 * duplicate, an object nobody declared (or no state holds, or left after
 * destroy) an orphan, and an object the state holds but the vendor lost (a
 * record whose RRset a sibling rewrote) a lost sibling.
 *
 * It is also the secrets audit: every credential and password is a sentinel
 * that must appear in no serialized provider, no non-secret output, no log
 * line and no error.
 *
 * Used by mixedStack.faults.test.ts (one seed, full size) and soak.ts
 * (`npm run soak`: seeds 1–20, smaller).
 */

export interface StackSize {
  gigahostZones: number;
  recordsPerZone: number;
  zoneidRecords: number;
  /** Gigas VMs, each with a data disk and two firewall rules. */
  virtualMachines: number;
  /** Gandi Simple Hosting instances, each with a vhost. */
  sites: number;
}

/** Over 200 resources. */
export const FULL_STACK: StackSize = { gigahostZones: 5, recordsPerZone: 25, zoneidRecords: 60, virtualMachines: 2, sites: 2 };

export interface MixedStackOptions {
  seed: number;
  size: StackSize;
  /** Share of vendor requests that get a fault, and the kinds drawn (uniformly). */
  faults: { rate: number; kinds: FaultKind[] };
  /**
   * The provider's EURO_HOSTING_REQUEST_TIMEOUT in (real) milliseconds;
   * unset leaves the provider's default. "late" faults hold a request 1.5
   * times as long and "slow" faults answer after half of it, so set it when
   * drawing either.
   */
  requestTimeoutMs?: number;
  /**
   * The soak's hang detector: a stage still running after this many real
   * milliseconds is reported under `timeouts` and the run ends there. Unset
   * (jest) waits for the stage to finish.
   */
  stageLimitMs?: number;
  /** Aborting stops the provider process and the emulators at once; the stage running fails and the report says so. */
  signal?: AbortSignal;
}

export interface MixedStackReport {
  seed: number;
  /** Real milliseconds for the three stages. */
  elapsedMs: number;
  resources: number;
  /** Vendor requests the emulators received. */
  requests: number;
  faults: Partial<Record<FaultKind, number>>;
  faultedVendors: string[];
  /** Requests whose client closed the connection before the answer (timed out during a "late" or "slow" fault). */
  clientGaveUp: number;
  /** One line per object, e.g. "zoneid record a h3 192.0.2.4 ×2 (after up)". */
  duplicates: string[];
  orphans: string[];
  lostSiblings: string[];
  /** Names of sentinels found where secrets must not be. */
  leaks: string[];
  /** Stages stopped by `stageLimitMs`. */
  timeouts: string[];
  /** Stages that failed with an error, with its message. */
  errors: string[];
  /** Resources `pulumi refresh` + preview found changed. */
  drifted: string[];
}

/** Everything that makes a run fail, one line each; empty for a clean run. */
export function problems(report: MixedStackReport): string[] {
  return [
    ...report.errors.map((line) => `error: ${line}`),
    ...report.timeouts.map((line) => `timeout: ${line}`),
    ...report.duplicates.map((line) => `duplicate: ${line}`),
    ...report.orphans.map((line) => `orphan: ${line}`),
    ...report.lostSiblings.map((line) => `lost sibling: ${line}`),
    ...report.drifted.map((line) => `drifted: ${line}`),
    ...report.leaks.map((line) => `leaked: ${line}`),
  ];
}

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
const SERVER_ID = "3000";
const ZONEID_ZONE = "example-shop.ee";

interface Vendors {
  gigahost: GigahostEmulator;
  terrahost: TerrahostEmulator;
  zoneid: ZoneidEmulator;
  gandi: GandiEmulator;
  gigas: GigasEmulator;
}

/**
 * The program, and for each resource that makes an object at a vendor the
 * key that object is counted by (see `inventory`).
 */
function mixedProgram(size: StackSize, timeouts?: { create: string; update: string; delete: string }): { program: () => pulumi.Resource[]; keys: Map<string, string>; count: () => number } {
  const keys = new Map<string, string>();
  let count = 0;
  const deadlines = timeouts ? { timeouts } : {};
  const declare = <R extends pulumi.Resource>(name: string, key: string, create: () => R): R => {
    keys.set(name, key);
    return create();
  };
  const program = () => {
    const resources: pulumi.Resource[] = [];
    for (let z = 0; z < size.gigahostZones; z++) {
      const zoneName = `stack${z}.example.no`;
      const zone = declare(`zone${z}`, `gigahost zone ${zoneName}`, () => new gigahost.DnsZone(`zone${z}`, { ...deadlines, name: zoneName }));
      resources.push(zone);
      for (let i = 0; i < size.recordsPerZone; i++) {
        // Records share five names: RRsets of several values, where a lost sibling would show.
        const [name, value] = [`pool${i % 5}`, `10.${z}.${i}.1`];
        resources.push(
          declare(`zone${z}-r${i}`, `gigahost record ${zoneName} ${name} A ${value}`, () => new gigahost.DnsRecord(`zone${z}-r${i}`, { ...deadlines, zoneId: zone.zoneId, name, type: "A", value })),
        );
      }
    }
    const server = new gigahost.Server("server", { ...deadlines, serverId: SERVER_ID, name: "app.example.no" });
    resources.push(server, new gigahost.ReverseDns("server-ptr", { ...deadlines, serverId: server.serverId, ipId: server.ipv4.apply((ips) => ips[0].ipId), hostname: "app.example.no" }));
    resources.push(declare("server-snapshot", "gigahost snapshot stack", () => new gigahost.ServerSnapshot("server-snapshot", { ...deadlines, serverId: server.serverId, name: "stack" })));
    const backup = new terrahost.Server("backup", { ...deadlines, serverId: SERVER_ID });
    resources.push(backup, declare("backup-snapshot", "terrahost snapshot stack", () => new terrahost.ServerSnapshot("backup-snapshot", { ...deadlines, serverId: backup.serverId, name: "stack" })));

    const zone = new zoneid.DnsZone("ee", { name: ZONEID_ZONE });
    resources.push(zone);
    for (let i = 0; i < size.zoneidRecords; i++) {
      const [type, destination] = i % 2 ? ["txt", `v=token${i}`] : ["a", `192.0.2.${i + 1}`];
      resources.push(
        declare(`ee-r${i}`, `zoneid record ${type} h${i} ${destination}`, () => new zoneid.DnsRecord(`ee-r${i}`, { ...deadlines, zone: zone.name, type, name: `h${i}`, destination })),
      );
    }

    for (let v = 0; v < size.virtualMachines; v++) {
      const hostname = `stack${v}`;
      const vm = declare(
        `vm${v}`,
        `gigas vm ${hostname}`,
        () =>
          new gigas.VirtualMachine(`vm${v}`, {
            ...deadlines,
            label: `stack vm ${v}`,
            hostname,
            templateId: 2266610120,
            locationId: 226661012,
            memory: 1024,
            cpus: 1,
            primaryDiskSize: 20,
            initialRootPassword: SENTINELS.vmPassword,
          }),
      );
      resources.push(vm, declare(`vm${v}-data`, `gigas disk ${hostname} 10`, () => new gigas.Disk(`vm${v}-data`, { ...deadlines, virtualMachineId: vm.virtualMachineId, size: 10 })));
      for (const [i, port] of ["22", "443"].entries()) {
        const networkInterfaceId = vm.primaryNetworkInterfaceId.apply((id) => id ?? 0);
        resources.push(
          declare(`vm${v}-rule${i}`, `gigas rule ${hostname} TCP ${port}`, () => new gigas.FirewallRule(`vm${v}-rule${i}`, { ...deadlines, networkInterfaceId, command: "ACCEPT", protocol: "TCP", port, order: i + 1 })),
        );
      }
    }

    for (let s = 0; s < size.sites; s++) {
      const name = `stack-site-${s}`;
      const fqdn = `www.stack${s}.example.fr`;
      const site = declare(
        `site${s}`,
        `gandi instance ${name}`,
        () => new gandi.SimpleHostingInstance(`site${s}`, { ...deadlines, name, location: "FR", size: "starter", database: "mysql", language: "php", password: SENTINELS.sitePassword }),
      );
      resources.push(site, declare(`site${s}-www`, `gandi vhost ${name} ${fqdn}`, () => new gandi.SimpleHostingVhost(`site${s}-www`, { ...deadlines, instanceId: site.instanceId, fqdn, linkedDnsZone: { allowAlteration: true } })));
    }
    count = resources.length;
    return resources;
  };
  return { program, keys, count: () => count };
}

/** Every object the program could have made, live at the vendors, as keys (one per object, so a duplicate appears twice). */
function inventory(vendors: Vendors): string[] {
  const keys: string[] = [];
  for (const zone of vendors.gigahost.zones()) {
    keys.push(`gigahost zone ${zone.zone_name}`);
    for (const record of vendors.gigahost.records(zone.zone_id)) {
      keys.push(`gigahost record ${zone.zone_name} ${record.record_name} ${record.record_type} ${record.record_value}`);
    }
  }
  for (const [vendor, api] of [["gigahost", vendors.gigahost], ["terrahost", vendors.terrahost]] as const) {
    for (const snapshot of api.servers.snapshots(SERVER_ID)) keys.push(`${vendor} snapshot ${splitDisplayName(String(snapshot.snap_display_name ?? snapshot.snap_name)).name}`);
  }
  for (const record of vendors.zoneid.records(ZONEID_ZONE)) {
    // System records (NS, SOA) cannot be deleted: they are the zone's, not the program's.
    if (record.delete === false) continue;
    const name = record.name.toLowerCase().replace(new RegExp(`\\.?${ZONEID_ZONE.replace(/\./g, "\\.")}$`), "");
    keys.push(`zoneid record ${record.recordType} ${name} ${record.destination}`);
  }
  const hostnames = new Map(vendors.gigas.virtualMachines().map((vm) => [vm.id, vm.hostname]));
  for (const hostname of hostnames.values()) keys.push(`gigas vm ${hostname}`);
  for (const disk of vendors.gigas.disks()) {
    if (disk.primary) continue;
    keys.push(`gigas disk ${disk.virtual_machine_id ? hostnames.get(disk.virtual_machine_id) : "(detached)"} ${disk.disk_size}`);
  }
  const vmOfInterface = new Map(vendors.gigas.interfaces().map((nic) => [nic.id, nic.virtual_machine_id]));
  for (const rule of vendors.gigas.firewallRules()) {
    keys.push(`gigas rule ${hostnames.get(vmOfInterface.get(rule.network_interface_id) ?? "") ?? "(no vm)"} ${rule.protocol} ${rule.port}`);
  }
  for (const instance of vendors.gandi.instances()) {
    // An instance or vhost being deleted is on its way out, not an orphan.
    if (instance.deletedAt !== null) continue;
    keys.push(`gandi instance ${instance.name}`);
    for (const vhost of vendors.gandi.vhosts(instance.id)) if (vhost.deletedAt === null) keys.push(`gandi vhost ${instance.name} ${vhost.fqdn}`);
  }
  return keys;
}

/** Per-stage findings, kept once per object (the stage that first showed it). */
export class Findings {
  readonly duplicates = new Map<string, string>();
  readonly orphans = new Map<string, string>();
  readonly lostSiblings = new Map<string, string>();

  /**
   * Counts live objects against the declared ones. `inState` names the
   * resources the engine holds; after destroy it is empty and every live
   * object is an orphan.
   */
  check(stage: string, live: string[], declared: Map<string, string>, inState: Set<string>): void {
    const counts = new Map<string, number>();
    for (const key of live) counts.set(key, (counts.get(key) ?? 0) + 1);
    const ownerOf = new Map([...declared].map(([name, key]) => [key, name]));
    for (const [key, count] of counts) {
      const owner = ownerOf.get(key);
      if (owner === undefined) this.note(this.orphans, key, `${key} (not declared, ${stage})`);
      else if (!inState.has(owner)) this.note(this.orphans, key, `${key} (${owner} not in state, ${stage})`);
      if (owner !== undefined && count > 1) this.note(this.duplicates, key, `${key} ×${count} (${stage})`);
    }
    for (const name of inState) {
      const key = declared.get(name);
      if (key !== undefined && !counts.has(key)) this.note(this.lostSiblings, key, `${key} (${name} in state, ${stage})`);
    }
  }

  private note(findings: Map<string, string>, key: string, line: string): void {
    if (!findings.has(key)) findings.set(key, line);
  }
}

class StageTimeout extends Error {}

/** One seed of the mixed stack: fresh emulators and provider processes, all stopped before it returns. */
export async function runMixedStack(options: MixedStackOptions): Promise<MixedStackReport> {
  const clock = createEmulatorClock({ scale: SCALE });
  const vendors: Vendors = {
    gigahost: new GigahostEmulator({ clock, zoneWriteMs: 5, users: [{ username: "ops@example.no", password: SENTINELS.gigahostPassword }] }),
    terrahost: new TerrahostEmulator({ clock, apiKeys: [SENTINELS.terrahostKey] }),
    zoneid: new ZoneidEmulator({ clock, users: [{ username: "ops", apiKey: SENTINELS.zoneidKey }] }),
    gandi: new GandiEmulator({ clock, tokens: [SENTINELS.gandiToken] }),
    gigas: new GigasEmulator({ clock, apiKeys: [SENTINELS.gigasKey] }),
  };
  vendors.gigahost.servers.addServer({ label: "app.example.no" });
  vendors.terrahost.servers.addServer({ label: "backup.example.no" });
  vendors.zoneid.addZone(ZONEID_ZONE);

  const timeoutMs = options.requestTimeoutMs;
  const fixture = await startFixture(
    Object.values(vendors),
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
    {
      timeScale: SCALE,
      // A "late" write lands 1.5 request timeouts after it was sent: half a timeout after the client gave up.
      // The settle time (on the provider's scaled clock) covers that with room to spare on a busy machine:
      // five request timeouts of real time.
      env:
        timeoutMs === undefined
          ? {}
          : { EURO_HOSTING_REQUEST_TIMEOUT: `${timeoutMs / 1000}s`, EURO_HOSTING_SETTLE_TIME: `${(5 * timeoutMs * SCALE) / 1000}s` },
      // "late" holds on the vendors' clock, which runs SCALE times faster than
      // the client's request timeout (real time, in the HTTP client).
      server: { clock },
    },
  );
  const abort = () => void fixture.stop();
  options.signal?.addEventListener("abort", abort, { once: true });
  fixture.server.setFaults({
    ...options.faults,
    seed: options.seed,
    ...(timeoutMs === undefined ? {} : { lateHoldMs: 1.5 * timeoutMs * SCALE, slowMs: timeoutMs / 2 }),
  });

  // Every wait and retry of an operation draws from its deadline, on the provider's clock. Here a
  // request timeout is timeoutMs of real time, SCALE times as long on that clock: one hung request
  // takes a 2 m DNS deadline whole, and the suite hangs many. It is about exactly-once under a
  // fault load far heavier than a real network's, so deadlines are sized to that load (30 request
  // timeouts), not left at the defaults, which assume 60 s request timeouts.
  // Without a request timeout set, the client's default (60 s) is assumed: the 2 m defaults on this
  // clock are 2 s of real time, which a busy machine's slow answers and 429 waits use up.
  const requestTimeouts = `${(30 * (timeoutMs ?? 60_000) * SCALE) / 1000}s`;
  const { program, keys, count } = mixedProgram(options.size, { create: requestTimeouts, update: requestTimeouts, delete: requestTimeouts });
  const findings = new Findings();
  const errors: string[] = [];
  const timeouts: string[] = [];
  let drifted: string[] = [];
  const logs: string[] = [];
  const inState = () => new Set([...fixture.engine.state.keys()].map((urn) => urn.slice(urn.lastIndexOf("::") + 2)));
  const newCommand = async () => {
    logs.push(fixture.host.stderr, fixture.host.stdout);
    await fixture.newCommand();
  };
  /** Runs a stage; false when it failed (recorded) and the run cannot go on as planned. */
  const stage = async (name: string, run: () => Promise<void>): Promise<boolean> => {
    try {
      await withLimit(run(), options.stageLimitMs, name);
      return true;
    } catch (error) {
      if (error instanceof StageTimeout) timeouts.push(`${name} after ${options.stageLimitMs} ms`);
      else errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  const started = Date.now();
  let resources: ProgramResource[] = [];
  let audited: unknown = {};
  try {
    const upDone = await stage("up", async () => {
      resources = await deployProgram(fixture.engine, program);
    });
    // Held "late" writes land a moment after the client gave up: count after them.
    await fixture.server.settled();
    findings.check("after up", inventory(vendors), keys, inState());
    if (upDone) {
      const refreshDone = await stage("refresh", async () => {
        await newCommand();
        drifted = await driftedResources(fixture.engine, program);
      });
      await fixture.server.settled();
      if (refreshDone) findings.check("after refresh", inventory(vendors), keys, inState());
    }
    if (timeouts.length === 0) {
      // What the engine would store or show, before destroy empties the state.
      audited = {
        state: [...fixture.engine.state.values()].map((entry) => ({
          provider: entry.outputs.__provider,
          outputs: Object.fromEntries(Object.entries(entry.outputs).filter(([key]) => !SECRET_OUTPUTS.has(key))),
        })),
        providers: resources.map((resource) => resource.inputs.__provider),
      };
      // destroy whatever the engine holds, even after a failed up: what it cannot reach is left as orphans
      const destroyed = await stage("destroy", async () => {
        await newCommand();
        await destroyAll(fixture.engine);
      });
      await fixture.server.settled();
      if (destroyed) findings.check("after destroy", inventory(vendors), keys, inState());
    }
  } finally {
    options.signal?.removeEventListener("abort", abort);
    logs.push(fixture.host.stderr, fixture.host.stdout);
    await fixture.stop();
  }

  const everything = JSON.stringify(audited) + logs.join("\n") + errors.join("\n");
  const requests = fixture.server.requests;
  const faults: Partial<Record<FaultKind, number>> = {};
  for (const request of requests) if (request.fault) faults[request.fault] = (faults[request.fault] ?? 0) + 1;
  return {
    seed: options.seed,
    elapsedMs: Date.now() - started,
    resources: count(),
    requests: requests.length,
    faults,
    faultedVendors: [...new Set(requests.filter((r) => r.fault).map((r) => r.vendor))].sort(),
    clientGaveUp: requests.filter((r) => r.clientGaveUp).length,
    duplicates: [...findings.duplicates.values()],
    orphans: [...findings.orphans.values()],
    lostSiblings: [...findings.lostSiblings.values()],
    leaks: Object.entries(SENTINELS)
      .filter(([, sentinel]) => everything.includes(sentinel))
      .map(([name]) => name),
    timeouts,
    errors,
    drifted,
  };
}

function withLimit<T>(work: Promise<T>, limitMs: number | undefined, stage: string): Promise<T> {
  if (limitMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeout(stage)), limitMs);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
