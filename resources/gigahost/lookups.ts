import { gigahostClient } from "../../provider/gigahost/client";
import { programConfigSource } from "../../provider/programSettings";
import { AsnState, asnFromWire } from "./bgpAsn";
import { SessionView, sessionFromWire } from "./bgpSession";
import { RecordState, recordFromWire } from "./dnsRecord";
import { ZoneState, zoneFromWire } from "./dnsZone";
import { ServerFacts } from "./server";
import {
  IpmiSession,
  Iso,
  OperatingSystem,
  TrafficGraphs,
  UpgradePackage,
  findServer,
  listIsos,
  listOperatingSystems,
  listServers,
  listUpgradePackages,
  openIpmiSession as openIpmi,
  readTrafficGraphs,
} from "./serverLookups";

export type { IpmiSession, Iso, OperatingSystem, TrafficGraphs, UpgradePackage } from "./serverLookups";

/**
 * Lookups for Pulumi programs: plain async functions that run in the program
 * process with the stack's `gigahost:*` config (or GIGAHOST_* variables).
 * Those that apply to Terrahost too are bound to it in resources/terrahost/lookups.ts.
 */

const client = () => gigahostClient("gigahost", programConfigSource);

export async function getZones(): Promise<ZoneState[]> {
  return (await client().listZones()).map(zoneFromWire);
}

/** The zone of this name; fails clearly when the account has none. */
export async function getZone(args: { name: string }): Promise<ZoneState> {
  const zone = await client().findZoneByName(args.name.trim().replace(/\.$/, ""));
  if (!zone) throw new Error(`getZone: the Gigahost account has no zone named "${args.name}"`);
  return zoneFromWire(zone);
}

export async function getRecords(args: { zoneId: string }): Promise<RecordState[]> {
  const zoneId = String(args.zoneId ?? "").trim();
  if (!/^\d+$/.test(zoneId)) throw new Error(`getRecords: zoneId must be the zone id (digits), e.g. a DnsZone's zoneId; got ${JSON.stringify(args.zoneId)}`);
  return (await client().listRecords(zoneId)).map((record) => recordFromWire(zoneId, record));
}

// ---- servers (both brands: Terrahost's are bound in resources/terrahost/lookups.ts) ----

/** The account's servers, as the listing shows them (no disks or IPv6 subnets: use getServer for those). */
export function getServers(): Promise<ServerFacts[]> {
  return listServers("gigahost");
}

/**
 * One server with its disks and IPv6 subnets. The API omits live servers
 * transiently, so a server is only reported missing after it stayed absent
 * for 90 seconds (docs/gigahost.md, "Vendor quirks handled").
 */
export function getServer(args: { serverId: string | number }): Promise<ServerFacts> {
  return findServer("gigahost", args);
}

/**
 * Installable operating systems: every distribution's, or only those of
 * `distribution` (its name or value, case-insensitive: "Ubuntu", "debian").
 */
export function getOperatingSystems(args: { distribution?: string } = {}): Promise<OperatingSystem[]> {
  return listOperatingSystems("gigahost", args);
}

/** The packages a server can be upgraded to (empty for dedicated servers). */
export function getUpgradePackages(args: { serverId: string | number }): Promise<UpgradePackage[]> {
  return listUpgradePackages("gigahost", args);
}

/** The ISOs uploaded to the account, and which is mounted on `serverId` (a `Server`'s `mountedIsoId` takes an `isoId`). */
export function getIsos(args: { serverId: string | number }): Promise<Iso[]> {
  return listIsos("gigahost", args);
}

/**
 * A server's traffic graphs as base64 images (day, week, month, year): bandwidth
 * (`counter: "bits"`, the default) or packets (`"packets"`).
 */
export function getTrafficGraphs(args: { serverId: string | number; counter?: "bits" | "packets" }): Promise<TrafficGraphs> {
  return readTrafficGraphs("gigahost", args);
}

