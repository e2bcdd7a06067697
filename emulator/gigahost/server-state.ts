// Gigahost/Terrahost servers (gigahost-api-v0.txt "servers", terrahost-api-v3.txt
// "/server"): the server objects, snapshots that complete on the emulator
// clock, OS reinstalls, power control, reverse DNS, and the verified live quirk
// that servers are transiently omitted from the listing (gigahost-api.md, 6).
import { randomBytes } from "node:crypto";
import { EmulatorError, type EmulatorClock } from "../core";

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
  /** Unix ms until which the listing omits this server (verified behaviour 6). */
  hiddenUntil: number;
}

export interface ServerStateSnapshot {
  nextId: number;
  servers: StoredServer[];
  /** Servers that died while provisioning: gone, but cancel answers 400 (verified behaviour 7). */
  dead?: string[];
}

export interface Distribution {
  dist_id: string;
  type_id: string;
  dist_name: string;
  dist_value: string;
  dist_logo: string;
  dist_description: string;
  dist_active: string;
}

export const DISTRIBUTIONS: Distribution[] = [
  { dist_id: "1", type_id: "1", dist_name: "Ubuntu", dist_value: "ubuntu", dist_logo: "/images/os/ubuntu.png", dist_description: "", dist_active: "1" },
  { dist_id: "2", type_id: "1", dist_name: "Debian", dist_value: "debian", dist_logo: "/images/os/debian.png", dist_description: "", dist_active: "1" },
];

export const OPERATING_SYSTEMS = [
  { os_id: "72", dist_id: "1", os_name: "Ubuntu 18.04 LTS 64-bit", os_release: "ubuntu", os_dist: "18.04" },
  { os_id: "101", dist_id: "1", os_name: "Ubuntu 24.04 LTS 64-bit", os_release: "ubuntu", os_dist: "24.04" },
  { os_id: "110", dist_id: "2", os_name: "Debian 12 64-bit", os_release: "debian", os_dist: "12" },
].map((os) => ({ ...os, os_arch: "amd64", os_custom_partition: "1", os_single_disk_only: "0", os_support_raid: "1", os_dedicated_only: "0", os_minram: "0" }));

export interface ServerTimings {
  /** How long a snapshot stays "pending"; default 3 minutes. */
  snapshotMs: number;
  /** How long a reinstall keeps `srv_status_install` true; default 5 minutes. */
  reinstallMs: number;
}

