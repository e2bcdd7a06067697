// Gigahost/Terrahost servers (docs/vendor-documents.md, "Gigahost: servers",
// "Terrahost: API v3"): the server objects, snapshots that complete on the
// emulator clock, OS reinstalls, power control, reverse DNS, and the verified
// live quirk that servers are transiently omitted from the listing
// (docs/gigahost.md, "Vendor quirks handled"). Installs, snapshots and hiding
// end by jobs on the job clock; the stored due times (installUntil, readyAt,
// hiddenUntil) schedule them again on restore.
import { randomBytes } from "node:crypto";
import { EmulatorError, type JobClock } from "../core";
import { OPERATING_SYSTEMS } from "./server-catalog";
import { type Brand, PACKAGES, PACKAGE_PRODUCTS, type ServerStatus, TINY_PNG, detailView, isoView, snapshotViews, summaryView, upgradePackageViews } from "./server-views";

export interface NewServer {
  /** The descriptive name (`srv_label`); default "srv<id>.<brand>.no". */
  label?: string;
  hostname?: string;
  location?: string;
  type?: "vps" | "dedicated";
  cores?: number;
  ramGb?: number;
  disksGb?: number[];
  osId?: string;
  /** How many IPv4 addresses (the first is primary); default 1. */
  ipv4Count?: number;
  /** How many single IPv6 addresses (listed in `ips` as ipv6, usable for BGP sessions); default 0. */
  ipv6AddressCount?: number;
  /** How many IPv6 /48 subnets; default 1. */
  ipv6SubnetCount?: number;
  /** Whether power on/off work; live KVM VPS answer 405 (default false for vps, true for dedicated). */
  powerControl?: boolean;
  /**
   * Whether `GET /servers/{id}/powerstate` answers (default true). The
   * documents say "Gets your servers powerstate if supported": false answers
   * 405, as power on/off do where unsupported.
   */
  powerStateReadable?: boolean;
}

interface StoredIp {
  id: string;
  family?: "ipv4" | "ipv6";
  subId: string;
  address: string;
  reverse: string;
  type: "primary" | "extra";
  gateway: string;
  /** An ordered extra address: "l2" (not routed) or "l3" (routed to the primary address); absent for seeded ones (L2). */
  layer?: "l2" | "l3";
}

interface StoredSubnet {
  id: string;
  network: string;
  gateway: string;
  ns: string;
}

interface StoredSnapshot {
  id: string;
  name: string;
  displayName: string;
  /** Unix ms. */
  created: number;
  readyAt: number;
}

export interface StoredServer {
  id: string;
  label: string;
  hostname: string;
  location: string;
  type: "vps" | "dedicated";
  cores: number;
  ramGb: number;
  disks: { id: string; sizeGb: number }[];
  osId: string;
  ips: StoredIp[];
  subnets: StoredSubnet[];
  poweredOn: boolean;
  powerControl: boolean;
  /** Absent in state saved by older versions: readable. */
  powerStateReadable?: boolean;
  /** Unix ms until which an OS install runs. */
  installUntil: number;
  suspended: boolean;
  created: number;
  snapshots: StoredSnapshot[];
  /** Unix ms until which the listing omits this server (docs/gigahost.md, "Vendor quirks handled"). */
  hiddenUntil: number;
  /** The package's product (`product_id`; matches a package of `GET /servers/{id}/upgrade`); absent in older saved state: "0". */
  productId?: string;
  /** An upgrade under way: the package, applied at `until` (Unix ms). */
  upgrade?: { packageId: string; until: number } | null;
  /** The mounted ISO's id ("0"/absent: none). */
  mountedIsoId?: string;
  /** The last KVM/IPMI session opened (valid 3 hours). */
  ipmi?: { address: string; username: string; password: string; expires: number } | null;
}

/** An ISO uploaded to the account (`GET /servers/{id}/isos` lists the account's, the documents' example has `cust_id`). */
export interface StoredIso {
  id: string;
  name: string;
  url: string;
  /** "uploading" in the documents' example; "ready" is our guess for a finished upload (docs/gigahost.md, "Behaviour guessed"). */
  state: string;
  sizeBytes: number;
}

