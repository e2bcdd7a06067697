import { realClock } from "../../provider/clock";
import { operationDeadline } from "../../provider/deadline";
import { gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { AccountWire, BackupWire, IpAddressWire, LocationWire, NetworkWire, TemplateWire, VirtualMachineWire } from "../../provider/gigas/wire";
import { stderrLogger } from "../../provider/log";
import { programConfigSource } from "../../provider/programSettings";
import { pathSegmentArgument } from "../../provider/urlPath";

/**
 * Lookups for Pulumi programs: plain async functions that run in the program
 * process with the stack's `gigas:*` config (or GIGAS_* variables). Every
 * list is read in full, page by page.
 */

export interface GigasAccount {
  id: string;
  categorySlug: string | null;
  domain: string | null;
  status: string | null;
  productId: string | null;
}

export interface GigasLocation {
  id: string;
  label: string;
}

export interface GigasTemplate {
  id: string;
  label: string;
  status: string | null;
  operatingSystem: string | null;
  operatingSystemArch: string | null;
  operatingSystemDistro: string | null;
  /** GB; a VirtualMachine's primaryDiskSize must be at least this. */
  minDiskSize: number | null;
  /** MB; a VirtualMachine's memory must be at least this. */
  minMemorySize: number | null;
  allowedSwap: boolean | null;
  public: boolean | null;
}

export interface GigasVirtualMachineSummary {
  id: string;
  label: string;
  hostname: string;
  status: string;
  locked: boolean;
  memory: number;
  cpus: number;
  templateId: string | null;
  locationId: string | null;
  operatingSystem: string | null;
  note: string;
}

export interface GigasNetwork {
  id: string;
  label: string | null;
  vlan: number | null;
  status: string | null;
  public: boolean | null;
  multidatacenter: boolean | null;
}

/** An IP address on a network (the networks page; no IP schema is stored, these are its Add-IP fields plus ids). */
export interface GigasNetworkIpAddress {
  id: string;
  address: string;
  networkId: string | null;
  /** The interface the address is assigned to; null when it is not assigned (a guessed field, docs/gigas.md). */
  networkInterfaceId: string | null;
  netmask: string | null;
  gateway: string | null;
  broadcast: string | null;
  networkAddress: string | null;
  disallowedPrimary: boolean | null;
}

/** A backup as the backup page describes it. */
export interface GigasBackup {
  id: string;
  /** The disk the backup came from; a restore (`BackupRestore`) writes it back there. */
  diskId: string | null;
  /** When Gigas made it, as Gigas writes it. */
  dateCreated: string | null;
  /** "active" when free; Gigas's word for a running operation otherwise. */
  status: string | null;
  operatingSystem: string | null;
  operatingSystemDistro: string | null;
  /** The template the disk was provisioned from. */
  templateId: string | null;
  /** Size, as Gigas reports it (GB). */
  backupSize: number | null;
  /** Whether a queued operation (restore, template, delete) holds it. */
  locked: boolean;
  /** `gigas` (made on request) or `gigas-automatic` (a disk's autobackup). */
  backupType: string | null;
}

export function backupFromWire(wire: BackupWire): GigasBackup {
  return {
    id: wire.id,
    diskId: wire.disk_id ?? null,
    dateCreated: wire.date_created,
    status: wire.status,
    operatingSystem: wire.operating_system,
    operatingSystemDistro: wire.operating_system_distro,
    templateId: wire.template_id ?? null,
    backupSize: wire.backup_size,
    locked: wire.locked ?? false,
    backupType: wire.backup_type,
  };
}

export function accountFromWire(wire: AccountWire): GigasAccount {
  return { id: wire.id, categorySlug: wire.category_slug, domain: wire.domain, status: wire.status, productId: wire.product_id ?? null };
}

export function templateFromWire(wire: TemplateWire): GigasTemplate {
  return {
    id: wire.id,
    label: wire.label,
    status: wire.status,
    operatingSystem: wire.operating_system,
    operatingSystemArch: wire.operating_system_arch,
    operatingSystemDistro: wire.operating_system_distro,
    minDiskSize: wire.min_disk_size,
    minMemorySize: wire.min_memory_size,
    allowedSwap: wire.allowed_swap ?? null,
    public: wire.public ?? null,
  };
}

/** Every account the credentials reach (pick one with `gigas:accountId` when there are several). */
export async function getAccounts(): Promise<GigasAccount[]> {
  return (await gigasClient(programConfigSource).listAccounts()).map(accountFromWire);
}

export async function getLocations(): Promise<GigasLocation[]> {
  return (await gigasClient(programConfigSource).listLocations()).map((wire: LocationWire) => ({ id: wire.id, label: wire.label }));
}

/**
 * Templates of the account. `label` matches part of the label and
 * `operatingSystem` the OS family ("linux", "windows"), both ignoring case.
 */
export async function getTemplates(args: { label?: string; operatingSystem?: string } = {}): Promise<GigasTemplate[]> {
  const os = args.operatingSystem?.trim().toLowerCase();
  const label = args.label?.trim().toLowerCase();
  const templates = await gigasClient(programConfigSource).listTemplates(os ? { operating_system: os } : {});
  return templates
    .map(templateFromWire)
    .filter((t) => (!os || t.operatingSystem?.toLowerCase() === os) && (!label || t.label.toLowerCase().includes(label)));
}

export async function getVirtualMachines(): Promise<GigasVirtualMachineSummary[]> {
  return (await gigasClient(programConfigSource).listVirtualMachines()).map((wire: VirtualMachineWire) => ({
    id: wire.id,
    label: wire.label,
    hostname: wire.hostname,
    status: wire.status,
    locked: wire.locked,
    memory: wire.memory,
    cpus: wire.cpus,
    templateId: wire.template_id ?? null,
    locationId: wire.location_id ?? null,
    operatingSystem: wire.operating_system,
    note: wire.note ?? "",
  }));
}

function networkFromWire(wire: NetworkWire): GigasNetwork {
  return {
    id: wire.id,
    label: wire.label,
    vlan: wire.vlan,
    status: wire.status,
    public: wire.public ?? null,
    multidatacenter: wire.multidatacenter ?? null,
  };
}

export async function getNetworks(): Promise<GigasNetwork[]> {
  return (await gigasClient(programConfigSource).listNetworks()).map(networkFromWire);
}

/** One network (the networks page's "Get network"); an error naming `networkId` when there is none. */
export async function getNetwork(args: { networkId: string | number }): Promise<GigasNetwork> {
  const networkId = String(args.networkId).trim();
  const network = await gigasClient(programConfigSource).getNetwork(networkId);
  if (!network) throw new Error(`getNetwork: networkId ${networkId} is not a network of this Gigas account; list them with getNetworks()`);
  return networkFromWire(network);
}

/** The IP addresses on a network (the networks page's "IPs on a network"). */
export async function getNetworkIpAddresses(args: { networkId: string | number }): Promise<GigasNetworkIpAddress[]> {
  return (await gigasClient(programConfigSource).listNetworkIpAddresses(String(args.networkId).trim())).map(ipAddressFromWire);
}

/**
 * The account's IP records with this address, on any network (`GET …/ip_addresses?ip=`, the
 * network interfaces page: "finds an IP address record and its id"); none when it is not there.
 */
export async function getIpAddresses(args: { ip: string }): Promise<GigasNetworkIpAddress[]> {
  const ip = args.ip.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw new Error(`getIpAddresses: ip must be an IPv4 address such as 10.0.0.10 (got "${args.ip}")`);
  return (await gigasClient(programConfigSource).findIpAddresses(ip)).map(ipAddressFromWire);
}

function ipAddressFromWire(wire: IpAddressWire): GigasNetworkIpAddress {
  return {
    id: wire.id,
    address: wire.address,
    networkId: wire.network_id ?? null,
    networkInterfaceId: wire.network_interface_id ?? null,
    netmask: wire.netmask || null,
    gateway: wire.gateway || null,
    broadcast: wire.broadcast || null,
    networkAddress: wire.network_address || null,
    disallowedPrimary: wire.disallowed_primary ?? null,
  };
}

/**
 * The account's backups (the backup page's list), every page. `diskId`
 * keeps those of one disk; `operatingSystem` and `operatingSystemDistro`
 * are the page's filters too, sent as given.
 */
export async function getBackups(args: { diskId?: string | number; operatingSystem?: string; operatingSystemDistro?: string } = {}): Promise<GigasBackup[]> {
  const diskId = args.diskId === undefined ? undefined : pathSegmentArgument("getBackups", "diskId", args.diskId);
  const backups = await gigasClient(programConfigSource).listBackups({
    disk_id: diskId,
    operating_system: args.operatingSystem,
    operating_system_distro: args.operatingSystemDistro,
  });
  return backups.map(backupFromWire);
}

/** One backup; undefined when there is none with this id. */
export async function getBackup(args: { backupId: string | number }): Promise<GigasBackup | undefined> {
  const backup = await gigasClient(programConfigSource).getBackup(pathSegmentArgument("getBackup", "backupId", args.backupId));
  return backup && backupFromWire(backup);
}

/**
 * Deletes a backup (the backup page's Delete, a queued operation) and waits
 * until Gigas has removed it, at most `timeoutMs` (default 20 minutes).
 * Resolves true when this call deleted it, false when it was already gone.
 * A function, not a resource: Gigas documents no call that makes a backup,
 * so a resource would only adopt one the stack never made and delete it on
 * destroy; this says the intent once. In a Pulumi program it runs on every
 * preview and update: call it from a one-off script, or guard it.
 */
export async function deleteBackup(args: { backupId: string | number; timeoutMs?: number }): Promise<boolean> {
  const backupId = pathSegmentArgument("deleteBackup", "backupId", args.backupId);
  const client = gigasClient(programConfigSource);
  const token = await client.deleteBackup(backupId);
  if (token === undefined) return false;
  const deadline = operationDeadline("delete", args.timeoutMs ?? 20 * 60_000, realClock, args.timeoutMs !== undefined);
  await waitForTransaction(client, token, `deletion of backup ${backupId}`, Object.assign(deadline, { logger: stderrLogger }));
  return true;
}
