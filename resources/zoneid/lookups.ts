import { programConfigSource } from "../../provider/programSettings";
import { pathSegmentArgument } from "../../provider/urlPath";
import { zoneidClient } from "../../provider/zoneid/client";
import { RECORD_TYPES, RecordState, recordFromWire } from "./dnsRecord";
import { ZoneState, zoneFromWire } from "./dnsZone";
import { DomainSettingsState, domainSettingsFromWire } from "./domainSettings";
import { powerStateOf } from "./cloudServer";
import { normalizeHostname } from "../../provider/dns";
import { zoneNameProblem } from "./names";
import type { CloudOptions } from "../../provider/zoneid/serviceWire";

/**
 * Lookups for Pulumi programs: plain async functions that run in the program
 * process with the stack's `zoneid:*` config (or ZONEID_* variables). They
 * share the process's rate limiter with nothing else, so keep them few.
 */

/** A zone name argument as the API takes it, or an error naming the function and argument. */
function zoneArgument(functionName: string, argument: string, value: unknown): string {
  const text = typeof value === "string" ? value : "";
  const problem = zoneNameProblem(text);
  if (problem) throw new Error(`${functionName}: \`${argument}\` ${problem.replace(/^"[^"]*" /, "")}; got ${JSON.stringify(value)}`);
  return normalizeHostname(text);
}

/** The zone's settings; fails clearly when the account has no such zone. */
export async function getZone(args: { name: string }): Promise<ZoneState> {
  const name = zoneArgument("getZone", "name", args.name);
  const zone = await zoneidClient(programConfigSource).getZone(name);
  if (!zone) throw new Error(`getZone: the ZoneID account has no DNS zone named "${args.name}"`);
  return zoneFromWire(name, zone);
}

/** The zone's records, of one type or (one request per type) of all eleven. */
export async function getRecords(args: { zone: string; type?: (typeof RECORD_TYPES)[number] }): Promise<(RecordState & { system: boolean })[]> {
  const client = zoneidClient(programConfigSource);
  const zone = zoneArgument("getRecords", "zone", args.zone);
  const types = args.type ? [args.type.toLowerCase() as (typeof RECORD_TYPES)[number]] : RECORD_TYPES;
  const records: (RecordState & { system: boolean })[] = [];
  for (const type of types) {
    const listed = await client.listRecords(zone, type, { fresh: true });
    if (listed === undefined) throw new Error(`getRecords: the ZoneID account has no DNS zone named "${args.zone}"`);
    records.push(...listed.map((wire) => recordFromWire(zone, type, wire)));
  }
  return records;
}

/** Every domain of the account with its settings (all pages, 100 at a time). */
export async function getDomains(args: { name?: string } = {}): Promise<(DomainSettingsState & { delegated: string | null })[]> {
  const domains = await zoneidClient(programConfigSource).listDomains();
  const wanted = args.name?.trim().toLowerCase().replace(/\.$/, "");
  return domains
    .map((wire) => ({ ...domainSettingsFromWire(wire), delegated: wire.delegated }))
    .filter((domain) => wanted === undefined || domain.domain === wanted);
}

export interface CloudServerFacts {
  hostName: string;
  ip: string | null;
  username: string;
  availabilityZone: string | null;
  operatingSystem: string | null;
  state: string | null;
  powerState: "running" | "stopped" | null;
  vcpu: number | null;
  ramGb: number | null;
  diskGb: number | null;
  suspended: boolean;
}

/** A cloud server by host name (e.g. uvn-12-345.tll01.zonevs.eu); fails clearly when there is none. */
export async function getCloudServer(args: { hostName: string }): Promise<CloudServerFacts> {
  const hostName = pathSegmentArgument("getCloudServer", "hostName", String(args.hostName ?? "").trim().toLowerCase());
  const vm = await zoneidClient(programConfigSource).getCloudServer(hostName);
  if (!vm) throw new Error(`getCloudServer: the ZoneID account has no cloud server "${args.hostName}"`);
  const gb = (bytes: number | null) => (bytes === null ? null : Math.round(bytes / 1024 ** 3));
  return {
    hostName: vm.name,
    ip: vm.ip,
    username: vm.username,
    availabilityZone: vm.availability_zone,
    operatingSystem: vm.os_human,
    state: vm.state,
    powerState: powerStateOf(vm.state),
    vcpu: vm.cpu,
    ramGb: gb(vm.ram),
    diskGb: gb(vm.disk),
    suspended: vm.suspended,
  };
}

/**
 * What a CloudServer can be ordered with: the vendor's option strings as
 * given (`options`), and those of the form "<kind>:<value>" sorted into
 * datacenters, packages, operating systems and billing periods (months).
 */
export async function getCloudOrderOptions(): Promise<CloudOptions> {
  return zoneidClient(programConfigSource).getCloudOrderOptions();
}