export interface ServerStateSnapshot {
  nextId: number;
  servers: StoredServer[];
  /** Servers that died while provisioning: gone, but cancel answers 400 (docs/gigahost.md, "Vendor quirks handled"). */
  dead?: string[];
  isos?: StoredIso[];
}

export interface ServerTimings {
  /** How long a snapshot stays "pending"; default 3 minutes. */
  snapshotMs: number;
  /** How long a reinstall keeps `srv_status_install` true; default 5 minutes. */
  reinstallMs: number;
  /** How long a package upgrade takes before the server shows the new package (a guess); default 2 minutes. */
  upgradeMs?: number;
}

export class GigahostServerState {
  private nextId = 3000;
  private servers = new Map<string, StoredServer>();
  private dead = new Set<string>();
  private isoList: StoredIso[] = [];
  /** Servers installing, hidden from the listing, and snapshots still pending: until their jobs run. */
  private installing = new Set<string>();
  private hidden = new Set<string>();
  private pendingSnapshots = new Set<string>();
  private readonly brand: Brand;

  constructor(
    private readonly jobs: JobClock,
    brand: string,
    customerId: string,
    private readonly timings: ServerTimings,
  ) {
    this.brand = { name: brand, customerId };
  }

  // ---- seeding and out-of-band changes ----

  addServer(input: NewServer = {}): StoredServer {
    const id = String(this.nextId++);
    const type = input.type ?? "vps";
    const os = input.osId ?? "72";
    if (!OPERATING_SYSTEMS.some((candidate) => candidate.os_id === os)) throw new EmulatorError(400, `Unknown os_id ${os}.`);
    const n = Number(id) % 250;
    const ips: StoredIp[] = Array.from({ length: input.ipv4Count ?? 1 }, (_, i) => ({
      id: String(this.nextId++),
      subId: "405",
      address: `185.181.${60 + i}.${n}`,
      reverse: `static.185.181.${60 + i}.${n}.customers.${this.brand.name}.no`,
      type: i === 0 ? "primary" : "extra",
      gateway: `185.181.${60 + i}.1`,
    }));
    for (let i = 0; i < (input.ipv6AddressCount ?? 0); i++) {
      ips.push({
        id: String(this.nextId++),
        family: "ipv6",
        subId: "0",
        address: `2a03:94e0:${(0x1900 + n * 4).toString(16)}::${i + 2}`,
        reverse: "",
        type: "extra",
        gateway: "2a03:94e0:19ff::1",
      });
    }
    const subnets: StoredSubnet[] = Array.from({ length: input.ipv6SubnetCount ?? 1 }, (_, i) => ({
      id: String(this.nextId++),
      network: `2a03:94e0:${(0x1900 + n * 4 + i).toString(16)}::`,
      gateway: "2a03:94e0:19ff::1",
      ns: "",
    }));
    const server: StoredServer = {
      id,
      label: input.label ?? `srv${id}.${this.brand.name}.no`,
      hostname: input.hostname ?? `srv${id}.${this.brand.name}.no`,
      location: input.location ?? "DC2",
      type,
      cores: input.cores ?? 2,
      ramGb: input.ramGb ?? 2,
      disks: (input.disksGb ?? [20]).map((sizeGb) => ({ id: String(this.nextId++), sizeGb })),
      osId: os,
      ips,
      subnets,
      poweredOn: true,
      powerControl: input.powerControl ?? type === "dedicated",
      powerStateReadable: input.powerStateReadable ?? true,
      installUntil: 0,
      suspended: false,
      created: this.jobs.clock.now(),
      snapshots: [],
      hiddenUntil: 0,
      productId: type === "vps" ? PACKAGE_PRODUCTS["3"] : "0",
      upgrade: null,
      mountedIsoId: "0",
      ipmi: null,
    };
    this.servers.set(id, server);
    return structuredClone(server);
  }

  /** A server a deploy order creates: installing until `installUntil`; returns its id and root password. */
  provision(input: NewServer, installUntil: number): { id: string; password: string } {
    const server = this.addServer(input);
    this.installUntil(this.server(server.id), installUntil);
    return { id: server.id, password: randomBytes(12).toString("base64url") };
  }

  /** The server died while provisioning: it leaves the listing and cancel answers 400. */
  kill(serverId: string): void {
    this.servers.delete(serverId);
    this.dead.add(serverId);
  }