/**
 * Opens a KVM/IPMI console session (valid 3 hours) and returns its address,
 * user name and password (a secret Output). Every call opens a new session:
 * call it only when a console is wanted, not on every `pulumi up`.
 * A `pulumi preview` opens none: the three fields are then unknown Outputs.
 */
export function openIpmiSession(args: { serverId: string | number }): Promise<IpmiSession> {
  return openIpmi("gigahost", args);
}

// ---- Gigahost only ----

export interface DeployProduct {
  /** DeployedServer's `productId`. */
  productId: string;
  /** DeployedServer's `priceId`. */
  priceId: string;
  name: string | null;
  tier: string | null;
  price: string | null;
  cores: number | null;
  ramGb: number | null;
  diskGb: number | null;
  /** DeployedServer's `regionId` must be one of these. */
  regionIds: string[];
  allowsHourly: boolean;
}

export interface DeployCatalog {
  products: DeployProduct[];
  regions: { regionId: string; name: string | null; location: string | null }[];
  /** Whether the account may order servers now, and why not. */
  canDeploy: boolean | null;
  reason: string | null;
}

/** What DeployedServer can order: products with their price and region ids, and the regions. */
export async function getDeployCatalog(): Promise<DeployCatalog> {
  const catalog = await client().deploy.catalog();
  return {
    products: catalog.tiers.flatMap((tier) =>
      tier.products.map((product) => ({
        productId: product.product_id,
        priceId: product.price_id,
        name: product.product_name,
        tier: tier.tier_name,
        price: product.price ?? null,
        cores: product.cores,
        ramGb: product.ram,
        diskGb: product.disk,
        regionIds: product.region_ids,
        allowsHourly: product.allow_hourly ?? false,
      })),
    ),
    regions: catalog.regions.map((region) => ({ regionId: region.region_id, name: region.region_name, location: region.region_location })),
    canDeploy: catalog.eligibility?.can_deploy ?? null,
    reason: catalog.eligibility?.reason || null,
  };
}

/** The account's ASNs (with the database ids BgpSession needs) and BGP sessions. */
export async function getBgp(): Promise<{ asns: AsnState[]; sessions: SessionView[] }> {
  const overview = await client().bgp.overview();
  return { asns: overview.asn.map(asnFromWire), sessions: overview.sessions.map(sessionFromWire) };
}

const NO_DOMAIN = /^(?=.{1,253}$)([a-z0-9\u00c0-\u024f]([a-z0-9\u00c0-\u024f-]{0,61}[a-z0-9\u00c0-\u024f])?\.)+no$/;

/** Whether a .no domain can be registered (NoDomain checks this itself before registering). */
export async function checkDomainAvailability(args: { domain: string }): Promise<{ domain: string; available: boolean; reason: string | null }> {
  const domain = String(args.domain ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (!NO_DOMAIN.test(domain)) throw new Error(`checkDomainAvailability: domain must be a .no domain such as "example.no"; got ${JSON.stringify(args.domain)}`);
  const answer = await client().domains.checkAvailability(domain);
  return { domain: answer.domain, available: answer.available, reason: answer.reason || null };
}

/** A Norwegian company by its 9-digit organization number (the registrant of a NoDomain). */
export async function lookupOrganization(args: {
  orgNumber: string | number;
}): Promise<{ orgNumber: string; companyName: string; address: string | null; zipCode: string | null; city: string | null }> {
  const orgNumber = String(args.orgNumber ?? "").replace(/\s/g, "");
  if (!/^\d{9}$/.test(orgNumber)) throw new Error(`lookupOrganization: orgNumber must be 9 digits, e.g. "923609016"; got ${JSON.stringify(args.orgNumber)}`);
  const org = await client().domains.lookupOrganization(orgNumber);
  return { orgNumber, companyName: org.company_name, address: org.address, zipCode: org.zip_code, city: org.city };
}