export class GigahostServerState {
  private nextId = 3000;
  private servers = new Map<string, StoredServer>();
  private dead = new Set<string>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly brand: string,
    private readonly customerId: string,
    private readonly timings: ServerTimings,
  ) {}

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
      reverse: `static.185.181.${60 + i}.${n}.customers.${this.brand}.no`,
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
      label: input.label ?? `srv${id}.${this.brand}.no`,
      hostname: input.hostname ?? `srv${id}.${this.brand}.no`,
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
      created: this.clock.now(),
      snapshots: [],
      hiddenUntil: 0,
    };
    this.servers.set(id, server);
    return structuredClone(server);
  }

  /** A server a deploy order creates: installing until `installUntil`; returns its id and root password. */
  provision(input: NewServer, installUntil: number): { id: string; password: string } {
    const server = this.addServer(input);
    this.server(server.id).installUntil = installUntil;
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

  /** Makes the listing omit the server for `ms` of emulator time (verified behaviour 6). */
  hideServer(serverId: string, ms: number): void {
    this.server(serverId).hiddenUntil = this.clock.now() + ms;
  }

  /** Out-of-band edits of stored fields (label, hostname, osId, poweredOn, suspended, …). */
  updateServer(serverId: string, changes: Partial<Pick<StoredServer, "label" | "hostname" | "osId" | "poweredOn" | "suspended" | "cores" | "ramGb">>): void {
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
    return [...this.servers.values()].filter((server) => !this.isHidden(server)).map((server) => this.summaryView(server));
  }

  /** GET /servers/{id}: the detail view; 404 while transiently hidden. */
  detail(serverId: string): Record<string, unknown> {
    const server = this.server(serverId);
    if (this.isHidden(server)) throw notFound();
    const summary = this.summaryView(server);
    delete summary.srv_primary_ip;
    return {
      ...summary,
      hdds: server.disks.map((disk) => ({
        hdd_id: disk.id,
        srv_id: server.id,
        datastore_id: "0",
        hdd_manufacturer: "Proxmox",
        hdd_model: "",
        hdd_type: "SSD",
        hdd_size: String(disk.sizeGb),
        hdd_space_used: "0",
        hdd_serial_number: "",
      })),
      subnets: server.subnets.map((subnet) => ({
        sub_id: subnet.id,
        sub_parent_id: "675",
        srv_id: server.id,
        device_id: "0",
        sub_type: "ipv6",
        sub_ipv6_type: "",
        sub_network: subnet.network,
        sub_netmask: "48",
        sub_broadcast: "",
        sub_gateway: subnet.gateway,
        sub_cidr: `${subnet.network}/48`,
        sub_vlan: "1510",
        sub_vrf: "1",
        sub_description: "",
        sub_location: server.location,
        sub_duid: "",
        sub_ns: subnet.ns,
      })),
      cpus: [],
      attacklogs: [],
      node: "pmx4dc2",
      bw_used: 0,
    };
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
    const server = this.server(serverId);
    const now = this.clock.now();
    // snap_id and srv_id are numbers here, as in the docs' example (verified behaviour 5: mixed).
    return server.snapshots.map((snapshot) => ({
      snap_id: Number(snapshot.id),
      srv_id: Number(server.id),
      snap_name: snapshot.name,
      snap_display_name: snapshot.displayName,
      snap_time: Math.floor(snapshot.created / 1000),
      snap_state: now >= snapshot.readyAt ? "completed" : "pending",
    }));
  }

  createSnapshot(serverId: string, name: unknown): void {
    const server = this.server(serverId);
    if (server.type !== "vps") throw new EmulatorError(400, "Snapshots are only available for virtual servers.");
    if (typeof name !== "string" || name.trim() === "") throw new EmulatorError(400, "Snapshot name is required.");
    const now = this.clock.now();
    server.snapshots.push({
      id: String(this.nextId++),
      name: randomBytes(4).toString("hex"),
      displayName: name,
      created: now,
      readyAt: now + this.timings.snapshotMs,
    });
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
    if (this.isInstalling(server)) throw new EmulatorError(400, "Server is already being installed.");
    server.osId = osId;
    server.hostname = body.hostname as string;
    server.installUntil = this.clock.now() + this.timings.reinstallMs;
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
    const server = this.server(serverId);
    if (server.type !== "vps") return [];
    return [
      { pkg_id: "3", product_id: "2058", pkg_name: `kvm2048.2018.${this.brand}`, pkg_cores: "2", pkg_ram: "2048", pkg_disk: "40", product_name: "KVM 2048", product_price: "199.00" },
      { pkg_id: "4", product_id: "2059", pkg_name: `kvm4096.2018.${this.brand}`, pkg_cores: "4", pkg_ram: "4096", pkg_disk: "50", product_name: "KVM 4096", product_price: "299.00" },
    ];
  }

  snapshot(): ServerStateSnapshot {
    return structuredClone({ nextId: this.nextId, servers: [...this.servers.values()], dead: [...this.dead] });
  }

  restore(snapshot: ServerStateSnapshot): void {
    this.nextId = snapshot.nextId;
    this.servers = new Map(structuredClone(snapshot.servers).map((server) => [server.id, server]));
    this.dead = new Set(snapshot.dead ?? []);
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

  private isHidden(server: StoredServer): boolean {
    return this.clock.now() < server.hiddenUntil;
  }

  private isInstalling(server: StoredServer): boolean {
    return this.clock.now() < server.installUntil;
  }

  private summaryView(server: StoredServer): Record<string, unknown> {
    const os = OPERATING_SYSTEMS.find((candidate) => candidate.os_id === server.osId)!;
    const installing = this.isInstalling(server);
    return {
      srv_id: server.id,
      srv_tag: "0",
      product_id: "0",
      cust_id: this.customerId,
      os_id: server.osId,
      iso_id: "0",
      srv_name: `srv${server.id}.${this.brand}.no`,
      srv_status: server.poweredOn && !installing,
      srv_status_rescue: false,
      srv_status_install: installing,
      srv_status_snapshot: server.snapshots.some((snapshot) => this.clock.now() < snapshot.readyAt),
      srv_status_mount: false,
      srv_label: server.label,
      srv_date_created: String(Math.floor(server.created / 1000)),
      srv_vps_type: server.type === "vps" ? "kvm" : "",
      srv_hostname: server.hostname,
      srv_bw: "1000",
      srv_feature_reinstall: true,
      srv_feature_mgmt: true,
      srv_mgmt_type: server.type === "vps" ? "kvm" : "ipmi",
      // Numbers arrive as strings (verified behaviour 5).
      srv_cores: String(server.cores),
      srv_ram: String(server.ramGb),
      srv_suspended: server.suspended,
      srv_new: false,
      srv_location: server.location,
      srv_type: server.type,
      srv_primary_ip: server.ips.find((ip) => ip.type === "primary")?.address ?? "",
      os: {
        os_id: os.os_id,
        os_name: os.os_name,
        os_release: os.os_release,
        os_dedicated_only: "0",
        os_minram: "0",
        os_custom_partition: "1",
        os_single_disk_only: "1",
      },
      ips: server.ips.map((ip) => ({
        ip_id: ip.id,
        sub_id: ip.subId,
        ip_v4v6: ip.family ?? "ipv4",
        ip_address: ip.address,
        ip_reverse: ip.reverse,
        ip_traffic_sum: "0",
        ip_pkts_sum: "0",
        ip_nullroute: "0",
        ip_routed_to: "0",
        ip_type: ip.type,
        ip_netmask: "255.255.255.0",
        ip_gateway: ip.gateway,
      })),
      cancelled: null,
    };
  }
}

const notFound = () => new EmulatorError(404, "Server not found.");