  /** POST /servers/{id}/cancel: terminates the server (model choice: it leaves the listing at once). */
  cancel(serverId: string): void {
    if (this.dead.has(serverId)) throw new EmulatorError(400, "Server could not be cancelled.");
    this.server(serverId);
    this.servers.delete(serverId);
  }

  removeServer(serverId: string): void {
    this.server(serverId);
    this.servers.delete(serverId);
  }

  /** Makes the listing omit the server for `ms` of emulator time (docs/gigahost.md, "Vendor quirks handled"). */
  hideServer(serverId: string, ms: number): void {
    const server = this.server(serverId);
    server.hiddenUntil = this.jobs.clock.now() + ms;
    this.hideUntil(server, server.hiddenUntil);
  }

  /** Out-of-band edits of stored fields (label, hostname, osId, poweredOn, suspended, …). */
  updateServer(
    serverId: string,
    changes: Partial<Pick<StoredServer, "label" | "hostname" | "osId" | "poweredOn" | "suspended" | "cores" | "ramGb" | "productId" | "mountedIsoId">>,
  ): void {
    Object.assign(this.server(serverId), changes);
  }

  setReverseOutOfBand(serverId: string, target: { ipId?: string; subnetId?: string }, dns: string): void {
    this.applyReverse(this.server(serverId), target, dns);
  }

  /** The server and address an IP id belongs to (BGP sessions are set up on them). */
  ipOwner(ipId: string, family: "ipv4" | "ipv6"): { serverId: string; address: string } | undefined {
    for (const server of this.servers.values()) {
      const ip = server.ips.find((candidate) => candidate.id === ipId && (candidate.family ?? "ipv4") === family);
      if (ip) return { serverId: server.id, address: ip.address };
    }
    return undefined;
  }

  /** Uploads an ISO to the account (out of band: the documents give no upload endpoint). */
  addIso(input: { name: string; url?: string; state?: string; sizeBytes?: number }): StoredIso {
    const iso: StoredIso = {
      id: String(this.nextId++),
      name: input.name,
      url: input.url ?? `http://isos.example.no/${input.name}`,
      state: input.state ?? "ready",
      sizeBytes: input.sizeBytes ?? 0,
    };
    this.isoList.push(iso);
    return structuredClone(iso);
  }

  /** Makes a running upgrade take `ms` more of emulator time from now (tests: an upgrade still running at the next request). */
  prolongUpgrade(serverId: string, ms: number): void {
    const server = this.server(serverId);
    if (!server.upgrade) throw new EmulatorError(400, "Server is not being upgraded.");
    server.upgrade.until = this.jobs.clock.now() + ms;
    this.upgradeAt(server, server.upgrade.until);
  }

  /** Moves an address to another server out of band (as `PUT /servers/{id}/ipv4/{ip_id}` does). */
  moveIpOutOfBand(serverId: string, ipId: string, targetServerId: string): void {
    this.moveIp(this.server(serverId), ipId, this.server(targetServerId), false);
  }

  removeIp(serverId: string, ipId: string): void {
    const server = this.server(serverId);
    server.ips = server.ips.filter((ip) => ip.id !== ipId);
  }

  removeSnapshot(serverId: string, snapshotId: string): void {
    const server = this.server(serverId);
    server.snapshots = server.snapshots.filter((snapshot) => snapshot.id !== snapshotId);
  }

  stored(serverId: string): StoredServer | undefined {
    const server = this.servers.get(serverId);
    return server && structuredClone(server);
  }

  // ---- API operations ----

  /** GET /servers: summaries, without servers transiently hidden. */
  list(): Record<string, unknown>[] {
    return [...this.servers.values()].filter((server) => !this.hidden.has(server.id)).map((server) => summaryView(server, this.status(server), this.brand));
  }

  /** GET /servers/{id}: the detail view; 404 while transiently hidden. */
  detail(serverId: string): Record<string, unknown> {
    const server = this.server(serverId);
    if (this.hidden.has(server.id)) throw notFound();
    return detailView(server, this.status(server), this.brand);
  }

