import type { ServerFacts } from "../gigahost/server";
import { Invoice, MyAccount, readMyAccount, readMyInvoices } from "../gigahost/accountLookups";
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
} from "../gigahost/serverLookups";

/**
 * Lookups for Pulumi programs with the stack's `terrahost:*` config (or
 * TERRAHOST_* variables): the Gigahost server lookups, bound to Terrahost.
 */

export type { IpmiSession, Iso, OperatingSystem, TrafficGraphs, UpgradePackage } from "../gigahost/serverLookups";
export type { Invoice, MyAccount } from "../gigahost/accountLookups";

/** The account's servers, as the listing shows them (no disks or IPv6 subnets: use getServer for those). */
export function getServers(): Promise<ServerFacts[]> {
  return listServers("terrahost");
}

/**
 * One server with its disks and IPv6 subnets. The API omits live servers
 * transiently, so a server is only reported missing after it stayed absent
 * for 90 seconds (docs/gigahost.md, "Vendor quirks handled").
 */
export function getServer(args: { serverId: string | number }): Promise<ServerFacts> {
  return findServer("terrahost", args);
}

/**
 * Installable operating systems: every distribution's, or only those of
 * `distribution` (its name or value, case-insensitive: "Ubuntu", "debian").
 */
export function getOperatingSystems(args: { distribution?: string } = {}): Promise<OperatingSystem[]> {
  return listOperatingSystems("terrahost", args);
}

/** The packages a server can be upgraded to (empty for dedicated servers). */
export function getUpgradePackages(args: { serverId: string | number }): Promise<UpgradePackage[]> {
  return listUpgradePackages("terrahost", args);
}

/** The ISOs uploaded to the account, and which is mounted on `serverId` (a `Server`'s `mountedIsoId` takes an `isoId`). */
export function getIsos(args: { serverId: string | number }): Promise<Iso[]> {
  return listIsos("terrahost", args);
}

/**
 * A server's traffic graphs as base64 images (day, week, month, year): bandwidth
 * (`counter: "bits"`, the default) or packets (`"packets"`).
 */
export function getTrafficGraphs(args: { serverId: string | number; counter?: "bits" | "packets" }): Promise<TrafficGraphs> {
  return readTrafficGraphs("terrahost", args);
}

/**
 * Opens a KVM/IPMI console session (valid 3 hours) and returns its address,
 * user name and password (a secret Output). Every call opens a new session:
 * call it only when a console is wanted, not on every `pulumi up`.
 * A `pulumi preview` opens none: the three fields are then unknown Outputs.
 */
export function openIpmiSession(args: { serverId: string | number }): Promise<IpmiSession> {
  return openIpmi("terrahost", args);
}

/** GET /my/account: the account's stored data with its contacts. Needs a login (username and password): API keys get 403. */
export function getMyAccount(): Promise<MyAccount> {
  return readMyAccount("terrahost");
}

/** GET /my/invoices: every invoice of the account. */
export function getMyInvoices(): Promise<Invoice[]> {
  return readMyInvoices("terrahost");
}