  rename(serverId: string, name: unknown): void {
    if (typeof name !== "string" || name.trim() === "") throw new EmulatorError(400, "Name is required.");
    if (name.length > 255) throw new EmulatorError(400, "Name is too long.");
    this.server(serverId).label = name;
  }

  powerState(serverId: string): boolean {
    const server = this.server(serverId);
    if (server.powerStateReadable === false) throw new EmulatorError(405, "Powerstate is not supported for this server.");
    return server.poweredOn;
  }

  power(serverId: string, action: "on" | "off" | "reboot"): string {
    const server = this.server(serverId);
    if (action === "reboot") {
      server.poweredOn = true;
      return "Server is rebooting.";
    }
    if (!server.powerControl) throw new EmulatorError(405, "Power control is not supported for this server.");
    server.poweredOn = action === "on";
    return action === "on" ? "Server is powering on." : "Server is powering off.";
  }

  snapshots(serverId: string): Record<string, unknown>[] {
    return snapshotViews(this.server(serverId), (snapshotId) => this.pendingSnapshots.has(snapshotId));
  }

  createSnapshot(serverId: string, name: unknown): void {
    const server = this.server(serverId);
    if (server.type !== "vps") throw new EmulatorError(400, "Snapshots are only available for virtual servers.");
    if (typeof name !== "string" || name.trim() === "") throw new EmulatorError(400, "Snapshot name is required.");
    const now = this.jobs.clock.now();
    const snapshot: StoredSnapshot = {
      id: String(this.nextId++),
      name: randomBytes(4).toString("hex"),
      displayName: name,
      created: now,
      readyAt: now + this.timings.snapshotMs,
    };
    server.snapshots.push(snapshot);
    this.completeSnapshotAt(snapshot);
  }

  deleteSnapshot(serverId: string, snapshotId: string): void {
    const server = this.server(serverId);
    if (!server.snapshots.some((snapshot) => snapshot.id === snapshotId)) throw new EmulatorError(404, "Snapshot not found.");
    server.snapshots = server.snapshots.filter((snapshot) => snapshot.id !== snapshotId);
  }

  /** POST /servers/{id}/reinstall; returns the new root password. */
  reinstall(serverId: string, body: Record<string, unknown>): string {
    const server = this.server(serverId);
    const osId = String(body.os_id ?? "");
    if (!OPERATING_SYSTEMS.some((os) => os.os_id === osId)) throw new EmulatorError(400, "Invalid operating system.");
    for (const field of ["language", "keyboard", "timezone", "hostname"]) {
      if (typeof body[field] !== "string" || (body[field] as string).trim() === "") throw new EmulatorError(400, `Missing parameter: ${field}`);
    }
    if (this.installing.has(server.id)) throw new EmulatorError(400, "Server is already being installed.");
    server.osId = osId;
    server.hostname = body.hostname as string;
    this.installUntil(server, this.jobs.clock.now() + this.timings.reinstallMs);
    server.poweredOn = true;
    return randomBytes(12).toString("base64url");
  }

  /** PUT /servers/{id}/reverse {ip_id, dns} or {sub_id, dns}. */
  setReverse(serverId: string, body: Record<string, unknown>): void {
    const server = this.server(serverId);
    if (typeof body.dns !== "string") throw new EmulatorError(400, "dns is required.");
    if (body.ip_id !== undefined) this.applyReverse(server, { ipId: String(body.ip_id) }, body.dns);
    else if (body.sub_id !== undefined) this.applyReverse(server, { subnetId: String(body.sub_id) }, body.dns);
    else throw new EmulatorError(400, "ip_id or sub_id is required.");
  }

  upgradePackages(serverId: string): Record<string, unknown>[] {
    return upgradePackageViews(this.server(serverId), this.brand);
  }

  /**
   * POST /servers/{id}/upgrade {pkg_id}: only a package the list offers. The documents say nothing of
   * timing: the server shows the new package after `upgradeMs` (a guess, docs/gigahost.md, "Behaviour guessed").
   */
  upgrade(serverId: string, body: Record<string, unknown>): void {
    const server = this.server(serverId);
    const packageId = String(body.pkg_id ?? "").trim();
    if (packageId === "") throw new EmulatorError(400, "Missing parameter: pkg_id");
    const offered = upgradePackageViews(server, this.brand);
    const chosen = offered.find((pkg) => pkg.pkg_id === packageId);
    if (!chosen) throw new EmulatorError(400, "Invalid package.");
    if (server.upgrade) throw new EmulatorError(400, "Server is already being upgraded.");
    const until = this.jobs.clock.now() + (this.timings.upgradeMs ?? 2 * 60_000);
    server.upgrade = { packageId, until };
    this.upgradeAt(server, until);
  }

  /** GET /servers/{id}/isos: the account's ISOs, `iso_mounted` "1" for the one mounted on this server. */
  isos(serverId: string): Record<string, unknown>[] {
    const server = this.server(serverId);
    return this.isoList.map((iso) => isoView(iso, this.brand, server.mountedIsoId === iso.id));
  }

  /** POST /servers/{id}/isos {iso_id}: mounts an uploaded ISO (one at a time: a new mount replaces the old, a guess). */
  mountIso(serverId: string, body: Record<string, unknown>): void {
    const server = this.server(serverId);
    const isoId = String(body.iso_id ?? "").trim();
    if (isoId === "") throw new EmulatorError(400, "Missing parameter: iso_id");
    const iso = this.isoList.find((candidate) => candidate.id === isoId);
    if (!iso) throw new EmulatorError(404, "ISO not found.");
    if (iso.state === "uploading") throw new EmulatorError(400, "ISO is still uploading.");
    server.mountedIsoId = iso.id;
  }

  /** GET /servers/{id}/port_bits and /port_upkts: base64 images per period. */
  graphs(serverId: string): Record<string, string> {
    this.server(serverId);
    return { graph_day: TINY_PNG, graph_week: TINY_PNG, graph_month: TINY_PNG, graph_year: TINY_PNG };
  }

  /** POST /servers/{id}/ipmi: a KVM/IPMI session for 3 hours; the server view shows it in `ipmi_session`. */
  openIpmi(serverId: string): { kvm_ip_address: string; username: string; password: string } {
    const server = this.server(serverId);
    server.ipmi = {
      address: `185.125.168.${Number(server.id) % 250}`,
      username: `kvm${server.id}`,
      password: randomBytes(12).toString("base64url"),
      expires: this.jobs.clock.now() + 3 * 3_600_000,
    };
    return { kvm_ip_address: server.ipmi.address, username: server.ipmi.username, password: server.ipmi.password };
  }

  /**
   * POST /servers/{id}/ipv4 {ip_type}: one more IPv4 address, listed in the server's `ips` as "extra"
   * (an L3 one routed to the primary address). The documents give no answer beyond `meta`.
   */
  orderIpv4(serverId: string, body: Record<string, unknown>): void {
    const server = this.server(serverId);
    const type = body.ip_type;
    if (type !== "l2" && type !== "l3") throw new EmulatorError(400, 'ip_type must be "l2" or "l3".');
    const n = Number(server.id) % 250;
    const octet = 100 + (this.nextId % 150);
    const id = String(this.nextId++);
    server.ips.push({
      id,
      subId: type === "l3" ? "404" : "405",
      address: `185.181.${octet}.${n}`,
      reverse: `static.185.181.${octet}.${n}.customers.${this.brand.name}.no`,
      type: "extra",
      gateway: `185.181.${octet}.1`,
      layer: type,
    });
  }

  /** PUT /servers/{id}/ipv4/{ip_id} {target_srv_id}: moves a routed (L3) address to another server. */
  moveIpv4(serverId: string, ipId: string, body: Record<string, unknown>): void {
    const server = this.server(serverId);
    const target = String(body.target_srv_id ?? "").trim();
    if (target === "") throw new EmulatorError(400, "Missing parameter: target_srv_id");
    const destination = this.servers.get(target);
    if (!destination) throw new EmulatorError(404, "Target server not found.");
    this.moveIp(server, ipId, destination, true);
  }

  snapshot(): ServerStateSnapshot {
    return structuredClone({ nextId: this.nextId, servers: [...this.servers.values()], dead: [...this.dead], isos: this.isoList });
  }

  restore(snapshot: ServerStateSnapshot): void {
    this.nextId = snapshot.nextId;
    this.servers = new Map(structuredClone(snapshot.servers).map((server) => [server.id, server]));
    this.dead = new Set(snapshot.dead ?? []);
    this.isoList = structuredClone(snapshot.isos ?? []);
    this.installing = new Set();
    this.hidden = new Set();
    this.pendingSnapshots = new Set();
    // Restore expects the job clock cleared; due times already past need no job.
    const now = this.jobs.clock.now();
    for (const server of this.servers.values()) {
      if (server.installUntil > now) this.installUntil(server, server.installUntil);
      if (server.hiddenUntil > now) this.hideUntil(server, server.hiddenUntil);
      for (const stored of server.snapshots) if (stored.readyAt > now) this.completeSnapshotAt(stored);
      if (server.upgrade) this.upgradeAt(server, server.upgrade.until);
    }
  }

  server(serverId: string): StoredServer {
    const server = this.servers.get(serverId);
    if (!server) throw notFound();
    return server;
  }

  private applyReverse(server: StoredServer, target: { ipId?: string; subnetId?: string }, dns: string): void {
    const name = dns.trim();
    if (name !== "" && !/^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}\.?$/i.test(name)) {
      throw new EmulatorError(400, "Invalid hostname.");
    }
    if (target.ipId !== undefined) {
      const ip = server.ips.find((candidate) => candidate.id === target.ipId);
      if (!ip) throw new EmulatorError(404, "IP not found.");
      ip.reverse = name;
    } else {
      const subnet = server.subnets.find((candidate) => candidate.id === target.subnetId);
      if (!subnet) throw new EmulatorError(404, "Subnet not found.");
      subnet.ns = name;
    }
  }

  private moveIp(server: StoredServer, ipId: string, destination: StoredServer, routedOnly: boolean): void {
    const ip = server.ips.find((candidate) => candidate.id === ipId && (candidate.family ?? "ipv4") === "ipv4");
    if (!ip) throw new EmulatorError(404, "IP not found.");
    if (ip.type === "primary") throw new EmulatorError(400, "The primary IP cannot be moved.");
    if (routedOnly && ip.layer !== "l3") throw new EmulatorError(400, "Only routed (L3) IPs can be moved.");
    if (destination.id === server.id) throw new EmulatorError(400, "The IP is already on this server.");
    server.ips = server.ips.filter((candidate) => candidate !== ip);
    destination.ips.push(ip);
  }

  /** A package upgrade completes at `until`: the server takes the package's product, cores, memory and disk. */
  private upgradeAt(server: StoredServer, until: number): void {
    this.jobs.at(
      until,
      () => {
        const pending = server.upgrade;
        if (!pending) return;
        const pkg = PACKAGES.find((candidate) => candidate.pkg_id === pending.packageId)!;
        server.productId = pkg.product_id;
        server.cores = Number(pkg.pkg_cores);
        server.ramGb = Number(pkg.pkg_ram) / 1024;
        if (server.disks[0]) server.disks[0].sizeGb = Math.max(server.disks[0].sizeGb, Number(pkg.pkg_disk));
        server.upgrade = null;
      },
      `server:${server.id}:upgrade`,
    );
  }

  private status(server: StoredServer): ServerStatus {
    return { installing: this.installing.has(server.id), snapshotPending: server.snapshots.some((stored) => this.pendingSnapshots.has(stored.id)) };
  }

  /** An OS install runs until `until` (stored as installUntil). */
  private installUntil(server: StoredServer, until: number): void {
    server.installUntil = until;
    this.installing.add(server.id);
    this.jobs.at(until, () => this.installing.delete(server.id), `server:${server.id}:install`);
  }

  /** The listing omits the server until `until` (docs/gigahost.md, "Vendor quirks handled"). */
  private hideUntil(server: StoredServer, until: number): void {
    this.hidden.add(server.id);
    this.jobs.at(until, () => this.hidden.delete(server.id), `server:${server.id}:hidden`);
  }

  /** A snapshot is "pending" until its `readyAt`. */
  private completeSnapshotAt(snapshot: StoredSnapshot): void {
    this.pendingSnapshots.add(snapshot.id);
    this.jobs.at(snapshot.readyAt, () => this.pendingSnapshots.delete(snapshot.id), `snapshot:${snapshot.id}`);
  }
}

const notFound = () => new EmulatorError(404, "Server not found.");
